"""The language of the server's own pages follows the browser's wishes, Danish otherwise."""

from __future__ import annotations

import pytest

from inkl_widgets.server.notice import preferred_language


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "da"),
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("de, en;q=0.5, da;q=0.8", "da"),
        ("en;q=0", "da"),
        ("en;q=nonsense", "da"),
        ("fr, de", "da"),
    ],
)
def test_the_page_language_is_the_first_wish_the_content_has(header, language):
    assert preferred_language(header) == language
