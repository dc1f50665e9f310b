"""Voilà as ``inkl app`` runs it: its own addresses only, a kernel limit, compressed responses
and the project's page template.

Voilà sends its front end (about 4.7 MiB of scripts per first visit) uncompressed; gzip cuts that
to a quarter, which matters on Binder and slow connections. Tornado only compresses when told so
before its application is built, which Voilà's ``tornado_settings`` comes too late for, hence this
small subclass. The same subclass puts the ``Host`` check (see ``host_check``) before every route,
answers pages through ``LimitedPageHandler`` (``launch`` picks the kernel manager that
enforces the limit) and sends ``/`` to the start page instead of
Voilà's list of notebooks. The template ``inkl`` (see ``jupyter/voila/templates``) is found
through ``JUPYTER_PATH``; an installed wheel also puts it in the environment's shared Jupyter
folder. Voilà serves plain HTTP only and never trusts a proxy's headers; the settings
``certfile``/``keyfile`` and ``trust_xheaders`` (named as Jupyter server's) add both, so that a
shared server knows when a page came over HTTPS and marks its cookies ``Secure``; behind a proxy,
``public_url`` is the name people use, accepted in ``Host`` and ``Origin``.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from urllib.parse import urlsplit

from tornado.routing import PathMatches, Rule
from tornado.web import RedirectHandler
from traitlets import Bool, List, Unicode
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from inkl_widgets.server.access import HowToJoin, ShareAccess, WithoutAccess, entry_routes
from inkl_widgets.server.host_check import LOOPBACK_NAMES, ForeignHost, ForeignHostRefused
from inkl_widgets.server.kernel_limit import LimitedPageHandler
from inkl_widgets.server.launch import Https
from inkl_widgets.store.database import default_data_dir
from inkl_widgets.store.sharing import forget_address, read_facilitator_key, remember_address
from inkl_widgets.widgets.address import PAGES

TEMPLATE_ROOT = Path(__file__).resolve().parent / "jupyter"
START_PAGE = f"voila/render/{PAGES['start']}"


class InklVoila(Voila):
    allowed_hosts = List(
        Unicode(),
        default_value=list(LOOPBACK_NAMES),
        config=True,
        help="Host names (and [IPv6] addresses) this server answers to, each with its port; "
        "any other Host header gets 403, against DNS rebinding.",
    )

    share_address = Unicode(
        "",
        config=True,
        help="An address on the local network to serve as well as loopback (``inkl app "
        "--share``); every request then needs the facilitator's key or a participant link.",
    )

    certfile = Unicode(
        "", config=True, help="A TLS certificate (PEM) to serve HTTPS with, as Jupyter server's."
    )

    keyfile = Unicode("", config=True, help="The private key (PEM) of ``certfile``.")

    trust_xheaders = Bool(
        False,
        config=True,
        help="Take the scheme (``X-Scheme``/``X-Forwarded-Proto``) and the client's address "
        "(``X-Real-Ip``/``X-Forwarded-For``) from a TLS proxy in front, as Jupyter server's "
        "setting of that name: only behind such a proxy, since any client reaching the server "
        "directly could send them.",
    )

    public_url = Unicode(
        "",
        config=True,
        help="With ``share_address``, behind a TLS proxy: the address people open "
        "(``https://inkl.example.org``). Its host is accepted in ``Host`` and ``Origin``, and "
        "the links name it.",
    )

    def server_options(self) -> dict:
        """What tornado's ``HTTPServer`` needs to serve HTTPS or to trust a proxy's headers."""
        options: dict = {"xheaders": self.trust_xheaders}
        if self.certfile:
            tls = {"certfile": self.certfile, **({"keyfile": self.keyfile} if self.keyfile else {})}
            options["ssl_options"] = tls
        return options

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["compress_response"] = True
        return settings

    def init_handlers(self) -> list:
        # Voilà builds the application just before asking for its handlers: the Host rule goes
        # in front of every route Voilà adds next. Voilà's listen() then calls app.listen(port,
        # ip) with no options of the HTTP server, so they are bound here, for both addresses.
        self.app.listen = functools.partial(self.app.listen, **self.server_options())
        names = [*self.allowed_hosts, *([self.share_address] if self.share_address else [])]
        check = ForeignHost(names, self.port)
        if self.share_address and self.public_url:
            check.accepted.add(urlsplit(self.public_url).netloc.lower())
        self.app.default_router.rules.insert(0, Rule(check, ForeignHostRefused))
        if self.share_address:
            self._guard_shared(check.accepted)
        else:
            forget_address(default_data_dir())
        handlers = []
        for pattern, handler, *options in super().init_handlers():
            if handler is TornadoVoilaHandler:
                handler = LimitedPageHandler
            if pattern == self.server_url and not self.notebook_path:
                handler, options = RedirectHandler, [{"url": self.server_url + START_PAGE}]
            handlers.append((pattern, handler, *options))
        return handlers

    def _guard_shared(self, accepted_hosts: set[str]) -> None:
        """Put the credential check after the Host check, and listen on the shared address."""
        data_dir = default_data_dir()
        key = read_facilitator_key(data_dir)
        if not key:
            raise SystemExit("inkl: no facilitator key; start sharing with 'inkl app --share'")
        access = ShareAccess(key, accepted_hosts, self.kernel_manager.kernel_pages)
        rules = [
            Rule(PathMatches(pattern), handler, options)
            for pattern, handler, options in entry_routes(access)
        ]
        rules.append(Rule(WithoutAccess(access), HowToJoin))
        self.app.default_router.rules[1:1] = rules
        self.app.listen(self.port, self.share_address)
        https = Https(self.certfile, self.keyfile, self.trust_xheaders, self.public_url)
        remember_address(data_dir, https.shared_base(self.share_address, self.port))


def main() -> None:
    paths = [str(TEMPLATE_ROOT), os.environ.get("JUPYTER_PATH", "")]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(path for path in paths if path)
    InklVoila.launch_instance()


if __name__ == "__main__":
    main()
