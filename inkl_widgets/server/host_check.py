"""Answer only requests addressed to the server's own names (against DNS rebinding).

A web page on another site can point its own host name at 127.0.0.1 and then read the app through
the visitor's browser; the browser still sends that foreign name in ``Host``. Voilà never checks
the header (it sets ``allow_remote_access``), so this rule, placed before all of Voilà's routes,
answers any other ``Host`` with 403: pages, files, the API and kernel websockets alike.
"""

from __future__ import annotations

from tornado.httputil import HTTPServerRequest
from tornado.routing import Matcher
from tornado.web import RequestHandler

from inkl_widgets.server.notice import send_notice

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


class ForeignHost(Matcher):
    """Matches a request whose ``Host`` is not one of ``names`` with the server's ``port``
    (which a browser leaves out for port 80)."""

    def __init__(self, names: list[str], port: int):
        self.accepted = {f"{name.lower()}:{port}" for name in names}
        if port == 80:
            self.accepted |= {name.lower() for name in names}

    def match(self, request: HTTPServerRequest) -> dict | None:
        host = (request.headers.get("Host") or "").strip().lower()
        return None if host in self.accepted else {}


class ForeignHostRefused(RequestHandler):
    """403 for every method, before any of Voilà's handlers can serve or start anything."""

    def prepare(self) -> None:
        send_notice(self, 403, "server.foreign_host")
