"""The analyst dashboard: server-rendered pages over the same queries as the API."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sayso.api.config import ServerConfig

HERE = Path(__file__).resolve().parent
# What each page needs from node_modules: URL name -> folder inside the package.
LIBRARIES = {
    "htmx": ("htmx.org/dist", "htmx.min.js"),
    "chart": ("chart.js/dist", "chart.umd.min.js"),
    "cytoscape": ("cytoscape/dist", "cytoscape.min.js"),
}


def available_libraries(node_modules: Path) -> dict[str, str]:
    """URL of each installed library's script; missing ones are left out."""
    found = {}
    for name, (folder, script) in LIBRARIES.items():
        if (node_modules / folder / script).is_file():
            found[name] = f"/vendor/{name}/{script}"
    return found


def mount(app: FastAPI, config: ServerConfig) -> None:
    from sayso.web.pages import router

    libraries = available_libraries(config.node_modules)
    for name in libraries:
        folder = config.node_modules / LIBRARIES[name][0]
        app.mount(f"/vendor/{name}", StaticFiles(directory=folder), name=f"vendor-{name}")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.libraries = libraries
    app.include_router(router)
