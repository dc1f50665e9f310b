"""Text bound for a terminal, with nothing in it that a terminal would obey.

A workbook's name or a key in an imported file can hold ESC sequences (clear the screen, retitle
the window), CR/LF (fake lines), NUL or bidi overrides (text shown reversed). The command line
shows such characters as escapes (``\\x1b``, ``\\n``, ``\\u202e``) and everything else as it is.
"""

from __future__ import annotations

import unicodedata

# Unicode's explicit directional formatting characters (UAX #9): embeddings, overrides, isolates
# and marks. Other format characters (soft hyphen, the joiner inside emoji) are harmless. Lone
# surrogates (category Cs) are escaped too: they cannot even be encoded for output.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _escaped(character: str) -> str:
    code = ord(character)
    if code == 0x0A:
        return "\\n"
    if code == 0x0D:
        return "\\r"
    if code == 0x09:
        return "\\t"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _obeyed(character: str) -> bool:
    """True for a character a terminal acts on instead of showing."""
    return unicodedata.category(character) in ("Cc", "Cs", "Zl", "Zp") or character in BIDI_CONTROLS


def printable(text: object) -> str:
    """``text`` as a string a terminal shows as it is: control and bidi characters escaped."""
    text = str(text)
    if not any(_obeyed(character) for character in text):
        return text
    return "".join(_escaped(c) if _obeyed(c) else c for c in text)
