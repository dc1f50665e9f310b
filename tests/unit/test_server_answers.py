"""The server's own answers: which Host it serves, and the language of its pages (the browser's
wish, Danish otherwise)."""

from __future__ import annotations

import pytest
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

from inkl_widgets.server.host_check import LOOPBACK_NAMES, ForeignHost
from inkl_widgets.server.notice import preferred_language


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "da"),
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("de, en;q=0.5, da;q=0.8", "da"),
        ("en;q=0", "da"),
        ("en;q=nonsense", "da"),
        ("fr, de", "da"),
    ],
)
def test_the_page_language_is_the_first_wish_the_content_has(header, language):
    assert preferred_language(header) == language


def request_to(host: str) -> HTTPServerRequest:
    start = RequestStartLine("GET", "/", "HTTP/1.1")
    return HTTPServerRequest(start_line=start, headers=HTTPHeaders({"Host": host}))


@pytest.mark.parametrize(
    ("host", "port", "refused"),
    [
        ("127.0.0.1:8866", 8866, False),
        ("LOCALHOST:8866", 8866, False),
        ("[::1]:8866", 8866, False),
        ("127.0.0.1:8867", 8866, True),
        ("evil.example:8866", 8866, True),
        ("127.0.0.1", 8866, True),
        ("", 8866, True),
        ("localhost", 80, False),
        ("evil.example", 80, True),
    ],
)
def test_only_the_servers_own_names_and_port_are_served(host, port, refused):
    matched = ForeignHost(list(LOOPBACK_NAMES), port).match(request_to(host))
    assert (matched is not None) == refused
