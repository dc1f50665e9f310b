"""A real JupyterHub for tests and the benchmark: ``deploy/jupyterhub_config.py`` as a host runs
it, with what only a test machine needs on top (the dummy authenticator, local processes,
loopback ports, ``--allow-root``), and the organisations' answers on the throw-away PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from .harness import ROOT, end_server, eventually, free_port

PROXY = ROOT / ".venv/node/node_modules/.bin/configurable-http-proxy"
TEST_CONFIG = """
load_subconfig({deploy_config!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{folder}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.Spawner.cmd = [{python!r}, "-m", "jupyterhub.singleuser"]
c.Spawner.args = {args!r}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# Kernels talk over Unix sockets (voila.json), whose paths must stay under 107 characters.
c.Spawner.environment = {{
    "JUPYTER_CONFIG_PATH": {singleuser_config!r},
    "INKL_CACHE_DIR": {cache!r},
    "JUPYTER_RUNTIME_DIR": "{folder}/run",
}}
c.SimpleLocalProcessSpawner.home_dir_template = "{folder}/home/{{username}}"
"""


class RunningHub:
    """JupyterHub on a free loopback port with ``organisations`` (name: {members, database_url})."""

    def __init__(self, organisations: dict[str, dict]):
        self.folder = Path(tempfile.mkdtemp(prefix="inkl-hub-"))
        self.port = free_port()
        (self.folder / "organisations.json").write_text(json.dumps(organisations))
        config = self.folder / "jupyterhub_config.py"
        config.write_text(
            TEST_CONFIG.format(
                deploy_config=str(ROOT / "deploy/jupyterhub_config.py"),
                port=self.port,
                hub_port=free_port(),
                proxy_api_port=free_port(),
                proxy=str(PROXY),
                folder=self.folder,
                python=sys.executable,
                args=["--allow-root"] if os.geteuid() == 0 else [],
                singleuser_config=str(ROOT / "deploy/singleuser"),
                cache=os.environ.get("INKL_CACHE_DIR", ""),
            )
        )
        env = {
            **os.environ,
            "INKL_ORGANISATIONS": str(self.folder / "organisations.json"),
            "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        }
        self.log = open(self.folder / "hub.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=self.folder,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            eventually(self._healthy, timeout=90)
        except AssertionError:
            self.stop()
            raise RuntimeError(f"JupyterHub did not start; see {self.folder / 'hub.log'}") from None

    def _healthy(self) -> bool:
        """The hub answers through its proxy (the proxy alone listens a moment earlier)."""
        try:
            with urllib.request.urlopen(self.url("/hub/health"), timeout=5) as answer:
                return answer.status == 200
        except OSError:
            return False

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        """Stop the hub; it stops its proxy and the servers it started."""
        end_server(self.process, self.log, timeout=30)
