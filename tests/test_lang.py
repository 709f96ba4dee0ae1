"""Language identification refuses only texts that are surely not English."""

from __future__ import annotations

import pytest

from sayso import lang


@pytest.mark.parametrize("text", [
    "China sent warships near Taiwan.",  # an n-gram model reads it as Polish at 0.55
    "Greece expelled two Russian diplomats.",
    "French President Emmanuel Macron met Chinese President Xi Jinping in Beijing.",
    "Mexican President Andrés Manuel López Obrador on Thursday defended the reform.",  # Breton
    "Super PAC haul surges past $1B;",  # French at 0.994
])
def test_short_english_is_never_refused(text: str) -> None:
    assert lang.supported(lang.identify(text))


@pytest.mark.parametrize(("text", "code"), [
    ("Le maire a déclaré lundi que le pont rouvrirait la semaine prochaine, après des travaux "
     "qui ont duré tout l'hiver.", "fr"),
    ("Der Bürgermeister sagte am Montag, die Brücke werde nächste Woche nach monatelangen "
     "Bauarbeiten wieder geöffnet.", "de"),
])
def test_a_paragraph_in_another_language_is_named(text: str, code: str) -> None:
    assert lang.identify(text) == code
    assert not lang.supported(code)


def test_too_short_to_tell_is_the_default_language() -> None:
    assert lang.identify("Hola amigos") is None
