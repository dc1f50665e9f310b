"""Real folders that refuse writing, for the tests of reading without writing: a read-only
mount, a full disk, and a user who may not write. Mounting needs root; as a normal user the
read-only folder is made with chmod and the other two are skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

NOBODY = 65534


@contextmanager
def read_only_folder(folder: Path):
    """Make a folder read-only for real: chmod for a normal user, a read-only mount for root."""
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        yield
        os.chmod(folder, 0o755)
        return
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@contextmanager
def full_disk(folder: Path):
    """The folder's files moved onto a tiny file system that is then filled to the last byte."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    saved = Path(tempfile.mkdtemp())
    for file in folder.iterdir():
        shutil.move(file, saved / file.name)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], check=True)
    try:
        for file in saved.iterdir():
            shutil.copy(file, folder / file.name)
        with open(folder / "filler", "wb") as filler:
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError:  # no space left: the disk is full
                pass
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)
        shutil.rmtree(saved)


def folder_of_another_user() -> Path:
    """A folder anyone may read but only root may write, for ``as_nobody``."""
    if os.geteuid() != 0:
        pytest.skip("running as another user needs root")
    folder = Path(tempfile.mkdtemp(prefix="inkl-theirs-"))
    folder.chmod(0o755)
    return folder


def as_nobody(command: list[str]) -> list[str]:
    """``command`` run as the user nobody, who may read but not write root's folder."""
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
