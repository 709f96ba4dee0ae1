"""Every shell example in README.md runs as written, in order, in an empty folder.

The examples are the ``sh`` blocks (with ``$`` prompts, the prompted lines only); the command
table above them is a synopsis with placeholders and is not run. ``make`` targets build a
whole environment: CI runs them (`.ci/run` runs `make test`; `scripts/fresh_copy_check.sh`
runs the two commands' steps on a clone-like copy). ``sayso serve`` is started, checked to
answer, and stopped.
"""

from __future__ import annotations

import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from sayso.store.access import running_server
from web_support import free_port

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)


def readme_commands() -> list[str]:
    found = []
    for block in BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8")):
        lines = block.splitlines()
        prompted = [line[2:] for line in lines if line.startswith("$ ")]
        found += prompted or [line for line in lines if line.strip()
                              and not line.lstrip().startswith("#")]
    return found


def as_run_here(command: str) -> str:
    """The README's `.venv/bin/sayso` is this interpreter's sayso."""
    python = shlex.quote(sys.executable)
    return re.sub(r"(^|\s)(\.venv/bin/)?sayso(?=\s)", rf"\1{python} -m sayso", command)


def test_the_readme_has_examples() -> None:
    commands = readme_commands()
    assert any(c.startswith("make demo") for c in commands)
    assert any("export" in c and "--out" in c for c in commands)


def test_readme_examples_run_as_written(tmp_path: Path) -> None:
    ran, skipped = 0, []
    for command in readme_commands():
        if command.startswith("make "):
            skipped.append(command)
            continue
        if "../shared" in command:
            skipped.append(command)
            continue
        if " serve " in f"{command} ":
            _serve(as_run_here(command), tmp_path)
        else:
            done = subprocess.run(["bash", "-c", as_run_here(command)], cwd=tmp_path,
                                  capture_output=True, text=True, timeout=600,
                                  stdin=subprocess.DEVNULL)
            assert done.returncode == 0, f"{command}\n{done.stderr[-3000:]}"
        ran += 1
    assert ran >= 6
    assert all(c.startswith("make ") for c in skipped), skipped


def _serve(command: str, cwd: Path) -> None:
    db = cwd / shlex.split(command)[shlex.split(command).index("--db") + 1]
    if "--port" not in command and _busy(8000):  # as written, unless another server has 8000
        command += f" --port {free_port()}"
    server = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=cwd, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while (note := running_server(db)) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{command} did not start: {server.communicate()[1][-2000:]}")
            time.sleep(0.2)
        for _ in range(100):
            try:
                answer = httpx.get(note["url"] + "/", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert answer.status_code == 200 and "sayso" in answer.text
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def _busy(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0
