"""Numbers and dates the way the page's language writes them, from CLDR's data (Babel).

A Danish page writes "1 punkt", "2 punkter" and "10. marts 2027", an English one "1 item",
"2 items" and "10 March 2027", whatever the browser's own locale is. Each language folder names
its locale in ``ui.yaml`` (key ``locale``, e.g. ``da_DK``), so a new language needs no Python.

Loading a locale's CLDR data costs a page 35-65 ms, a quarter of its own work. So the content
check asks Babel once for what pages need (the plural form of the counts 0-199, the long date
pattern, the month names) and the content cache keeps it with the texts under ``#cldr.`` keys;
a page asks Babel itself only for what the cache lacks (a count of 200, a pattern with fields
beyond day, month and year).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Protocol

LOCALE_KEY = "locale"
PLURAL_MARK = "#"  # "progress.rows#one": the form "one" of the plural message "progress.rows"
CLDR = "#cldr."  # derived from Babel when the content is checked, never written by hand
PLURAL_TABLE = 200
_NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"[^\W\d_]+\.?")
_PATTERN_FIELD = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*")


class Language(Protocol):
    """What the functions here need of ``loading.Content``."""

    @property
    def ui(self) -> dict[str, str]: ...

    @property
    def locale(self) -> str: ...


@cache
def _locale(name: str):
    from babel.core import Locale

    return Locale.parse(name)


def plural_forms(locale: str) -> frozenset[str]:
    """The forms a plural message needs in a language: CLDR's categories, always "other"."""
    return _locale(locale).plural_form.tags | {"other"}


def _month_numbers(locale: str) -> dict[str, int]:
    """Every way the language names a month, wide and abbreviated, lower case: its number."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, _locale(locale)).items():
                names[name.lower().rstrip(".")] = number
    return names


def cldr_data(locale: str) -> dict[str, str]:
    """What the pages need of the locale's CLDR data, as texts to keep with the language."""
    from babel.dates import get_date_format, get_month_names

    language = _locale(locale)
    wide = get_month_names("wide", locale=language)
    return {
        f"{CLDR}plurals": " ".join(language.plural_form(n) for n in range(PLURAL_TABLE)),
        f"{CLDR}date": get_date_format("long", locale=language).pattern,
        f"{CLDR}months": "|".join(wide[number] for number in range(1, 13)),
        f"{CLDR}month_words": "|".join(
            f"{name}={number}" for name, number in _month_numbers(locale).items()
        ),
    }


def plural_form(language: Language, count: object) -> str:
    """The category a number falls in ("one", "other", ...); "other" for what is no number."""
    table = language.ui.get(f"{CLDR}plurals", "").split()
    if isinstance(count, int) and 0 <= count < len(table):
        return table[count]
    try:
        return _locale(language.locale).plural_form(abs(float(str(count))))
    except ValueError:
        return "other"


def format_day(day: dt.date, language: Language) -> str:
    """A date as written in full: "10. marts 2027", "10 March 2027"."""
    pattern = language.ui.get(f"{CLDR}date", "")
    months = language.ui.get(f"{CLDR}months", "").split("|")
    fields = {
        "d": str(day.day),
        "dd": f"{day.day:02d}",
        "M": str(day.month),
        "MM": f"{day.month:02d}",
        "y": str(day.year),
        "yyyy": f"{day.year:04d}",
    }
    if len(months) == 12:
        fields["MMMM"] = months[day.month - 1]

    def field(match: re.Match) -> str:
        token = match[0]
        if token.startswith("'"):
            return token[1:-1].replace("''", "'") or "'"
        return fields[token]  # KeyError: a field the cache cannot fill

    try:
        if pattern:
            return _PATTERN_FIELD.sub(field, pattern)
    except KeyError:
        pass
    from babel.dates import format_date

    return format_date(day, "long", locale=_locale(language.locale))


def _month_words(language: Language) -> dict[str, int]:
    cached = language.ui.get(f"{CLDR}month_words", "")
    if not cached:
        return _month_numbers(language.locale)
    pairs = (entry.rpartition("=") for entry in cached.split("|"))
    return {name: int(number) for name, _, number in pairs}


def parse_day(text: str, language: Language) -> dt.date | None:
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
        months = _month_words(language)
        if len(numbers) == 2 and len(words) == 1 and words[0] in months:
            day, year = sorted(numbers)  # the day is the smaller of the two, in either order
            return dt.date(year, months[words[0]], day) if year >= 1000 else None
    except ValueError:  # 31 February, month 13
        return None
    return None
