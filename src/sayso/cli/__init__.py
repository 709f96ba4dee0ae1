"""The ``sayso`` command line.

Each module in this package that defines ``register(subparsers)`` adds one
subcommand, so a new command is a new file.  Handlers import heavy libraries
lazily so that ``sayso --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from sayso import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sayso",
        description="Who said what, and who did what to whom, from news text.",
    )
    parser.add_argument("--version", action="version", version=f"sayso {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except UserError as exc:
        print(f"sayso: error: {exc}", file=sys.stderr)
        return 2


class UserError(Exception):
    """A problem the user can fix (bad flag value, missing file): printed, no traceback."""


if __name__ == "__main__":
    sys.exit(main())
