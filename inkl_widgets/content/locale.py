"""Numbers and dates the way the page's language writes them, from CLDR's data (Babel).

A Danish page writes "1 punkt", "2 punkter" and "10. marts 2027", an English one "1 item",
"2 items" and "10 March 2027", whatever the browser's own locale is. Each language folder names
its locale in ``ui.yaml`` (key ``locale``, e.g. ``da_DK``), so a new language needs no Python.
Babel is imported when a plural or a date is first needed, not with every page.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

LOCALE_KEY = "locale"
PLURAL_MARK = "#"  # "progress.rows#one": the form "one" of the plural message "progress.rows"
_NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"[^\W\d_]+\.?")


@cache
def _locale(name: str):
    from babel.core import Locale

    return Locale.parse(name)


def plural_forms(locale: str) -> frozenset[str]:
    """The forms a plural message needs in a language: CLDR's categories, always "other"."""
    return _locale(locale).plural_form.tags | {"other"}


def plural_form(locale: str, count: object) -> str:
    """The category a number falls in ("one", "other", ...); "other" for what is no number."""
    try:
        return _locale(locale).plural_form(abs(float(str(count))))
    except ValueError:
        return "other"


def format_day(day: dt.date, locale: str) -> str:
    """A date as written in full: "10. marts 2027", "10 March 2027"."""
    from babel.dates import format_date

    return format_date(day, "long", locale=_locale(locale))


@cache
def _month_numbers(locale: str) -> dict[str, int]:
    """Every way the language names a month, wide and abbreviated, lower case: its number."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, _locale(locale)).items():
                names[name.lower().rstrip(".")] = number
    return names


def parse_day(text: str, locale: str) -> dt.date | None:
    """A date as a person types it; None if it is no date.

    Reads day first ("10.3.2027", "10/3/2027", "10-03-2027"), ISO ("2027-03-10"), and the month
    in words of the page's language, with or without a dot or comma ("10. marts 2027",
    "10 mar. 2027", "March 10, 2027").
    """
    text = " ".join(text.replace(",", " ").split())
    try:
        if match := _NUMERIC.fullmatch(text):
            if match[1]:
                return dt.date(int(match[3]), int(match[2]), int(match[1]))
            return dt.date(int(match[4]), int(match[5]), int(match[6]))
        numbers = [int(part.rstrip(".")) for part in text.split() if part.rstrip(".").isdigit()]
        words = [w.lower().rstrip(".") for w in _WORDS.findall(text)]
        months = _month_numbers(locale)
        if len(numbers) == 2 and len(words) == 1 and words[0] in months:
            day, year = sorted(numbers)  # the day is the smaller of the two, in either order
            return dt.date(year, months[words[0]], day) if year >= 1000 else None
    except ValueError:  # 31 February, month 13
        return None
    return None
