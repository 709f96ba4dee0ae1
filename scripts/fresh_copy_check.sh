#!/usr/bin/env bash
# The README's two commands on a clone-like copy with no ../shared beside it and no system Node:
# copies the tracked files to a scratch folder, runs `make demo`'s steps there (install with the
# demo extra, `sayso demo`, `sayso serve`), and checks what a newcomer gets: the browser
# libraries inside the installed package and served, a non-empty claims page, /docs, and a
# wheel built by `pip wheel .` carrying the libraries. Prints the time of each step.
# Usage: scripts/fresh_copy_check.sh [SCRATCH]   (CI: .ci/run; set FULL=1 to also run make test)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${1:-$(mktemp -d)}"
copy="$scratch/sayso"
port="${PORT:-8765}"
rm -rf "$copy" && mkdir -p "$copy"
(cd "$here" && git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} \
    sh -c 'test -f "{}" && mkdir -p "$0/$(dirname "{}")" && cp -p "{}" "$0/{}"' "$copy")
test ! -e "$scratch/shared" || { echo "fresh copy check: $scratch/shared exists" >&2; exit 1; }
cd "$copy"
step() { local t0=$SECONDS; "$@"; echo "fresh copy check: '$*' took $((SECONDS - t0)) s" >&2; }

step make install-demo
step .venv/bin/python -c "from sayso.web import missing_reason as m; r = m(); assert r is None, r"
step .venv/bin/sayso demo --db sayso.duckdb --no-progress > demo.txt
.venv/bin/sayso serve --db sayso.duckdb --port "$port" > serve.txt 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
# what a browser would fetch first (python, not curl: a fresh machine may lack curl)
.venv/bin/python - "$port" <<'PY'
import sys, time
import httpx
base = f"http://127.0.0.1:{sys.argv[1]}"
for _ in range(300):
    try:
        httpx.get(base + "/api/health", timeout=2)
        break
    except httpx.HTTPError:
        time.sleep(0.2)
home = httpx.get(base + "/").text
assert 'src="/vendor/chart/chart.umd.min.js"' in home and 'id="libs-missing"' not in home
for path in ("/vendor/cytoscape/cytoscape.min.js", "/vendor/htmx/htmx.min.js", "/docs",
             "/docs/assets/swagger-ui-bundle.js"):
    assert httpx.get(base + path).status_code == 200, path
assert httpx.get(base + "/claims").status_code == 200
assert httpx.get(base + "/api/claims?limit=5").json()["total"] > 0, "the demo builds claims"
print(f"fresh copy check: dashboard, libraries, /docs and claims answered at {base}")
PY
# a CLI read while the dashboard holds the store
.venv/bin/sayso query --db sayso.duckdb --named summary
kill "$server"; wait "$server" 2>/dev/null || true
trap - EXIT

step .venv/bin/pip wheel --no-deps -q . -w dist
.venv/bin/python - <<'PY'
import glob, zipfile
names = zipfile.ZipFile(glob.glob("dist/sayso-*.whl")[0]).namelist()
for lib in ("htmx/htmx.min.js", "chart/chart.umd.min.js", "cytoscape/cytoscape.min.js"):
    assert f"sayso/web/static/vendor/{lib}" in names, lib
print("fresh copy check: the wheel carries the browser libraries")
PY
if [[ "${FULL:-}" == 1 ]]; then step make test; fi
echo "fresh copy check: ok ($copy)" >&2
