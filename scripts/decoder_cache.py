"""Parse PolNeAR train and dev once and run the tagger over them, for the learned decoder.

    python scripts/decoder_cache.py            # both splits

Writes cache/decoder/<split>.v<PARSE_VERSION>.spacy (the parses) and
cache/decoder/<split>.probs.<model sha256[:12]>.pkl (the tagger's windows and tag
probabilities per article). Both are git-ignored; nothing from the corpus enters the repo.
Used by scripts/train_decoder.py.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import CACHE, doc_ids, read_text  # noqa: E402
from sayso.attributions import tagger  # noqa: E402
from sayso.nlp import PARSE_VERSION  # noqa: E402

FOLDER = CACHE / "decoder"


def model_stamp() -> str:
    data = Path(tagger._data_path(tagger.MODEL_FILE)).read_bytes()
    return hashlib.sha256(data).hexdigest()[:12]


def parsed(split: str):  # type: ignore[no-untyped-def]
    """(doc_id, Doc) pairs of a split, parsed once."""
    from spacy.tokens import DocBin

    from sayso.nlp import load

    nlp = load()
    ids = doc_ids(split)
    path = FOLDER / f"{split}.v{PARSE_VERSION}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((read_text(split, i) for i in ids), batch_size=16))
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(path)
    return list(zip(ids, docs, strict=True))


def probabilities(split: str, docs: list) -> dict:  # type: ignore[type-arg]
    """The tagger's windows and probabilities per article, computed once per model."""
    path = FOLDER / f"{split}.probs.{model_stamp()}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    probs = {doc_id: tagger.probabilities(doc.text) for doc_id, doc in docs}
    path.write_bytes(pickle.dumps(probs))
    return probs


def main() -> None:
    for split in sys.argv[1:] or ["dev", "train"]:
        started = time.perf_counter()
        docs = parsed(split)
        print(split, "parsed", len(docs), f"{time.perf_counter() - started:.0f}s", flush=True)
        probabilities(split, docs)
        print(split, "tagged", f"{time.perf_counter() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
