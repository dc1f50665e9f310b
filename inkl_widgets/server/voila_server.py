"""Voilà as ``inkl app`` runs it: compressed responses and the project's page template.

Voilà sends its front end (about 4.7 MiB of scripts per first visit) uncompressed; gzip cuts that
to a quarter, which matters on Binder and slow connections. Tornado only compresses when told so
before its application is built, which Voilà's ``tornado_settings`` comes too late for, hence this
small subclass. The template ``inkl`` (see ``jupyter/voila/templates``) is found through
``JUPYTER_PATH``; an installed wheel also puts it in the environment's shared Jupyter folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from voila.app import Voila

TEMPLATE_ROOT = Path(__file__).resolve().parent / "jupyter"


class CompressingVoila(Voila):
    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["compress_response"] = True
        return settings


def main() -> None:
    paths = [str(TEMPLATE_ROOT), os.environ.get("JUPYTER_PATH", "")]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(path for path in paths if path)
    CompressingVoila.launch_instance()


if __name__ == "__main__":
    main()
