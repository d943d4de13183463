"""Danish for the phrases of the problems and errors users meet most.

A reader's problem ("not a number; expected a number") and an error message ("required
column 'site_id' is missing from the staff table. ...") are English text built around the
user's own names and values. :func:`phrase_text` replaces the known phrases
(``tables/problem_phrases.toml``), longest first, and leaves the user's names, values and
any phrase it does not know as they are.
"""

from __future__ import annotations

import re

from remotecalc.i18n._tables import load_table
from remotecalc.i18n.formats import check_lang

__all__ = ["PROBLEM_PHRASES", "phrase_text"]

#: English phrase -> Danish.
PROBLEM_PHRASES: dict[str, str] = {str(k): str(v) for k, v in load_table("problem_phrases").items()}

_PATTERN = re.compile(
    "|".join(re.escape(k) for k in sorted(PROBLEM_PHRASES, key=len, reverse=True))
)


def phrase_text(text: str, lang: str = "en") -> str:
    """``text`` with its known phrases in ``lang`` (English: unchanged).

    Examples
    --------
    >>> phrase_text("not a number; expected a number", "da")
    'ikke et tal; forventede et tal'
    >>> phrase_text("unknown site; expected one of the sites table's site_id values: A, B", "da")
    'ukendt lokalitet; forventede en af lokalitetstabellens værdier i kolonnen site_id: A, B'
    >>> phrase_text("the point lies far outside DK; expected home_lat from 54.3 to 58.0", "da")
    'punktet ligger langt uden for DK; forventede home_lat fra 54,3 til 58,0'
    """
    check_lang(lang)
    if lang == "en":
        return text
    text = _PATTERN.sub(lambda m: PROBLEM_PHRASES[m.group(0)], text)
    return _RANGE.sub(_danish_range, text)


#: "from 54.3 to 58.0", the ranges the readers put after a column name (their bounds, never
#: the user's values, which are quoted).
_RANGE = re.compile(r"\bfrom (-?\d+(?:\.\d+)?) to (-?\d+(?:\.\d+)?)\b")


def _danish_range(m: re.Match[str]) -> str:
    """``from 54.3 to 58.0`` as ``fra 54,3 til 58,0``."""
    lo, hi = (v.replace(".", ",") for v in m.groups())
    return f"fra {lo} til {hi}"
