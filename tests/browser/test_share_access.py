"""A shared server (``inkl app --share``) as the room's network meets it: raw HTTP and websockets.

The "network" address is a second loopback address, 127.0.0.2. Without the facilitator's key or a
participant link nothing is served; a participant link opens its own workbook's participant page
and nothing else; revoked and expired links, foreign ``Host`` and ``Origin`` are refused; guessing
links is rate-limited; the kernels run no code sent to them. The tests that depend on where the
links are stored run twice: with the workbooks in SQLite and in PostgreSQL.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import re
import signal
import ssl
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from inkl_widgets.server.access import FACILITATOR_COOKIE
from inkl_widgets.server.launch import Https
from inkl_widgets.store.database import open_store
from inkl_widgets.store.participant_links import issue_link, revoke_links, workbook_of_link
from inkl_widgets.store.sharing import new_facilitator_key, shared_address

from ..harness import ROOT, RunningApp, free_port
from ..postgres_server import PostgresServer
from .conftest import NETWORK, new_organisation_url, start_shared
from .test_server_hardening import get

pytestmark = pytest.mark.browser
ONLY_SQLITE = pytest.mark.parametrize("shared", ["sqlite"], indirect=True)  # not about storage


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared(request, tmp_path_factory):
    """The shared server, once with its workbooks in SQLite and once in PostgreSQL: the gate
    must find the links where ``inkl link`` and the meeting view put them."""
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    running = start_shared(tmp_path_factory, postgres and new_organisation_url(postgres))
    yield running
    running.stop()


PARTICIPANT = "/voila/render/07_deltag.ipynb"
KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')


def request(app, path: str, cookie: str = "", address: str = NETWORK, **options):
    """(status, headers, body) of a GET to ``address``, with its own ``Host`` unless given."""
    if cookie:
        options["Cookie"] = cookie
    return get(app, path, address=address, **options)


def join(app, token: str) -> str:
    """The cookie a participant link sets."""
    status, headers, _body = request(app, f"/inkl/join/{token}")
    assert status == 302
    assert headers["Location"].startswith(f"{PARTICIPANT}?workbook=")
    return headers["Set-Cookie"].split(";")[0]


def channels(
    app, kernel_id: str, cookie: str, origin: str | None = None, send=None, host: str = ""
):
    """Open a kernel's websocket from the network address (by the name ``host``, as a proxy
    passes it on); the refusal, or what came back."""
    host = host or f"{NETWORK}:{app.port}"
    headers = {"Host": host, "Cookie": cookie, "Origin": origin or f"http://{host}"}
    url = f"ws://{NETWORK}:{app.port}/api/kernels/{kernel_id}/channels"

    async def attempt():
        try:
            connection = await websocket_connect(HTTPRequest(url, headers=headers))
        except HTTPClientError as error:
            return error
        replies = []
        if send is not None:
            await connection.write_message(json.dumps(send))
            try:
                while True:
                    message = await asyncio.wait_for(connection.read_message(), timeout=5)
                    if message is None:
                        break
                    replies.append(json.loads(message))
            except TimeoutError:
                pass
        connection.close()
        return replies

    with ThreadPoolExecutor(max_workers=1) as thread:  # beside Playwright's event loop
        return thread.submit(asyncio.run, attempt()).result()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/voila/tree",
        "/voila/render/00_start.ipynb",
        PARTICIPANT,
        "/api/kernels",
        "/voila/static/voila.js",
        "/inkl/join/",
    ],
)
@pytest.mark.parametrize("address", [NETWORK, "127.0.0.1"])
def test_without_a_credential_only_a_page_saying_how_to_join_is_served(shared, path, address):
    before = shared.kernel_count()
    status, _headers, body = request(shared, path, address=address, Accept_Language="en")
    assert status == 403
    assert "link or QR code the facilitator shows" in body
    assert shared.kernel_count() <= before


def test_the_facilitator_link_opens_everything_and_a_wrong_key_nothing(shared):
    entry = f"/inkl/facilitator?key={shared.key}"
    status, headers, _body = request(shared, entry, X_Forwarded_Proto="https")
    assert status == 302 and headers["Location"] == "/voila/render/00_start.ipynb"
    cookie = headers["Set-Cookie"].split(";")[0]
    assert cookie == f"{FACILITATOR_COOKIE}={shared.key}"
    assert "HttpOnly" in headers["Set-Cookie"]
    assert "Secure" not in headers["Set-Cookie"]  # plain HTTP; a header alone is not trusted
    assert request(shared, "/voila/tree", cookie)[0] == 200
    assert request(shared, "/inkl/facilitator?key=wrong", address="127.0.0.1")[0] == 403
    assert request(shared, "/voila/tree", f"{FACILITATOR_COOKIE}=wrong")[0] == 403


def test_a_participant_link_opens_its_own_workbooks_participant_page_only(shared):
    cookie = join(shared, issue_link(shared.store, shared.demo_id))
    status, _headers, body = request(shared, f"{PARTICIPANT}?workbook={shared.demo_id}", cookie)
    assert status == 200
    kernel_id = KERNEL_ID.search(body).group(1)
    refused = [
        f"{PARTICIPANT}?workbook={shared.other_id}",
        f"{PARTICIPANT}?workbook={shared.demo_id}&workbook={shared.other_id}",
        f"{PARTICIPANT}",
        f"/voila/render/00_start.ipynb?workbook={shared.demo_id}",
        f"/voila/render/05_eksport.ipynb?workbook={shared.demo_id}",
        "/voila/tree",
        "/voila/api/contents/",
        "/api/kernels",
        "/voila/files/velkommen-her.json",
    ]
    for path in refused:
        assert request(shared, path, cookie)[0] == 403, path
    assert request(shared, "/voila/static/voila.js", cookie)[0] in (200, 304)
    assert channels(shared, kernel_id, cookie) == []  # its own page's kernel: open


def test_a_participant_cannot_reach_a_kernel_of_another_page(shared):
    facilitator = f"{FACILITATOR_COOKIE}={shared.key}"
    status, _headers, body = request(
        shared, f"/voila/render/00_start.ipynb?workbook={shared.other_id}", facilitator
    )
    assert status == 200
    kernel_id = KERNEL_ID.search(body).group(1)
    cookie = join(shared, issue_link(shared.store, shared.demo_id))
    refused = channels(shared, kernel_id, cookie)
    assert isinstance(refused, HTTPClientError) and refused.code == 403
    assert request(shared, f"/api/kernels/{kernel_id}", cookie)[0] == 403


@ONLY_SQLITE
def test_a_kernel_runs_no_code_sent_to_it(shared):
    """Voilà's kernel manager lets only widget messages through; a participant relies on it."""
    cookie = join(shared, issue_link(shared.store, shared.demo_id))
    body = request(shared, f"{PARTICIPANT}?workbook={shared.demo_id}", cookie)[2]
    kernel_id = KERNEL_ID.search(body).group(1)
    execute = {
        "header": {
            "msg_id": "x1",
            "msg_type": "execute_request",
            "username": "",
            "session": "s",
            "version": "5.3",
            "date": "2026-01-01T00:00:00Z",
        },
        "parent_header": {},
        "metadata": {},
        "channel": "shell",
        "buffers": [],
        "content": {"code": "open('/tmp/inkl-owned', 'w')", "silent": False},
    }
    replies = channels(shared, kernel_id, cookie, send=execute)
    assert not [reply for reply in replies if reply["msg_type"] == "execute_reply"]


def test_a_revoked_link_is_refused_at_the_door_and_on_its_page(shared):
    workbook_id = shared.store.create("Tilbagekaldt")
    token = issue_link(shared.store, workbook_id)
    cookie = join(shared, token)
    assert request(shared, f"{PARTICIPANT}?workbook={workbook_id}", cookie)[0] == 200
    assert revoke_links(shared.store, workbook_id) == 1
    assert request(shared, f"/inkl/join/{token}", source="127.0.0.3")[0] == 403
    assert request(shared, f"{PARTICIPANT}?workbook={workbook_id}", cookie)[0] == 403


def test_an_expired_link_is_refused_at_the_door_and_on_its_page(shared):
    workbook_id = shared.store.create("Udløbet")
    token = issue_link(shared.store, workbook_id)
    cookie = join(shared, token)
    with shared.store._writing() as connection:  # as if the day had passed
        connection.execute(
            "UPDATE participant_links SET expires_at = :past WHERE workbook_id = :id",
            {"past": "2000-01-01T00:00:00+00:00", "id": workbook_id},
        )
    assert request(shared, f"/inkl/join/{token}", source="127.0.0.6")[0] == 403
    assert request(shared, f"{PARTICIPANT}?workbook={workbook_id}", cookie)[0] == 403


@ONLY_SQLITE
def test_a_foreign_host_or_origin_is_refused(shared):
    facilitator = f"{FACILITATOR_COOKIE}={shared.key}"
    assert request(shared, "/voila/tree", facilitator, host=f"evil.example:{shared.port}")[0] == 403
    body = request(shared, f"/voila/render/00_start.ipynb?workbook={shared.demo_id}", facilitator)[
        2
    ]
    kernel_id = KERNEL_ID.search(body).group(1)
    refused = channels(shared, kernel_id, facilitator, origin="http://evil.example")
    assert isinstance(refused, HTTPClientError) and refused.code == 403
    assert channels(shared, kernel_id, facilitator) == []


def test_guessing_links_is_stopped_after_ten_tries(shared):
    good = issue_link(shared.store, shared.demo_id)
    guesser = "127.0.0.4"
    for attempt in range(10):
        assert request(shared, f"/inkl/join/guess{attempt}", source=guesser)[0] == 403
    status, headers, _body = request(shared, f"/inkl/join/{good}", source=guesser)
    assert status == 429 and headers["Retry-After"] == "60"
    assert request(shared, f"/inkl/join/{good}", source="127.0.0.5")[0] == 302


def test_behind_a_trusted_tls_proxy_the_public_name_works_and_the_cookies_are_secure(
    tmp_path_factory,
):
    """Requests as a TLS proxy passes them on: the browser's ``Host`` and ``Origin`` (the public
    name) and ``X-Forwarded-Proto``; the server's own address without that header stays HTTP."""
    public = "inkl.example.org"
    https = Https(trust_xheaders=True, public_url=f"https://{public}")
    proxied = start_shared(tmp_path_factory, https=https)
    try:
        entry = f"/inkl/facilitator?key={proxied.key}"
        assert "Secure" not in request(proxied, entry)[1]["Set-Cookie"]
        status, headers, _body = request(proxied, entry, host=public, X_Forwarded_Proto="https")
        assert status == 302 and "Secure" in headers["Set-Cookie"]
        assert shared_address(proxied.data_dir) == f"https://{public}"
        token = issue_link(proxied.store, proxied.demo_id)
        status, headers, _body = request(
            proxied, f"/inkl/join/{token}", host=public, X_Forwarded_Proto="https"
        )
        assert status == 302 and "Secure" in headers["Set-Cookie"]
        cookie = headers["Set-Cookie"].split(";")[0]
        page = f"{PARTICIPANT}?workbook={proxied.demo_id}"
        body = request(proxied, page, cookie, host=public, X_Forwarded_Proto="https")[2]
        kernel_id = KERNEL_ID.search(body).group(1)
        assert channels(proxied, kernel_id, cookie, f"https://{public}", host=public) == []
        refused = channels(proxied, kernel_id, cookie, "https://evil.example", host=public)
        assert isinstance(refused, HTTPClientError) and refused.code == 403
    finally:
        proxied.stop()


def test_with_its_own_certificate_the_server_speaks_https_and_the_cookies_are_secure(
    tmp_path_factory, tmp_path
):
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", f"/CN={NETWORK}", "-addext",
         f"subjectAltName=IP:{NETWORK}", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    secured = start_shared(tmp_path_factory, https=Https(str(certificate), str(key)))
    connection = http.client.HTTPSConnection(
        NETWORK, secured.port, timeout=60, context=ssl.create_default_context(cafile=certificate)
    )
    try:
        connection.request("GET", f"/inkl/facilitator?key={secured.key}")
        response = connection.getresponse()
        assert response.status == 302
        assert "Secure" in response.getheader("Set-Cookie")
        assert shared_address(secured.data_dir) == f"https://{NETWORK}:{secured.port}"
    finally:
        connection.close()
        secured.stop()


@pytest.mark.both_engines
def test_inkl_app_share_prints_the_facilitator_link_and_inkl_link_one_it_accepts(
    store_location, data_dir, demo
):
    """As a person runs it: ``inkl app --share`` and ``inkl link`` from a terminal, with the
    workbooks in the data folder or (``INKL_DATABASE_URL``) in PostgreSQL."""
    port = free_port()
    inkl = [sys.executable, "-m", "inkl_widgets.cli", "--data-dir", str(data_dir)]
    command = [*inkl, "app", "--share", "--host", NETWORK, "--port", str(port), "--no-browser"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        printed = server.stdout.readline().strip()
        assert re.fullmatch(
            rf"http://{re.escape(NETWORK)}:{port}/inkl/facilitator\?key=\S{{20,}}", printed
        )
        app = SimpleNamespace(port=port)
        status, headers, _body = request(app, printed.split(str(port), 1)[1])
        assert status == 302
        assert request(app, "/voila/tree", headers["Set-Cookie"].split(";")[0])[0] == 200
        assert request(app, "/voila/tree")[0] == 403
        link = subprocess.run([*inkl, "link", demo.id], cwd=ROOT, capture_output=True, text=True)
        assert link.stdout.startswith(f"http://{NETWORK}:{port}/inkl/join/"), link.stderr
        token = link.stdout.strip().rsplit("/", 1)[1]
        assert workbook_of_link(open_store(store_location), token) == demo.id  # the pages' store
        status, headers, _body = request(app, f"/inkl/join/{token}")
        assert status == 302 and headers["Location"] == f"{PARTICIPANT}?workbook={demo.id}"
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def test_while_the_database_server_is_down_no_participant_gets_in_and_the_facilitator_does(
    tmp_path_factory,
):
    database = PostgresServer()
    try:
        cut_off = start_shared(tmp_path_factory, new_organisation_url(database))
    finally:
        database.stop()  # before the server ever asked it for a link
    try:
        token = "a" * 32
        status, _headers, body = request(cut_off, f"/inkl/join/{token}", Accept_Language="en")
        assert status == 403 and "Ask the facilitator for a new link" in body
        cookie = f"inkl_participant={token}"
        assert request(cut_off, f"{PARTICIPANT}?workbook={cut_off.demo_id}", cookie)[0] == 403
        assert request(cut_off, "/voila/tree", f"{FACILITATOR_COOKIE}={cut_off.key}")[0] == 200
    finally:
        cut_off.stop()


def test_a_phone_beyond_the_kernel_limit_gets_a_clear_page_at_once(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    new_facilitator_key(data)
    small = RunningApp(data, share_address=NETWORK, max_kernels=1)
    try:
        first = join(small, issue_link(small.store, small.demo_id))
        second = join(small, issue_link(small.store, small.demo_id))
        page = f"{PARTICIPANT}?workbook={small.demo_id}"
        assert request(small, page, first)[0] == 200
        status, headers, body = request(small, page, second, timeout=10, Accept_Language="en")
        assert status == 503 and headers["Retry-After"] == "60"
        assert "Too many pages are open at once" in body
    finally:
        small.stop()
