"""Texts and labels by key, in English and Danish: :func:`t`, column, mode and parameter labels,
scenario descriptions. The tables are data: ``remotecalc/i18n/tables/texts.toml`` and
``labels.toml``.

Examples
--------
>>> t("desks_needed_axis", "da")
'Arbejdspladser, der er brug for'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from remotecalc.i18n._tables import load_table
from remotecalc.i18n.formats import check_lang, plural_forms, short_number, short_percent

#: Text key -> {"en": text, "da": text} (a few entries are lists of paragraphs).
TEXTS: dict[str, dict[str, str | list[str]]] = load_table("texts")

_LABELS = load_table("labels")
#: Weekday code -> names.
WEEKDAY_NAMES: dict[str, dict[str, str]] = _LABELS["weekday_names"]
#: Table column -> label.
COLUMN_LABELS: dict[str, dict[str, str]] = _LABELS["column_labels"]
_SCENARIO_WORDS: dict[str, dict[str, str]] = _LABELS["scenario_words"]
#: Mode code -> name.
MODE_NAMES: dict[str, dict[str, str]] = _LABELS["mode_names"]
_MODE_FIELD_LABELS: dict[str, dict[str, str]] = _LABELS["mode_field_labels"]
#: Parameter key -> name (mode fields and rebound shares are composed by parameter_label).
PARAMETER_LABELS: dict[str, dict[str, str]] = _LABELS["parameter_labels"]
#: A mode's name when a parameter of it is the one quantity of its whole family (the car
#: fuels' circuity, speed, ... linked with ``same_as``).
MODE_FAMILY_NAMES: dict[str, dict[str, str]] = _LABELS["mode_family_names"]
#: (text key of a topic, key prefixes) in the order of the report's assumptions appendix.
PARAMETER_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (row["text_key"], tuple(row["prefixes"])) for row in _LABELS["parameter_topics"]
)
_REBOUND_SHARE = "rebound.noncommute_mode_share."


def t(key: str, lang: str = "en", **values) -> str:
    """The text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    Examples
    --------
    >>> t("employees_n", "da", n="1.234")
    '1.234 medarbejdere'
    """
    check_lang(lang)
    text = cast(str, TEXTS[key][lang])  # the list entries are read from TEXTS directly
    return plural_forms(text.format(**values)) if values else text


def join_words(items: list[str], lang: str, word: str = "and") -> str:
    """``a, b and c`` (Danish ``a, b og c``).

    Examples
    --------
    >>> join_words(["tirsdag", "torsdag"], "da")
    'tirsdag og torsdag'
    """
    check_lang(lang)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {_SCENARIO_WORDS[word][lang]} " + items[-1]


def weekday_names(days: tuple[str, ...] | list[str], lang: str = "en") -> str:
    """Weekday keys as words: ``("tue", "thu")`` -> "Tuesday and Thursday".

    Examples
    --------
    >>> weekday_names(("tue", "thu"), "da")
    'tirsdag og torsdag'
    """
    return join_words([WEEKDAY_NAMES.get(d, {}).get(lang, d) for d in days], lang)


def column_label(column: str, lang: str = "en") -> str:
    """A staff column's name for the reader (``department`` -> "afdeling"); other names as
    they are (they are the user's own)."""
    check_lang(lang)
    return COLUMN_LABELS.get(column, {}).get(lang, column)


def describe_scenario(scenario, lang: str = "en") -> str:
    """A scenario's levers as one sentence in ``lang``.

    Parameters
    ----------
    scenario : remotecalc.Scenario
    lang : {"en", "da"}

    Examples
    --------
    >>> from remotecalc import Scenario
    >>> sc = Scenario(name="x", remote_days_per_week=2, anchor_days=("tue", "thu"),
    ...               release_space=1.0)
    >>> describe_scenario(sc, "en")
    '2 remote days a week granted to everyone; anchor days Tuesday and Thursday (weighted 3× in attendance); desks for a 95 % service level; all surplus office space given up.'
    >>> describe_scenario(sc, "da")
    '2 hjemmearbejdsdage om ugen for alle; faste mødedage tirsdag og torsdag (vægtet 3× i fremmødet); arbejdspladser til et serviceniveau på 95 %; alt overskydende kontorareal afgives.'
    """  # noqa: E501
    check_lang(lang)
    w = {k: v[lang] for k, v in _SCENARIO_WORDS.items()}
    sc = scenario
    if sc.applies_to:
        parts = [
            w["who_part"].format(
                col=column_label(k, lang), values=join_words([str(x) for x in v], lang, "or")
            )
            for k, v in sc.applies_to.items()
        ]
        who = w["who"].format(what=join_words(parts, lang))
    else:
        who = w["everyone"]
    d = float(sc.remote_days_per_week)
    first = (
        w["days"].format(d=short_number(d, lang), who=who) if d else w["no_days"].format(who=who)
    )
    extra = []
    if d and sc.uptake < 1:
        extra.append(w["uptake"].format(p=short_percent(sc.uptake, lang)))
    if sc.wanted_days_column:
        extra.append(w["wanted"].format(col=sc.wanted_days_column))
    clauses = [", ".join([first, *extra])]
    if sc.anchor_days:
        clauses.append(
            w["anchor"].format(
                days=weekday_names(sc.anchor_days, lang), w=short_number(sc.anchor_weight, lang)
            )
        )
    elif sc.weekday_profile is not None:
        clauses.append(
            w["profile"].format(v=" : ".join(short_number(x, lang) for x in sc.weekday_profile))
        )
    clauses.append(w["service"].format(p=short_percent(sc.service_level, lang)))
    if sc.desk_ratio is not None:
        clauses.append(w["ratio"].format(r=short_number(sc.desk_ratio, lang)))
    r = float(sc.release_space)
    clauses.append(
        w["release_none"]
        if r == 0
        else w["release_all"]
        if r == 1
        else w["release_part"].format(p=short_percent(r, lang))
    )
    if getattr(sc, "virtual_meeting_share", 0):
        clauses.append(t("sw_virtual", lang, p=short_percent(sc.virtual_meeting_share, lang)))
    if getattr(sc, "screen_visit_share", 0):
        clauses.append(t("sw_screen", lang, p=short_percent(sc.screen_visit_share, lang)))
    if sc.horizon_years is not None:
        clauses.append(w["horizon"].format(h=short_number(sc.horizon_years, lang)))
    if sc.discount_rate is not None:
        clauses.append(w["discount"].format(p=short_percent(sc.discount_rate, lang)))
    text = plural_forms("; ".join(clauses) + ".")
    return text[:1].upper() + text[1:]


def parameter_topic(key: str) -> str:
    """The text key of a parameter's topic (``topic_mode`` for ``mode.car.occupancy``)."""
    for topic, prefixes in PARAMETER_TOPICS:
        if any(key == p or (p.endswith(".") and key.startswith(p)) for p in prefixes):
            return topic
    return "topic_other"


def parameter_label(key: str, lang: str = "en", shared_with: Sequence[str] = ()) -> str:
    """A parameter's name for the reader, in ``lang`` (the key itself when unknown).

    ``shared_with``: the keys linked to ``key`` (``Parameters.linked_to``); a mode parameter
    that other modes share is named for all of them ("Car (every fuel): circuity").

    Examples
    --------
    >>> parameter_label("mode.car_ev.co2e_wtt_kg_per_km", "da")
    'Elbil: CO₂e-faktor (opstrøms)'
    >>> parameter_label("rebound.noncommute_mode_share.car", "en")
    'Rebound trips by car, share'
    >>> parameter_label("mode.car.circuity", "en", shared_with=["mode.car_ev.circuity"])
    'Car (every fuel): circuity'
    """
    check_lang(lang)
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "mode" and parts[2] in _MODE_FIELD_LABELS:
        mode = MODE_NAMES.get(parts[1], {}).get(lang, parts[1])
        others = [k.split(".")[1] for k in shared_with if k.count(".") == 2]
        if others:
            family = parts[1]
            if family in MODE_FAMILY_NAMES and all(m.startswith(family) for m in others):
                mode = MODE_FAMILY_NAMES[family][lang]
            else:
                names = [MODE_NAMES.get(m, {}).get(lang, m) for m in others]
                mode = ", ".join([mode, *names])
        return f"{mode}: {_MODE_FIELD_LABELS[parts[2]][lang]}"
    if key.startswith(_REBOUND_SHARE):
        mode = key[len(_REBOUND_SHARE) :]
        if lang == "da":
            name = MODE_NAMES.get(mode, {}).get("da", mode).lower()
            return f"Rebound-ture, andel med {name}"
        return f"Rebound trips by {mode}, share"
    return PARAMETER_LABELS.get(key, {}).get(lang, key)
