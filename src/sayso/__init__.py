"""sayso: who said what, and who did what to whom, from news text."""

import os
import sys
from importlib.abc import MetaPathFinder

# numpy's OpenBLAS starts a thread per core for the small matrix products of the learned
# models, and those threads spin-wait between calls: on 2 idle cores the default mode spent
# 28% more CPU for the same wall time (docs/speed.md). sayso scales by worker processes, as
# spaCy does, so BLAS gets one thread unless the user says otherwise. Read once, when numpy
# loads OpenBLAS: it applies where sayso is imported first (the CLI, workers it starts).
if "numpy" not in sys.modules:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from sayso.model import SCHEMA_VERSION  # noqa: E402 - after the BLAS setting above

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "__version__"]


class _NoTorchForThinc(MetaPathFinder):
    """Refuse thinc's optional probe for torch. thinc (under spaCy) imports torch whenever
    it is installed, as it is with the ``train`` extra: five seconds of start-up and
    hundreds of MB per worker that sayso never uses (its tagger runs on onnxruntime).
    Only an import made from ``thinc.compat`` is refused; anyone else's ``import torch``
    works as usual."""

    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name != "torch" and not name.startswith("torch."):
            return None
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_globals.get("__name__") == "thinc.compat":
                raise ModuleNotFoundError(f"sayso keeps {name} out of thinc", name=name)
            frame = frame.f_back  # type: ignore[assignment]
        return None


if not any(isinstance(f, _NoTorchForThinc) for f in sys.meta_path):
    sys.meta_path.insert(0, _NoTorchForThinc())
