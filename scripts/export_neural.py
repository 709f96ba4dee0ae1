"""Export the fine-tuned attribution tagger to ONNX, int8 dynamic quantisation, for run time.

    python scripts/export_neural.py [--checkpoint cache/neural/final] [--out src/sayso/data]

Writes ``attribution_tagger.onnx`` and ``attribution_tagger.tokenizer.json`` (the MiniLM
word-piece tokenizer) and prints their sha256. The run time (sayso.attributions.tagger)
needs only onnxruntime and tokenizers. Needs the ``train`` extra (torch, onnx).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

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

    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    torch.onnx.export(
        Logits(model), (ids, mask), str(target), input_names=["input_ids", "attention_mask"],
        output_names=["logits"], opset_version=OPSET, dynamo=False,
        dynamic_axes={"input_ids": {0: "batch", 1: "pieces"},
                      "attention_mask": {0: "batch", 1: "pieces"},
                      "logits": {0: "batch", 1: "pieces"}})


def fuse(source: Path, target: Path) -> None:
    """onnxruntime's BERT graph fusions (attention, LayerNorm, GELU): fewer, larger kernels."""
    from onnxruntime.transformers import optimizer

    fused = optimizer.optimize_model(str(source), model_type="bert", num_heads=12,
                                     hidden_size=384, opt_level=1)
    fused.save_model_to_file(str(target))


def quantise(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The fused graph has contrib ops shape inference cannot type; their tensors are float.
    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkpoint", default=str(ROOT / "cache" / "neural" / "final"))
    parser.add_argument("--out", default=str(ROOT / "src" / "sayso" / "data"))
    args = parser.parse_args()
    checkpoint, out = Path(args.checkpoint), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        export_fp32(checkpoint, fp32)
        fused = Path(tmp) / "fused.onnx"
        fuse(fp32, fused)
        quantise(fused, out / MODEL_FILE)
    (out / TOKENIZER_FILE).write_bytes((checkpoint / "tokenizer.json").read_bytes())
    for name in (MODEL_FILE, TOKENIZER_FILE):
        path = out / name
        print(f"{name}\t{path.stat().st_size}\t{sha256(path)}")


if __name__ == "__main__":
    main()
