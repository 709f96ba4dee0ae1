"""onnxruntime alone on recorded encoder inputs: a graph rewrite's speed and drift, measured
without the rest of the pipeline (docs/speed.md, twentieth and twenty-first sessions).

    python benchmarks/encoder_replay.py record            # tagger windows of the PolNeAR dev texts
    python benchmarks/encoder_replay.py run [--graphs file unfused attention runtime] [--rounds 2]

``record`` cuts the 84 dev texts (../shared/data/polnear/dev/text) into the tagger's windows as
``sayso.attributions.tagger`` does and keeps only their piece ids (no text) in
``cache/replay/tagger_windows.pkl``. ``run`` makes one session per graph (``file``: the model
file as shipped; ``unfused``: the fused layer norms rewritten (twentieth session);
``attention``: that and the fused attention; ``runtime``: that and ``BiasGelu`` as ``Add`` +
``Gelu``, as the tagger runs since the twenty-first session), prints how far each
graph's logits are from the first graph's on the first 100 windows, then times every graph on
every window in turn, ``--rounds`` times, alternating (``time.process_time``, one thread: the
machine's load moves every reading, so compare graphs within a round).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
WINDOWS = ROOT / "cache" / "replay" / "tagger_windows.pkl"
OUTPUTS = ["logits", "hidden"]


def record() -> None:
    from sayso.attributions.tagger import model
    from sayso.attributions.windows import windows

    tokenizer = model()[1]
    ids = [w.ids for p in sorted(DEV.glob("*")) for w in windows(p.read_text("utf-8"), tokenizer)]
    WINDOWS.parent.mkdir(parents=True, exist_ok=True)
    WINDOWS.write_bytes(pickle.dumps(ids))
    print(f"{WINDOWS}: {len(ids)} windows, {sum(map(len, ids))} pieces")


def session(graph: str) -> Any:
    import onnxruntime as ort

    from sayso.attributions.tagger import MODEL_FILE
    from sayso.knowledge.attention import fused_attention
    from sayso.knowledge.linear import data_path
    from sayso.knowledge.unfuse import DISABLED_OPTIMIZERS, unfused

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    raw = Path(data_path(MODEL_FILE)).read_bytes()
    if graph == "file":
        return ort.InferenceSession(raw, options, providers=["CPUExecutionProvider"])
    raw = unfused(raw, gelu=graph == "runtime")[0]
    if graph in ("attention", "runtime"):
        raw = fused_attention(raw)[0]
    return ort.InferenceSession(
        raw, options, providers=["CPUExecutionProvider"], disabled_optimizers=DISABLED_OPTIMIZERS
    )


def run(graphs: list[str], rounds: int) -> None:
    feeds = [
        {"input_ids": np.array([w], dtype=np.int64)} for w in pickle.loads(WINDOWS.read_bytes())
    ]
    sessions = [session(g) for g in graphs]
    first = [s.run(OUTPUTS[:1], f)[0] for s in sessions[:1] for f in feeds[:100]]
    for graph, s in zip(graphs[1:], sessions[1:], strict=True):
        drift = max(
            float(np.abs(s.run(OUTPUTS[:1], f)[0] - a).max())
            for f, a in zip(feeds[:100], first, strict=True)
        )
        print(f"{graph}: largest logit change from {graphs[0]} on 100 windows {drift:.3f}")
    for at in range(rounds):
        for graph, s in zip(graphs, sessions, strict=True):
            start = time.process_time()
            for feed in feeds:
                s.run(OUTPUTS, feed)
            print(f"round {at + 1} {graph}: {time.process_time() - start:.2f} CPU-s", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["record", "run"])
    parser.add_argument(
        "--graphs",
        nargs="+",
        default=["unfused", "runtime"],
        choices=["file", "unfused", "attention", "runtime"],
    )
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    if args.command == "record":
        record()
    else:
        run(args.graphs, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
