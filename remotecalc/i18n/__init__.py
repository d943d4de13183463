"""Danish and English labels for figures, reports and workbooks.

One table of texts, looked up by key and language; units and numbers formatted the way each
language writes them (English ``1,234.5``; Danish ``1.234,5``).

The package is the tables (``tables/*.toml``: texts, labels, notes, the Danish words of
units) and three small modules that read them: :mod:`~remotecalc.i18n.formats` (numbers,
percentages, units), :mod:`~remotecalc.i18n.labels` (:func:`t`, column, mode and parameter
labels, scenario descriptions) and :mod:`~remotecalc.i18n.notes` (:class:`Note`). Metric
labels come from the metrics registry (:func:`remotecalc.model.metrics.metric_label`).
It imports nothing of the package above it: every layer may use it.

Examples
--------
>>> from remotecalc.i18n import t, fmt_number, unit_label
>>> t("desks_needed_axis", "da")
'Arbejdspladser, der er brug for'
>>> fmt_number(-1234.5, "da", 1), fmt_number(-1234.5, "en", 1)
('−1.234,5', '−1,234.5')
>>> unit_label("t CO2e/yr", "da")
't CO₂e/år'
"""

from __future__ import annotations

from remotecalc.i18n.formats import (
    LANGUAGES,
    check_lang,
    fmt_big,
    fmt_number,
    fmt_percent,
    short_number,
    short_percent,
    unit_label,
)
from remotecalc.i18n.labels import (
    COLUMN_LABELS,
    MODE_FAMILY_NAMES,
    MODE_NAMES,
    PARAMETER_LABELS,
    PARAMETER_TOPICS,
    TEXTS,
    WEEKDAY_NAMES,
    column_label,
    describe_scenario,
    join_words,
    parameter_label,
    parameter_topic,
    t,
    weekday_names,
)
from remotecalc.i18n.notes import NOTE_TEXTS, NOTE_WORDS, Note, note_text

__all__ = [
    "COLUMN_LABELS",
    "LANGUAGES",
    "MODE_FAMILY_NAMES",
    "MODE_NAMES",
    "NOTE_TEXTS",
    "NOTE_WORDS",
    "PARAMETER_LABELS",
    "PARAMETER_TOPICS",
    "TEXTS",
    "WEEKDAY_NAMES",
    "Note",
    "check_lang",
    "column_label",
    "describe_scenario",
    "fmt_big",
    "fmt_number",
    "fmt_percent",
    "join_words",
    "note_text",
    "parameter_label",
    "parameter_topic",
    "short_number",
    "short_percent",
    "t",
    "unit_label",
    "weekday_names",
]
