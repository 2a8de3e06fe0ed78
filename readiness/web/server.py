"""Run the app on 127.0.0.1 only (Werkzeug's threaded server: a local, one-person tool)."""

from __future__ import annotations

from typing import Any

from werkzeug.serving import make_server

from readiness.assess.session import Session
from readiness.web.app import create_app

HOST = "127.0.0.1"


def make(session: Session, port: int = 0, token: str | None = None) -> tuple[Any, str]:
    """(server, address with the secret token); port 0 picks a free one."""
    app = create_app(session, token)
    server = make_server(HOST, port, app, threaded=True)
    return server, f"http://{HOST}:{server.server_port}/{app.config['TOKEN']}/"
