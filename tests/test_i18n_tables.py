"""The label tables are data (remotecalc/i18n/tables/*.toml): complete in both languages."""

from __future__ import annotations

import string

import pytest

from remotecalc.i18n import NOTE_TEXTS, NOTE_WORDS, TEXTS, _tables
from remotecalc.i18n.labels import COLUMN_LABELS, MODE_NAMES, PARAMETER_LABELS, WEEKDAY_NAMES


def _fields(text) -> set[str]:
    parts = text if isinstance(text, list) else [text]
    return {f for p in parts for _, f, _, _ in string.Formatter().parse(p) if f}


@pytest.mark.parametrize(
    "table",
    [TEXTS, NOTE_TEXTS, NOTE_WORDS, COLUMN_LABELS, MODE_NAMES, PARAMETER_LABELS, WEEKDAY_NAMES],
)
def test_every_entry_in_both_languages_with_the_same_placeholders(table):
    for key, entry in table.items():
        assert set(entry) == {"en", "da"}, key
        assert entry["da"], key
        assert _fields(entry["en"]) == _fields(entry["da"]), key


def test_a_topic_file_adds_entries_and_may_not_redefine_one(tmp_path, monkeypatch):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "t.toml").write_text('[a]\nen = "A"\nda = "A"\n')
    (folder / "t-extra.toml").write_text('[b]\nen = "B"\nda = "B"\n')

    class Files:
        def joinpath(self, name):
            return folder

    monkeypatch.setattr(_tables.resources, "files", lambda pkg: Files())
    assert list(_tables.load_table("t")) == ["a", "b"]
    (folder / "t-more.toml").write_text('[a]\nen = "again"\nda = "igen"\n')
    with pytest.raises(ValueError, match=r"t-more.toml defines again \['a'\]"):
        _tables.load_table("t")
