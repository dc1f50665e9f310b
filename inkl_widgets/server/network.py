"""The machine's address on the room's network, for ``inkl app --share`` without ``--host``."""

from __future__ import annotations

import socket


def local_network_address() -> str | None:
    """This machine's address on its local network: the one it would send from to reach a
    documentation address (no packet leaves; UDP ``connect`` only picks a route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address
