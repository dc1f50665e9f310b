"""A throw-away PostgreSQL server for tests and the benchmark: Debian's binaries, a cluster in a
temporary folder, a free port on 127.0.0.1, started as the ``postgres`` user when running as root
(PostgreSQL refuses to run as root), and removed afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from inkl_widgets.store.organisations import add_organisation

from .harness import free_port


def _binaries() -> Path:
    """Debian's newest installed PostgreSQL (15 on Debian 12)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: scripts/test.sh installs Debian's")
    return found[-1]


DATABASE = "inkl"


class PostgresServer:
    """One PostgreSQL cluster with a superuser ``inkl`` and a database ``inkl``.

    ``durable=False`` turns off ``fsync``: tests need no crash safety from the disk, and it
    makes each commit cheaper; the benchmark keeps it on to measure what a host would get.
    """

    def __init__(self, durable: bool = False):
        self.folder = Path(tempfile.mkdtemp(prefix="inkl-postgres-"))
        self.port = free_port()
        data, sockets = self.folder / "data", self.folder / "sockets"
        sockets.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(sockets, "postgres")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {sockets}"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        options += " -c max_connections=300"
        self._data = data
        self._run("initdb", "-D", str(data), "-U", "inkl", "--auth=trust", "--no-locale",
                  "-E", "UTF8", "--no-sync")  # fmt: skip
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "start")  # fmt: skip
        self.admin_url = f"postgresql://inkl@127.0.0.1:{self.port}/postgres"
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {DATABASE}")

    def _run(self, binary: str, *arguments: str) -> None:
        command = [str(_binaries() / binary), *arguments]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def url(self, role: str = "inkl") -> str:
        """The address of the ``inkl`` database for ``role`` (trusted: no password here)."""
        return f"postgresql://{role}@127.0.0.1:{self.port}/{DATABASE}"

    def new_organisation(self, name: str) -> str:
        """A fresh organisation (role and schema); its address."""
        add_organisation(self.url(), name)
        return self.url(name)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self._data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
