"""Numbers, percentages and units as each language writes them (English ``1,234.5``; Danish
``1.234,5``).

Examples
--------
>>> fmt_number(-1234.5, "da", 1), fmt_number(-1234.5, "en", 1)
('−1.234,5', '−1,234.5')
>>> unit_label("t CO2e/yr", "da")
't CO₂e/år'
"""

from __future__ import annotations

import math
import re

from remotecalc.i18n._tables import load_table

#: Languages every text has.
LANGUAGES: tuple[str, ...] = ("en", "da")

#: Danish for the words of units, token by token (tokens are separated by "/" and " ").
UNIT_WORDS_DA: dict[str, str] = load_table("unit_words_da")


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise a ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}; found {lang!r}")
    return lang


def unit_label(unit: str, lang: str = "en") -> str:
    """A unit written for the reader: ``CO2e`` with a subscript, ``m2`` as m², Danish words.

    Examples
    --------
    >>> unit_label("m2", "en"), unit_label("DKK/yr", "da"), unit_label("desks", "da")
    ('m²', 'DKK/år', 'arbejdspladser')
    >>> unit_label("kWh/day", "da"), unit_label("km/h", "da"), unit_label("h/yr", "da")
    ('kWh/dag', 'km/t', 'timer/år')
    >>> unit_label("1,000 h/yr", "da")
    '1.000 timer/år'
    """
    check_lang(lang)
    u = unit.replace("CO2e", "CO₂e")
    u = re.sub(r"m2\b", "m²", u)
    if lang == "da":
        if u.startswith("1,000 "):
            u = "1.000 " + u[len("1,000 ") :]
        parts = re.split(r"([/ ])", u)
        words = [p for p in parts if p not in ("/", " ", "") and not p[:1].isdigit()]
        first = words[0] if words else ""
        for i, p in enumerate(parts):
            if p == "h":  # hours: "timer/år" first, "km/t", "DKK/time" after a slash
                parts[i] = "timer" if p is first else ("t" if parts[:i] == ["km", "/"] else "time")
            else:
                parts[i] = UNIT_WORDS_DA.get(p, p)
        u = "".join(parts)
    return u


def fmt_number(x: float, lang: str = "en", decimals: int = 0, sign: bool = False) -> str:
    """A number with thousands separators and a true minus sign, as ``lang`` writes it.

    Parameters
    ----------
    x : float
    lang : {"en", "da"}
    decimals : int, default 0
    sign : bool, default False
        Write ``+`` before positive numbers (for changes).

    Examples
    --------
    >>> fmt_number(1234567.891, "en", 1), fmt_number(0.5, "da", 2, sign=True)
    ('1,234,567.9', '+0,50')
    >>> fmt_number(float("nan"))
    '–'
    """
    check_lang(lang)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    x = float(x)
    if abs(x) < 0.5 * 10**-decimals:
        x = 0.0  # no "-0"
    s = f"{abs(x):,.{decimals}f}"
    if lang == "da":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if x < 0:
        return "−" + s
    return ("+" + s) if sign and x > 0 else s


def fmt_big(x: float, lang: str = "en", sign: bool = False) -> str:
    """A large number for running text: millions as "2.7 million" ("2,7 mio.").

    Examples
    --------
    >>> fmt_big(-2723467, "en"), fmt_big(2978075, "da"), fmt_big(70998.4, "en")
    ('−2.7 million', '3,0 mio.', '70,998')
    """
    if x is not None and not (isinstance(x, float) and math.isnan(x)) and abs(x) >= 1e6:
        return fmt_number(x / 1e6, lang, 1, sign) + (" mio." if lang == "da" else " million")
    return fmt_number(x, lang, 0, sign)


def fmt_percent(share: float, lang: str = "en", decimals: int = 0) -> str:
    """A share (0–1) as a percentage: ``'42 %'`` (both languages keep the space).

    Examples
    --------
    >>> fmt_percent(0.4213, "da", 1)
    '42,1 %'
    """
    return f"{fmt_number(100 * share, lang, decimals)} %"


def short_number(x: float, lang: str) -> str:
    """A number as short as it can be written: 2, 2.5 (2,5), 0.25."""
    x = float(x)
    for d in range(4):
        if abs(x - round(x, d)) < 1e-9:
            return fmt_number(x, lang, d)
    return fmt_number(x, lang, 3)


def short_percent(share: float, lang: str) -> str:
    """A share as a percentage with no needless decimals: 0.95 -> "95 %", 0.975 -> "97.5 %"."""
    return f"{short_number(round(100 * float(share), 6), lang)} %"


_OPTIONAL_ENDING = re.compile(r"(\w+)\((s|e|er|r|me|ne)\)")
_COUNT_BEFORE = re.compile(r"(?<![\d.,])(\d[\d.,]*)\s+(?:[^\s\d]+\s+){0,2}$")


def plural_forms(text: str) -> str:
    """Words written with an optional ending, ``day(s)``, ``hjemmearbejdsdag(e)``,
    ``lokalitet(er)``, resolved by the count written before them (within two words): the
    singular after a 1, else the plural.

    Examples
    --------
    >>> plural_forms("1 hjemmearbejdsdag(e) om ugen; 3 lokalitet(er); 2 tom(me) linje(r)")
    '1 hjemmearbejdsdag om ugen; 3 lokaliteter; 2 tomme linjer'
    >>> plural_forms("1 remote day(s); 1.234 employee(s); kolonne(r) i data")
    '1 remote day; 1.234 employees; kolonner i data'
    """

    def resolve(m: re.Match[str]) -> str:
        count = _COUNT_BEFORE.search(text[: m.start()])
        one = count is not None and count.group(1) == "1"
        return m.group(1) if one else m.group(1) + m.group(2)

    return _OPTIONAL_ENDING.sub(resolve, text)
