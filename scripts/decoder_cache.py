"""Parse PolNeAR train and dev once and run the tagger over them, for the learned decoder.

    python scripts/decoder_cache.py            # both splits

Parses come from (and go to) the shared parse cache of ``attributions_corpus.load_docs``
(cache/polnear_<split>.v<PARSE_VERSION>.spacy); writes cache/decoder/<split>.probs.<model sha256[:12]>.pkl (the tagger's windows and tag
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
from attributions_corpus import CACHE, load_docs  # noqa: E402
from sayso.attributions import tagger  # noqa: E402
from sayso.knowledge.linear import data_path  # noqa: E402

FOLDER = CACHE / "decoder"


def model_stamp() -> str:
    data = Path(data_path(tagger.MODEL_FILE)).read_bytes()
    return hashlib.sha256(data).hexdigest()[:12]


def probabilities(split: str, docs: list) -> dict:  # type: ignore[type-arg]
    """The tagger's windows and probabilities per article, computed once per model."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    path = FOLDER / f"{split}.probs.{model_stamp()}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    probs = {doc_id: tagger.probabilities(doc.text) for doc_id, doc in docs}
    path.write_bytes(pickle.dumps(probs))
    return probs


def main() -> None:
    for split in sys.argv[1:] or ["dev", "train"]:
        started = time.perf_counter()
        docs = load_docs(split)
        print(split, "parsed", len(docs), f"{time.perf_counter() - started:.0f}s", flush=True)
        probabilities(split, docs)
        print(split, "tagged", f"{time.perf_counter() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
