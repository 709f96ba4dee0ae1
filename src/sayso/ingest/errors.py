"""The one exception ingestion raises for input it cannot use: a short reason and a detail."""

from __future__ import annotations


class SourceError(Exception):
    """An input that cannot become an article; ``reason`` is machine-readable (http_404...)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
