"""A checked language kept on disk, so that a page need not read YAML or render Markdown.

Every page of the app starts a new kernel. Reading a language's YAML, checking it against the
reference language and rendering its Markdown took some 35 ms of each page's start, most of it
importing PyYAML and mistune. The result is kept as one JSON file per content folder and
language, keyed by the size and modification time of every file it was made from: the content
files and the code that reads and renders them. A changed file, a missing or unreadable cache
file or one from another version is simply a miss, and the language is read afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from pathlib import Path

import msgspec
import platformdirs

from inkl_widgets.content.model import WorkbookTexts

log = logging.getLogger(__name__)


class CachedLanguage(msgspec.Struct):
    """What loading a language produced, and the files it was made from."""

    sources: list[tuple[str, int, int]]  # path, modification time (ns), size
    texts: WorkbookTexts
    ui: dict[str, str]
    markdown_html: dict[str, str]


def cache_dir() -> Path:
    """``INKL_CACHE_DIR`` if set, else the user's cache folder (``~/.cache/inkl`` on Linux)."""
    chosen = os.environ.get("INKL_CACHE_DIR")
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("inkl", appauthor=False))


def stamp(file: Path) -> tuple[str, int, int] | None:
    """A file's path, modification time and size; None if it is missing."""
    try:
        status = file.stat()
    except OSError:
        return None
    return str(file), status.st_mtime_ns, status.st_size


def stamps(files: list[Path]) -> list[tuple[str, int, int]] | None:
    """Every file's stamp; None if one is missing."""
    found = [stamp(file) for file in files]
    return [each for each in found if each is not None] if None not in found else None


def _cache_file(root: Path, language: str) -> Path:
    folder_key = hashlib.sha256(str(root).encode()).hexdigest()[:16]
    return cache_dir() / f"content-{folder_key}-{language}.json"


def read(root: Path, language: str, current: list[tuple[str, int, int]]) -> CachedLanguage | None:
    """The language as cached, if its source files' stamps are still ``current``."""
    try:
        cached = msgspec.json.decode(_cache_file(root, language).read_bytes(), type=CachedLanguage)
    except (OSError, msgspec.DecodeError):  # no cache yet, or one from another version
        return None
    return cached if [tuple(s) for s in cached.sources] == current else None


def write(root: Path, language: str, entry: CachedLanguage) -> None:
    """Keep a loaded language; a cache that cannot be written only costs the next page time."""
    target = _cache_file(root, language)
    partial = target.with_suffix(f".{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(msgspec.json.encode(entry))
        os.replace(partial, target)  # pages starting at once never read half a file
    except OSError as error:
        log.info("content cache not written to %s: %s", target, error)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
