"""Notes for the reader that can be written in any language (:class:`Note`).

The note texts are data: ``remotecalc/i18n/tables/notes.toml`` (kinds) and
``note_words.toml`` (words used as values).
"""

from __future__ import annotations

from remotecalc.i18n._tables import load_table
from remotecalc.i18n.formats import check_lang, fmt_number, plural_forms, short_number

#: Note kind -> {"en": text, "da": text}; ``{name}`` placeholders are the note's values.
NOTE_TEXTS: dict[str, dict[str, str]] = load_table("notes")
#: Words used as values of notes (``Note.word("staff")``).
NOTE_WORDS: dict[str, dict[str, str]] = load_table("note_words")


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
    given as ``Note.word("staff")``.

    Examples
    --------
    >>> n = Note("default_column", column="onsite_days_per_week", value=5.0)
    >>> str(n)
    "no 'onsite_days_per_week' column: every employee taken as onsite_days_per_week = 5"
    >>> n.render("da")
    "ingen kolonne 'onsite_days_per_week': værdien 5 brugt for alle medarbejdere"
    >>> n.kind, n.values["value"]
    ('default_column', 5.0)
    """

    kind: str
    values: dict

    def __new__(cls, kind: str, **values) -> Note:
        if kind not in NOTE_TEXTS and kind != "_word":
            raise KeyError(f"unknown note kind {kind!r}; add it to i18n.NOTE_TEXTS")
        obj = super().__new__(cls, cls._text(kind, "en", values))
        obj.kind = kind
        obj.values = dict(values)
        return obj

    @staticmethod
    def _text(kind: str, lang: str, values: dict) -> str:
        if kind == "_word":
            return NOTE_WORDS[values["word"]][lang]
        return NOTE_TEXTS[kind][lang].format(**{k: _note_value(v, lang) for k, v in values.items()})

    @classmethod
    def word(cls, word: str) -> Note:
        """A word of :data:`NOTE_WORDS` as a value of another note."""
        return cls("_word", word=word)

    @classmethod
    def from_values(cls, kind: str, values: dict) -> Note:
        """The note of ``kind`` with ``values`` (used by pickle)."""
        return cls(kind, **values)

    def __reduce__(self):
        return (Note.from_values, (self.kind, self.values))

    def render(self, lang: str = "en") -> str:
        """The note's text in ``lang``."""
        check_lang(lang)
        text = self._text(self.kind, lang, self.values)
        # Danish has no "(s)" convention: resolve optional endings by their count
        return plural_forms(text) if lang == "da" else text


def note_text(note: str, lang: str = "en") -> str:
    """A note in ``lang``: a :class:`Note` rendered, any other text as it is (English)."""
    return note.render(lang) if isinstance(note, Note) else str(note)
