"""Dump and compare the extraction output on fixed corpora (a refactoring's proof of identity).

    python scripts/snapshot.py dump DIR [--corpus NAME ...] [--mode default fast] [--subset]
    python scripts/snapshot.py compare A B [--show N]

``dump`` runs ``sayso extract --jsonl`` (the default mode with the learned tagger, and
``--fast``) over each corpus and writes ``DIR/<corpus>.<mode>.jsonl``: one record per line,
keys sorted, lines sorted by document id, so that two dumps compare line by line. The code
that runs is whatever ``sayso`` the ``PYTHONPATH`` selects: run the baseline with
``PYTHONPATH=/path/to/main/src`` and this script from any checkout.

Corpora (those whose data are missing are skipped with a note):

- ``polnear``: PolNeAR dev articles (../shared/data/polnear/dev/text), dated ``--date 2016-11-01``
  (the files carry no date; the articles were published around the 2016 election).
- ``plv``: PLV train sentences (../shared/data/plv/plv_train.jsonl), ``--date 2020-01-01``.
- ``composed``, ``composed_holdout``: tests/data/events_composed*.jsonl (each line is dated).
- ``demo``: the 300 ABC articles that ``make demo`` ingests, ``--date 2001-12-31`` as the demo.
- ``polnear_undated``, ``plv_undated``: the same texts without ``--date``: where the
  reference date of an undated text shows (the one intended difference of issue #12).

``--subset`` keeps the first 20 PolNeAR articles, 200 PLV lines and 60 demo articles
(a fixed subset for intermediate checks on a busy machine; compare it to a full dump with
``compare --common``). ``compare --ignore-key undated`` shows what else changed where only the
undated marker was expected.

A baseline of another revision without a second checkout (about 12 minutes on 2 busy cores)::

    git archive REV src | tar -x -C cache/base
    PYTHONPATH=cache/base/src python scripts/snapshot.py dump cache/snapshot/base
    PYTHONPATH=src python scripts/snapshot.py dump cache/snapshot/new
    python scripts/snapshot.py compare cache/snapshot/base cache/snapshot/new --show 5
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
POLNEAR = SHARED / "polnear" / "dev" / "text"
PLV = SHARED / "plv" / "plv_train.jsonl"
COMPOSED = ROOT / "tests" / "data" / "events_composed.jsonl"
HOLDOUT = ROOT / "tests" / "data" / "events_composed_holdout.jsonl"
SUBSET = {"polnear": 20, "plv": 200, "demo": 60}
MODES = {"default": [], "fast": ["--fast"]}
# corpus -> (kind, date); kind says how its input is made
CORPORA: dict[str, tuple[str, str | None]] = {
    "polnear": ("polnear", "2016-11-01"),
    "plv": ("plv", "2020-01-01"),
    "composed": ("composed", None),
    "composed_holdout": ("holdout", None),
    "demo": ("demo", "2001-12-31"),
    "polnear_undated": ("polnear", None),
    "plv_undated": ("plv", None),
}


def polnear_jsonl(target: Path, limit: int | None) -> Path | None:
    """The PolNeAR articles as JSONL lines named by file (as ``extract DIR`` reads them,
    but in a fixed order and cut to ``limit``)."""
    if not POLNEAR.is_dir():
        return None
    files = sorted(POLNEAR.glob("*.txt"))[:limit]
    with open(target, "w", encoding="utf-8") as out:
        for path in files:
            out.write(json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8")})
                      + "\n")
    return target


def head_jsonl(source: Path, target: Path, limit: int | None) -> Path | None:
    if not source.is_file():
        return None
    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        for number, line in enumerate(lines):
            if limit is not None and number >= limit:
                break
            out.write(line)
    return target


def demo_jsonl(target: Path, limit: int | None) -> Path | None:
    from sayso.ingest.corpus import CorpusMissing, write_jsonl

    try:
        full = write_jsonl(target.with_suffix(".full.jsonl"))
    except CorpusMissing:
        return None
    return head_jsonl(full, target, limit)


def make_input(kind: str, target: Path, subset: bool) -> Path | None:
    limit = SUBSET.get(kind) if subset else None
    if kind == "polnear":
        return polnear_jsonl(target, limit)
    if kind == "plv":
        return head_jsonl(PLV, target, limit)
    if kind == "composed":
        return head_jsonl(COMPOSED, target, None)
    if kind == "holdout":
        return head_jsonl(HOLDOUT, target, None)
    return demo_jsonl(target, limit)


def extract(source: Path, date: str | None, mode: str) -> list[str]:
    command = [sys.executable, "-m", "sayso", "extract", "--input-jsonl", str(source), "--jsonl"]
    command += MODES[mode] + (["--date", date] if date else [])
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ))
    if done.returncode not in (0, 1):
        sys.exit(f"snapshot: {' '.join(command)} failed:\n{done.stderr[-2000:]}")
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    records.sort(key=lambda r: str(r.get("doc_id")))
    return [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in records]


def dump(directory: Path, corpora: list[str], modes: list[str], subset: bool) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in corpora:
            kind, date = CORPORA[name]
            source = make_input(kind, Path(tmp, f"{name}.jsonl"), subset)
            if source is None:
                print(f"{name}: data missing, skipped", file=sys.stderr)
                continue
            for mode in modes:
                lines = extract(source, date, mode)
                path = directory / f"{name}.{mode}.jsonl"
                path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
                print(f"{path}: {len(lines)} records", file=sys.stderr, flush=True)


def records(path: Path, ignore: frozenset[str] = frozenset()) -> dict[str, str]:
    """Document id -> its record as a line (without the keys ``ignore``, at any depth)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if ignore:
            line = json.dumps(_without(record, ignore), sort_keys=True, ensure_ascii=False)
        out[str(record.get("doc_id"))] = line
    return out


def _without(value: Any, keys: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: _without(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [_without(v, keys) for v in value]
    return value


def first_difference(a: Any, b: Any, where: str = "") -> str:
    """Where two JSON values first differ, as a path and the two values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return first_difference(a.get(key), b.get(key), f"{where}.{key}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for number, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{where}[{number}]")
    return f"{where or '.'}: {json.dumps(a)[:300]} != {json.dumps(b)[:300]}"


def compare(a: Path, b: Path, show: int, common: bool = False,
            ignore: frozenset[str] = frozenset()) -> int:
    """Records that differ per file; exit status 1 when any does. ``common``: only the
    records of both (a ``--subset`` dump against a full one)."""
    changed_files = 0
    for left in sorted(a.glob("*.jsonl")):
        right = b / left.name
        if not right.exists() and common:
            continue
        if not right.exists():
            print(f"{left.name}: missing in {b}")
            changed_files += 1
            continue
        x, y = records(left, ignore), records(right, ignore)
        keys = set(x) & set(y) if common else set(x) | set(y)
        differ = [key for key in sorted(keys) if x.get(key) != y.get(key)]
        print(f"{left.name}: {len(keys)} records, {len(differ)} differ")
        changed_files += bool(differ)
        for key in differ[:show]:
            if key not in x or key not in y:
                print(f"  {key}: only in {a if key in x else b}")
            else:
                print(f"  {key} {first_difference(json.loads(x[key]), json.loads(y[key]))}")
    return 1 if changed_files else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="run the extraction and write sorted JSONL per corpus")
    d.add_argument("directory", type=Path)
    d.add_argument("--corpus", nargs="+", choices=list(CORPORA), default=list(CORPORA))
    d.add_argument("--mode", nargs="+", choices=list(MODES), default=list(MODES))
    d.add_argument("--subset", action="store_true", help="a fixed, smaller subset")
    c = sub.add_parser("compare", help="compare two dumps record by record")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--show", type=int, default=5, help="differences shown per file")
    c.add_argument("--ignore-key", nargs="*", default=[],
                   help="leave these keys out at any depth (e.g. undated: what else changed?)")
    c.add_argument("--common", action="store_true",
                   help="compare only the records present in both (a subset against a full dump)")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.directory, args.corpus, args.mode, args.subset)
        return 0
    return compare(args.a, args.b, args.show, args.common, frozenset(args.ignore_key))


if __name__ == "__main__":
    sys.exit(main())
