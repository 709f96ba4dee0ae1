"""The per-document pipeline: text -> spaCy Doc -> attributions -> events.

``process`` is the one function every runner (CLI, local pool, Dask, Spark, the
API) calls.  It never raises for bad input: a document that cannot be read or
analysed comes back as a ``DocumentResult`` with ``error`` set, so batches go on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from sayso import lang
from sayso.model import Article, DocumentResult, InputError, text_sha256
from sayso.nlp import drop_index

log = logging.getLogger(__name__)

# Above this many characters a text is refused with a reason rather than parsed:
# spaCy's memory grows with document length and no news article is this long.
MAX_CHARS = 1_000_000
BATCH_SIZE = 16
# spaCy's parser and NER hold working memory for every token of the batch they are given
# (about 15 KB a token with en_core_web_sm), so batches are also capped by length:
# 30k characters keep a worker's peak RSS near 400 MB on news articles.
BATCH_CHARS = 30_000
# Longer texts are parsed in pieces of at most this many characters, cut after a line
# break where possible, and joined back into one Doc with the exact original text.
CHUNK_CHARS = 20_000


def problem(article: Article) -> InputError | None:
    """Why this article should not be parsed, or None when it is fine."""
    if article.error is not None:
        return article.error
    text = article.text
    if not text.strip():
        # Nothing to analyse is a failure, not an empty success: the exit code must say so.
        return InputError("no_text", "no text (empty or blank)")
    if len(text) > MAX_CHARS:
        return InputError("too_large", f"text too large: {len(text)} characters "
                          f"(limit {MAX_CHARS})")
    if "\x00" in text:
        return InputError("binary", "binary input: contains NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates (e.g. "\ud800" in JSON) crash the tokenizer
        return InputError("bad_encoding", "text is not valid Unicode: unpaired surrogate at "
                          f"character {exc.start}")
    # (``ingest`` triage has identified it already: the same function, so its answer stands)
    language = article.language or lang.identify(text)
    if not lang.supported(language):
        # English rules and models on another language give confident nonsense: refuse it
        # by name (`sayso ingest` keeps such articles in the store, unanalysed).
        return InputError("unsupported_language", f"the text is in language {language!r}; "
                          f"only {', '.join(sorted(lang.SUPPORTED))} is analysed")
    return None


def analyse(doc: Doc, article: Article, fast: bool = False) -> DocumentResult:
    """Run every extractor on a parsed document. Pure: reads doc, writes nothing.

    ``fast``: attributions from the rules alone, without the learned tagger."""
    from sayso.actors import Context, code_speakers
    from sayso.attributions import extract_attributions
    from sayso.events import extract_events

    result = DocumentResult(doc_id=article.doc_id, text_sha256=text_sha256(article.text))
    context = Context.of(doc, article)  # the parse's index and the actor coder, built once
    try:
        attributions = extract_attributions(doc, fast=fast)
        result.attributions = code_speakers(attributions, context)
        result.events = extract_events(doc, result.attributions, article, context)
    finally:
        drop_index(doc)
    return result


def _safe_analyse(doc: Doc, article: Article, fast: bool) -> DocumentResult:
    try:
        return analyse(doc, article, fast)
    except Exception as exc:  # one bad document must never stop a batch
        # The reason goes into the record; the traceback only to debug logging, not the user.
        log.debug("analysis failed for %s", article.doc_id, exc_info=True)
        return failed(article, InputError("analysis_failed",
                                          f"internal error: {type(exc).__name__}: {exc}"))


def failed(article: Article, error: InputError) -> DocumentResult:
    return DocumentResult(doc_id=article.doc_id, text_sha256=text_sha256(article.text), error=error)


def process(
    articles: Iterable[Article], nlp: Language, batch_size: int = BATCH_SIZE,
    batch_chars: int = BATCH_CHARS, fast: bool = False,
) -> Iterator[DocumentResult]:
    """Analyse articles in input order, streaming: memory does not grow with the corpus.

    ``fast``: attributions from the rules alone (no learned tagger)."""
    for _article, result in analysed(articles, nlp, batch_size, batch_chars, fast):
        yield result


def analysed(
    articles: Iterable[Article], nlp: Language, batch_size: int = BATCH_SIZE,
    batch_chars: int = BATCH_CHARS, fast: bool = False,
) -> Iterator[tuple[Article, DocumentResult]]:
    """``(article, result)`` pairs in input order: what every engine hands to the store."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and chars + len(article.text) > batch_chars:
            yield from _process_batch(batch, nlp, fast)
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.text)
        if len(batch) >= batch_size:
            yield from _process_batch(batch, nlp, fast)
            batch, chars = [], 0
    if batch:
        yield from _process_batch(batch, nlp, fast)


def _process_batch(batch: list[Article], nlp: Language, fast: bool
                   ) -> Iterator[tuple[Article, DocumentResult]]:
    reasons = [problem(a) for a in batch]
    good = [a for a, r in zip(batch, reasons, strict=True) if r is None]
    docs = iter(_parse(good, nlp))
    for article, reason in zip(batch, reasons, strict=True):
        if reason is not None:
            yield article, failed(article, reason)
            continue
        doc = next(docs)
        if isinstance(doc, InputError):
            yield article, failed(article, doc)
        elif not article.text.strip():
            yield article, DocumentResult(doc_id=article.doc_id, text_sha256=text_sha256(article.text))
        else:
            yield article, _safe_analyse(doc, article, fast)


def _parse(articles: list[Article], nlp: Language) -> list[Doc | InputError]:
    """Parse a batch; if spaCy fails on it, parse one by one so only the culprit fails.

    A failed parse is returned as its error.
    """
    try:
        short = iter(nlp.pipe(a.text for a in articles if len(a.text) <= CHUNK_CHARS))
        return [next(short) if len(a.text) <= CHUNK_CHARS else parse_long(a.text, nlp)
                for a in articles]
    except Exception:
        log.debug("batch parse failed; parsing one by one", exc_info=True)
    parsed: list[Doc | InputError] = []
    for article in articles:
        try:
            parsed.append(parse_long(article.text, nlp))
        except Exception as exc:
            parsed.append(InputError("analysis_failed", "internal error while parsing: "
                                     f"{type(exc).__name__}: {exc}"))
    return parsed


def parse_long(text: str, nlp: Language) -> Doc:
    """Parse piece by piece so that memory stays bounded; the Doc's text is ``text`` exactly."""
    pieces = split_text(text, CHUNK_CHARS)
    if len(pieces) == 1:
        return nlp(text)
    return Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)


def split_text(text: str, limit: int) -> list[str]:
    """Consecutive pieces of at most ``limit`` characters, cut after a newline, else after
    a sentence end, else after a space (a hard cut only if none of these is near)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start + limit // 2:start + limit]
        for mark in ("\n", ". ", " "):
            found = window.rfind(mark)
            if found >= 0:
                cut = start + limit // 2 + found + len(mark)
                break
        else:
            cut = start + limit
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def process_one(article: Article, nlp: Language, fast: bool = False) -> DocumentResult:
    return next(process([article], nlp, fast=fast))
