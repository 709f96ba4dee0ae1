"""sayso: who said what, and who did what to whom, from news text."""

from sayso.model import SCHEMA_VERSION

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "__version__"]
