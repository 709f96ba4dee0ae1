"""sayso runs numpy's BLAS on one thread unless told otherwise (docs/speed.md: spin-waiting
BLAS threads cost CPU for no speed in the default mode)."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = "import sayso, os; print(os.environ.get('OPENBLAS_NUM_THREADS'))"


def _probe(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def test_one_blas_thread_by_default() -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert _probe(env) == "1"


def test_the_users_setting_wins() -> None:
    assert _probe({**os.environ, "OPENBLAS_NUM_THREADS": "2"}) == "2"
