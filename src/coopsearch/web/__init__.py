"""Flask app factory: the search page, the document page and /api/search (same request, same result)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from .. import storage
from ..backend import open_backend
from ..query import QueryError
from . import views

log = logging.getLogger(__name__)
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def _templates_dir() -> str:
    """Templates ship inside the wheel (coopsearch/templates); in a checkout they live in templates/."""
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return str(packaged)
    return str(Path(__file__).resolve().parents[3] / "templates")


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the web app; config INDEX_DIR (default: $COOPSEARCH_INDEX or ./index); the app's
    backend is `app.extensions["coopsearch"]`."""
    app = Flask(__name__, template_folder=_templates_dir())
    app.config.update(INDEX_DIR=storage.default_index_dir(), MAX_CONTENT_LENGTH=64 * 1024)
    app.config.update(config or {})
    app.config["INDEX_DIR"] = Path(app.config["INDEX_DIR"])
    app.extensions["coopsearch"] = open_backend(app.config["INDEX_DIR"])  # owns the snapshot cache
    app.url_map.merge_slashes = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.register_blueprint(views.bp)

    @app.after_request
    def secure(response: Response) -> Response:
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.errorhandler(Exception)
    def handle_error(error: Exception) -> tuple[Response | str, int]:
        if isinstance(error, QueryError):
            status, message = 400, str(error)
        elif isinstance(error, storage.IndexNotFound):
            status, message = 503, str(error)
        elif isinstance(error, HTTPException):
            status, message = error.code or 500, error.description or error.name
        else:
            log.exception("unhandled error on %s", request.path)
            status, message = 500, "internal error; the problem was logged"
        if request.path.startswith("/api/") or request.path.endswith(".json"):
            return jsonify(error=message, status=status), status
        return render_template("error.html", status=status, message=message), status

    return app
