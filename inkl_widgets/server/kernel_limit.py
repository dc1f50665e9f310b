"""At most ``max_kernels`` live kernels, and a page saying so instead of one more.

Voilà starts a kernel (about 60 MiB) for every page it serves and keeps it until it is culled
after five idle minutes, so a loop of requests could otherwise fill the memory of the machine.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Dict, Integer
from voila.tornado.handler import TornadoVoilaHandler

from inkl_widgets.server.notice import send_notice


class KernelLimitReached(Exception):
    """Raised instead of starting a kernel beyond the limit."""


class LimitedKernelManager(AsyncMappingKernelManager):
    """Voilà's kernel manager, refusing to start a kernel beyond ``max_kernels``."""

    max_kernels = Integer(
        16,
        config=True,
        help="Live kernels at most. Each page open in a browser holds one: 55-57 MiB resident "
        "measured right after a page rendered, up to about 100 MiB in use. 16 keep kernels at "
        "0.9-1.6 GiB, which a 4 GiB laptop running a browser can spare, and still serve a "
        "board of eight with a page each plus pages left behind until they are culled.",
    )

    kernel_pages = Dict(
        help="The page address each live kernel was started for, so that a shared server lets "
        "a participant reach only the kernels of its own page (see ``access``)."
    )

    _starting = 0  # kernels asked for but not yet listed

    async def start_kernel(self, *args, **kwargs):
        if len(self.list_kernel_ids()) + self._starting >= self.max_kernels:
            raise KernelLimitReached(self.max_kernels)
        self._starting += 1
        try:
            kernel_id = await super().start_kernel(*args, **kwargs)
        finally:
            self._starting -= 1
        self._remember_page(kernel_id, (kwargs.get("env") or {}).get("VOILA_REQUEST_URL"))
        return kernel_id

    def _remember_page(self, kernel_id: str, address: str | None) -> None:
        live = set(self.list_kernel_ids())
        for ended in [known for known in self.kernel_pages if known not in live]:
            del self.kernel_pages[ended]
        self.kernel_pages[kernel_id] = address or ""


class LimitedPageHandler(TornadoVoilaHandler):
    """Voilà's page handler, answering 503 with a page in the user's language at the limit."""

    async def get(self, path=None):
        try:
            await super().get(path=path)
        except KernelLimitReached:
            send_notice(self, 503, "server.too_many_kernels", headers={"Retry-After": "60"})
