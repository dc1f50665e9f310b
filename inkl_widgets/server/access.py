"""Who may use a shared server: the facilitator (by a key) and participants (by a link).

With ``inkl app --share`` the app is reachable from the room's network, so every request must
carry a credential, checked here before any of Voilà's routes: the facilitator's cookie (set by
the printed facilitator link) opens everything; a participant's cookie (set by a participant
link) opens the participant page of that one workbook, the files a page loads, and the kernels
started for that page, nothing else. Without either, a short page says how to join. Kernel
websockets must also come from a page of this server (``Origin``); Jupyter's request-forgery
check stays on, and Voilà's kernels take only widget messages (no ``execute_request``).
Participant links are checked in the store the pages use (``open_store()``: PostgreSQL when
``INKL_DATABASE_URL`` names it, else the data folder's SQLite file), so ``inkl link``, the
meeting view and the gate agree on which links exist.
"""

from __future__ import annotations

import hmac
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tornado.httputil import HTTPServerRequest
from tornado.routing import Matcher
from tornado.web import RequestHandler

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.server.notice import send_notice
from inkl_widgets.store.database import open_store
from inkl_widgets.store.participant_links import workbook_of_link
from inkl_widgets.store.sharing import FACILITATOR_PATH, JOIN_PATH

FACILITATOR_COOKIE = "inkl_facilitator"
PARTICIPANT_COOKIE = "inkl_participant"
PARTICIPANT_PAGE = "voila/render/07_deltag.ipynb"
START_PAGE = "voila/render/00_start.ipynb"
PAGE_FILES = ("voila/static/", "voila/templates/", "voila/labextensions/", "voila/api/themes/")
KERNEL_PATHS = ("api/kernels/", "voila/api/shutdown/")


class FailedAttempts:
    """At most ``limit`` failed link attempts per address within ``window`` seconds, so that
    guessing links from the room's network gets nowhere.

    Addresses quiet for a whole window are forgotten, once a window: behind a trusted proxy the
    address comes from a header, and made-up addresses must not fill the memory.
    """

    def __init__(
        self, limit: int = 10, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._forgotten_at = clock()

    def __len__(self) -> int:
        """How many addresses are remembered."""
        return len(self._failures)

    def _recent(self, address: str) -> deque[float]:
        failures = self._failures.get(address, deque())
        while failures and failures[0] < self.clock() - self.window:
            failures.popleft()
        return failures

    def blocked(self, address: str) -> bool:
        return len(self._recent(address)) >= self.limit

    def fail(self, address: str) -> None:
        self._forget_quiet()
        self._failures.setdefault(address, deque()).append(self.clock())

    def _forget_quiet(self) -> None:
        now = self.clock()
        if now - self._forgotten_at < self.window:
            return
        self._forgotten_at = now
        for address, failures in list(self._failures.items()):
            if not failures or failures[-1] < now - self.window:
                del self._failures[address]


@dataclass
class ShareAccess:
    """The credentials a shared server accepts, and the kernels each participant may reach."""

    facilitator_key: str
    accepted_hosts: set[str]
    kernel_pages: dict[str, str] = field(default_factory=dict)  # kernel id -> page address
    attempts: FailedAttempts = field(default_factory=FailedAttempts)
    _store: Any = None

    def store(self) -> Any:
        """The pages' own store, where the meeting view and ``inkl link`` issue links."""
        if self._store is None:
            self._store = open_store()
        return self._store

    def is_facilitator(self, request: HTTPServerRequest) -> bool:
        cookie = request.cookies.get(FACILITATOR_COOKIE)
        given = cookie.value if cookie else ""
        return bool(given) and hmac.compare_digest(given, self.facilitator_key)

    def workbook_of(self, token: str) -> str | None:
        """The workbook a live participant link opens; None for any other, and while the store
        cannot be reached (a database server that is down lets no one in)."""
        try:
            return workbook_of_link(self.store(), token)
        except WorkbookError:
            return None

    def participant_workbook(self, request: HTTPServerRequest) -> str | None:
        cookie = request.cookies.get(PARTICIPANT_COOKIE)
        return self.workbook_of(cookie.value) if cookie else None

    def foreign_origin(self, request: HTTPServerRequest) -> bool:
        """A websocket opened by a page of another site (or by no page at all)."""
        if request.headers.get("Upgrade", "").lower() != "websocket":
            return False
        origin = request.headers.get("Origin") or ""
        return urlsplit(origin.lower()).netloc not in self.accepted_hosts

    def participant_may(self, request: HTTPServerRequest, workbook_id: str) -> bool:
        path = request.path.lstrip("/")
        if path == PARTICIPANT_PAGE:
            return request.method == "GET" and parse_qs(request.query) == {
                "workbook": [workbook_id]
            }
        if path.startswith(PAGE_FILES):
            return request.method == "GET"
        if path.startswith(KERNEL_PATHS):
            kernel_id = path.split("/")[2]
            return self.kernel_opens(kernel_id, workbook_id)
        return False

    def kernel_opens(self, kernel_id: str, workbook_id: str) -> bool:
        """Whether ``kernel_id`` was started for the participant page of ``workbook_id``."""
        address = urlsplit(self.kernel_pages.get(kernel_id, ""))
        return address.path.lstrip("/") == PARTICIPANT_PAGE and parse_qs(address.query) == {
            "workbook": [workbook_id]
        }


class WithoutAccess(Matcher):
    """Matches a request that carries no credential for what it asks (and then gets the page
    saying how to join); the entry links themselves are routed before this rule."""

    def __init__(self, access: ShareAccess):
        self.access = access

    def match(self, request: HTTPServerRequest) -> dict | None:
        if self.access.foreign_origin(request):
            return {}
        if self.access.is_facilitator(request):
            return None
        workbook_id = self.access.participant_workbook(request)
        if workbook_id and self.access.participant_may(request, workbook_id):
            return None
        return {}


def _set_cookie(handler: RequestHandler, name: str, value: str) -> None:
    """A credential cookie, ``Secure`` when the page came over HTTPS (the server's own
    certificate, or a trusted TLS proxy's ``X-Forwarded-Proto``), so the browser never sends it
    in clear; on a local network's plain HTTP it must go without."""
    secure = handler.request.protocol == "https"
    handler.set_cookie(name, value, path="/", httponly=True, samesite="Lax", secure=secure)


class HowToJoin(RequestHandler):
    """403 for every method, with a page saying how to join (before any of Voilà's handlers)."""

    def prepare(self) -> None:
        send_notice(self, 403, "server.how_to_join")


class EntryHandler(RequestHandler):
    """Shared by both links: refuse at once while an address has failed too often."""

    def initialize(self, access: ShareAccess) -> None:
        self.access = access

    def check_xsrf_cookie(self) -> None:  # GET only; nothing to forge
        return None

    def refused(self) -> bool:
        if self.access.attempts.blocked(self.request.remote_ip or ""):
            send_notice(self, 429, "server.too_many_attempts", headers={"Retry-After": "60"})
            return True
        return False

    def fail(self) -> None:
        self.access.attempts.fail(self.request.remote_ip or "")
        send_notice(self, 403, "server.link_refused")


class FacilitatorEntry(EntryHandler):
    """``/inkl/facilitator?key=…``: the facilitator's browser gets its cookie, then the start."""

    def get(self) -> None:
        if self.refused():
            return
        given = self.get_query_argument("key", "")
        if not hmac.compare_digest(given.encode(), self.access.facilitator_key.encode()):
            self.fail()
            return
        _set_cookie(self, FACILITATOR_COOKIE, given)
        self.redirect("/" + START_PAGE)


class ParticipantEntry(EntryHandler):
    """``/inkl/join/<link>``: a phone gets its cookie, then the participant page."""

    def get(self, token: str) -> None:
        if self.refused():
            return
        workbook_id = self.access.workbook_of(token)
        if not workbook_id:
            self.fail()
            return
        _set_cookie(self, PARTICIPANT_COOKIE, token)
        self.redirect(f"/{PARTICIPANT_PAGE}?workbook={workbook_id}")


def entry_routes(access: ShareAccess) -> list[tuple[str, type, dict]]:
    """The two links' routes, to sit before ``WithoutAccess``."""
    return [
        (f"/{FACILITATOR_PATH}", FacilitatorEntry, {"access": access}),
        (f"/{JOIN_PATH}([A-Za-z0-9_-]{{1,100}})", ParticipantEntry, {"access": access}),
    ]
