"""The one error type users see: a message key plus details, worded in the user's language.

Messages are looked up in the content's ``ui.yaml`` (keys ``error.*``) so a page, the CLI and an
import all say the same thing in Danish or English. Details never carry the rejected input itself.
"""

from __future__ import annotations


class WorkbookError(Exception):
    """Refused input or a failed operation; nothing already saved was changed."""

    def __init__(self, key: str, **details: object):
        self.key = key
        self.details = details
        super().__init__(f"{key} {details}" if details else key)

    def message(self, content) -> str:
        """The sentence to show, in the language of ``content``."""
        return content.t(f"error.{self.key}", **self.details)
