"""Notes for the reader that can be written in any language (:class:`Note`).

The note texts are data: ``remotecalc/i18n/tables/notes.toml`` (kinds) and
``note_words.toml`` (words used as values).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from remotecalc.i18n._tables import load_table
from remotecalc.i18n.formats import check_lang, fmt_number, plural_forms, short_number

#: Note kind -> {"en": text, "da": text}; ``{name}`` placeholders are the note's values.
NOTE_TEXTS: dict[str, dict[str, str]] = load_table("notes")
#: Words used as values of notes (``Note.word("staff")``).
NOTE_WORDS: dict[str, dict[str, str]] = load_table("note_words")
_LABELS = load_table("labels")
#: Commute mode code -> {"en": name, "da": name} (``Note.mode("bicycle")``).
_MODE_NAMES: dict[str, dict[str, str]] = _LABELS["mode_names"]
#: Staff column (field) name -> {"en": label, "da": label} (``Note.field("fte")``).
_FIELD_LABELS: dict[str, dict[str, str]] = _LABELS["column_labels"]
#: Pseudo-kinds of notes that are single values rendered per language.
_VALUE_KINDS = ("_word", "_mode", "_field")


def _note_value(v, lang: str) -> str:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return fmt_number(v, lang, 0)
    if isinstance(v, float):
        return short_number(v, lang)
    if isinstance(v, (list, tuple)):
        return ", ".join(_note_value(x, lang) for x in v)
    if isinstance(v, Note):
        return v.render(lang)
    return str(v)


class Note(str):
    """A note for the reader that can be written in any language.

    It *is* its English text (a ``str``: printed, compared, joined and searched as before),
    and it also carries its kind (a key of :data:`NOTE_TEXTS`) and its values, so that a
    Danish report renders it in Danish (:meth:`render`, :func:`note_text`). Values are
    numbers (formatted per language), text (the user's own: file names, column names,
    kept as is), :class:`Note` (rendered in the same language) or a ``NOTE_WORDS`` key
    given as ``Note.word("staff")``. A code is never shown as it is in another language: a
    commute mode is given as ``Note.mode("bicycle")`` (English: the code the user types;
    Danish: "cykel") and one of remotecalc's own column names as ``Note.field("fte")``
    (English: the name; Danish: "årsværk (fte)", the name a header may use in brackets).

    Examples
    --------
    >>> n = Note("default_column", column=Note.field("onsite_days_per_week"), value=5.0)
    >>> str(n)
    "no 'onsite_days_per_week' column: every employee taken as onsite_days_per_week = 5"
    >>> n.render("da")
    'ingen kolonne med fremmødedage om ugen (onsite_days_per_week): værdien 5 brugt for alle medarbejdere'
    >>> Note("mode_word", word="Bil", mode=Note.mode("car"), n=13).render("da")
    "'Bil' → bil, drivmiddel ikke oplyst (13 medarbejdere)"
    >>> n.kind, n.values["value"]
    ('default_column', 5.0)
    """  # noqa: E501

    kind: str
    values: dict

    def __new__(cls, kind: str, **values) -> Note:
        if kind not in NOTE_TEXTS and kind not in _VALUE_KINDS:
            raise KeyError(f"unknown note kind {kind!r}; add it to i18n.NOTE_TEXTS")
        obj = super().__new__(cls, cls._text(kind, "en", values))
        obj.kind = kind
        obj.values = dict(values)
        return obj

    @staticmethod
    def _text(kind: str, lang: str, values: dict) -> str:
        if kind == "_word":
            return NOTE_WORDS[values["word"]][lang]
        if kind == "_mode":
            code = values["code"]
            if lang == "en" or code not in _MODE_NAMES:
                return code
            # "Bil (drivmiddel ikke oplyst)" inside a sentence: "bil, drivmiddel ikke oplyst"
            name = _MODE_NAMES[code][lang].replace(" (", ", ").rstrip(")")
            return name[:1].lower() + name[1:]
        if kind == "_field":
            name = values["name"]
            if lang == "en" or name not in _FIELD_LABELS:
                return name
            return f"{_FIELD_LABELS[name][lang]} ({name})"
        template = _without_empty_clauses(NOTE_TEXTS[kind][lang], values)
        return template.format(**{k: _note_value(v, lang) for k, v in values.items()})

    @classmethod
    def word(cls, word: str) -> Note:
        """A word of :data:`NOTE_WORDS` as a value of another note."""
        return cls("_word", word=word)

    @classmethod
    def mode(cls, code: str) -> Note:
        """A commute mode code as a value of another note, named in the note's language."""
        return cls("_mode", code=code)

    @classmethod
    def field(cls, name: str) -> Note:
        """One of remotecalc's own staff column names as a value of another note."""
        return cls("_field", name=name)

    @classmethod
    def from_values(cls, kind: str, values: dict) -> Note:
        """The note of ``kind`` with ``values`` (used by pickle)."""
        return cls(kind, **values)

    def __reduce__(self):
        return (Note.from_values, (self.kind, self.values))

    def _with_values(self, values: dict) -> Note:
        """This note with ``values`` (equal to its own), its English text kept: what
        :meth:`from_values` gives, without writing the text again."""
        obj = str.__new__(Note, self)
        obj.kind = self.kind
        obj.values = dict(values)
        return obj

    def __copy__(self) -> Note:
        return self._with_values(self.values)

    def __deepcopy__(self, memo: dict[int, Any]) -> Note:
        # pandas deep-copies a frame's attrs (which hold notes) at every column access
        return self._with_values(copy.deepcopy(self.values, memo))

    def render(self, lang: str = "en") -> str:
        """The note's text in ``lang``."""
        check_lang(lang)
        text = self._text(self.kind, lang, self.values)
        # Danish has no "(s)" convention: resolve optional endings by their count
        return plural_forms(text) if lang == "da" else text


_CLAUSE = re.compile(r"\[\[(.*?)\]\]")


def _without_empty_clauses(template: str, values: dict) -> str:
    """A note's template with its counted clauses (``[[{k} did x]]``) whose first count is
    0 left out, and the others joined by "; ": "0 have a code the index does not cover" is
    not said.

    Examples
    --------
    >>> _without_empty_clauses("of {n}: [[{a} x]][[{b} y]][[{c} z]].", {"a": 2, "b": 0, "c": 1})
    'of {n}: {a} x; {c} z.'
    """
    clauses = _CLAUSE.findall(template)
    if not clauses:
        return template

    def empty(clause: str) -> bool:
        first = re.search(r"\{(\w+)\}", clause)
        v = values.get(first.group(1)) if first else None
        return isinstance(v, int) and not isinstance(v, bool) and v == 0

    kept = [c for c in clauses if not empty(c)] or clauses[:1]
    start, end = template.index("[["), template.rindex("]]") + 2
    return template[:start] + "; ".join(kept) + template[end:]


def note_text(note: str, lang: str = "en") -> str:
    """A note in ``lang``: a :class:`Note` rendered, any other text as it is (English)."""
    return note.render(lang) if isinstance(note, Note) else str(note)
