"""Tests of scenarios: validation with plain errors, weekday aliases, immutability, TOML plans."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

import remotecalc as rc
from remotecalc.errors import ScenarioError
from remotecalc.inputs.scenario import WEEKDAYS, Scenario, load_scenarios, make_scenario

ROOT = Path(__file__).resolve().parents[1]


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, value",
    [
        ("remote_days_per_week", 7),
        ("remote_days_per_week", -1),
        ("uptake", 1.5),
        ("service_level", 1.0),
        ("desk_ratio", 0),
        ("release_space", 2),
        ("discount_rate", 1.0),
        ("horizon_years", 0),
    ],
)
def test_out_of_range_lever_names_field_and_value(field, value):
    with pytest.raises(ScenarioError) as err:
        make_scenario({"name": "bad", field: value}, source="plan.toml")
    text = str(err.value)
    assert "plan.toml" in text and "'bad'" in text
    assert field in text
    assert f"found {value!r}" in text
    assert "Traceback" not in text and "errors.pydantic.dev" not in text


def test_unknown_lever_is_named():
    with pytest.raises(ScenarioError, match=r"remote_dayz.*found 2"):
        make_scenario({"name": "typo", "remote_dayz": 2})


def test_missing_name():
    with pytest.raises(ScenarioError, match=r"scenario '\?'.*\n.*name"):
        make_scenario({"remote_days_per_week": 2})


def test_every_problem_is_listed():
    with pytest.raises(ScenarioError) as err:
        make_scenario({"name": "x", "uptake": 3, "release_space": -1})
    assert "uptake" in str(err.value) and "release_space" in str(err.value)


def test_profile_and_anchor_days_together_rejected():
    with pytest.raises(ScenarioError, match="either weekday_profile or anchor_days"):
        make_scenario({"name": "x", "anchor_days": ["tue"], "weekday_profile": [1, 1, 1, 1, 1]})


@pytest.mark.parametrize("profile", [[0, 0, 0, 0, 0], [1, -1, 1, 1, 1]])
def test_bad_weekday_profile(profile):
    with pytest.raises(ScenarioError, match="weekday_profile"):
        make_scenario({"name": "x", "weekday_profile": profile})


def test_direct_construction_raises_a_value_error():
    """Scenario(...) itself raises pydantic's ValidationError (a ValueError) naming the field;
    make_scenario / load_scenarios turn it into a plain ScenarioError."""
    with pytest.raises(ValueError, match="remote_days_per_week"):
        Scenario(name="x", remote_days_per_week=7)


# --- weekdays ------------------------------------------------------------------------------


@pytest.mark.parametrize("alias", ["tue", "Tuesday", "tirsdag", "TIRSDAG", " tir ", "tues"])
def test_anchor_day_aliases(alias):
    sc = Scenario(name="x", anchor_days=[alias])
    assert sc.anchor_days == ("tue",)
    assert sc.profile() == (1.0, 3.0, 1.0, 1.0, 1.0)


def test_danish_week_and_duplicates():
    sc = Scenario(
        name="x", anchor_days=["mandag", "onsdag", "Wednesday", "fredag"], anchor_weight=2
    )
    assert sc.anchor_days == ("mon", "wed", "fri")
    assert sc.profile() == (2.0, 1.0, 2.0, 1.0, 2.0)


def test_single_string_anchor_day():
    assert Scenario(name="x", anchor_days="torsdag").anchor_days == ("thu",)


def test_unknown_weekday_is_plain():
    with pytest.raises(ScenarioError, match=r"unknown weekday 'blursday'.*mon, tue"):
        make_scenario({"name": "x", "anchor_days": ["tirsdag", "blursday"]})


def test_flat_profile_is_none_and_given_profile_kept():
    assert Scenario(name="x").profile() is None
    assert Scenario(name="x", weekday_profile=(1, 1.2, 1, 1, 0.6)).profile() == (
        1.0,
        1.2,
        1.0,
        1.0,
        0.6,
    )
    assert WEEKDAYS == ("mon", "tue", "wed", "thu", "fri")


# --- immutability --------------------------------------------------------------------------


def test_frozen():
    sc = Scenario(name="x", remote_days_per_week=2)
    with pytest.raises(ValidationError, match="frozen"):
        sc.remote_days_per_week = 3
    assert sc.remote_days_per_week == 2.0


def test_replace_returns_a_new_validated_scenario():
    sc = Scenario(name="x", remote_days_per_week=2, anchor_days=["tue"])
    other = sc.replace(remote_days_per_week=3)
    assert other.remote_days_per_week == 3.0 and sc.remote_days_per_week == 2.0
    assert other.anchor_days == ("tue",)
    with pytest.raises(ScenarioError, match="remote_days_per_week"):
        sc.replace(remote_days_per_week=9)


def test_applies_to_values_become_tuples_of_text():
    sc = Scenario(name="x", applies_to={"department": "Jobcenter", "unit": [1, 2]})
    assert sc.applies_to == {"department": ("Jobcenter",), "unit": ("1", "2")}


def test_applies_to_cannot_be_changed_in_place():
    sc = Scenario(name="x", applies_to={"department": ["A"]})
    with pytest.raises(TypeError):
        sc.applies_to["department"] = ("B",)  # type: ignore[index]
    assert sc.applies_to == {"department": ("A",)}


def test_scenario_with_a_selection_pickles_hashes_and_round_trips():
    import pickle

    sc = Scenario(name="x", applies_to={"department": ["A", "B"]})
    back = pickle.loads(pickle.dumps(sc))
    assert back == sc and back.applies_to == {"department": ("A", "B")}
    assert hash(back) == hash(sc)  # a frozen scenario is hashable (e.g. as a cache key)
    assert sc.model_dump()["applies_to"] == {"department": ("A", "B")}
    assert type(sc.model_dump()["applies_to"]) is dict
    assert sc.replace(uptake=0.5).applies_to == sc.applies_to


# --- TOML plans ----------------------------------------------------------------------------

PLAN = """
[base]
name = "1 day"
remote_days_per_week = 1
uptake = 0.8
anchor_days = ["tirsdag"]

[variants."2 days"]
remote_days_per_week = 2

[variants.release]
remote_days_per_week = 3
release_space = 1.0
applies_to = { department = ["Jobcenter", "Borgerservice"] }
"""


def _write(tmp_path, text, name="plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_base_and_variants(tmp_path):
    scs = load_scenarios(_write(tmp_path, PLAN))
    assert [s.name for s in scs] == ["1 day", "2 days", "release"]
    base, two, rel = scs
    assert base.remote_days_per_week == 1.0 and base.uptake == 0.8
    # variants start from the base and change only what they name
    assert two.remote_days_per_week == 2.0 and two.uptake == 0.8
    assert two.anchor_days == ("tue",)
    assert rel.release_space == 1.0
    assert rel.applies_to == {"department": ("Jobcenter", "Borgerservice")}
    assert all(isinstance(s, Scenario) for s in scs)


def test_base_without_name_is_called_base(tmp_path):
    scs = load_scenarios(_write(tmp_path, "[base]\nremote_days_per_week = 1\n"))
    assert [s.name for s in scs] == ["base"]


def test_scenario_array_tables(tmp_path):
    text = (
        '[[scenario]]\nname = "a"\nremote_days_per_week = 1\n\n'
        '[[scenario]]\nname = "b"\nremote_days_per_week = 2\n'
    )
    assert [s.name for s in load_scenarios(_write(tmp_path, text))] == ["a", "b"]


def test_single_scenario_from_toml(tmp_path):
    sc = Scenario.from_toml(_write(tmp_path, '[scenario]\nname = "one"\nuptake = 0.5\n'))
    assert sc.name == "one" and sc.uptake == 0.5


def test_duplicate_names_rejected(tmp_path):
    text = '[base]\nname = "same"\n\n[variants.same]\nremote_days_per_week = 2\n'
    with pytest.raises(
        ScenarioError,
        match=r"plan\.toml: scenario names must be unique; "
        r"repeated: same",
    ):
        load_scenarios(_write(tmp_path, text))
    text2 = '[[scenario]]\nname = "a"\n\n[[scenario]]\nname = "a"\n'
    with pytest.raises(ScenarioError, match="repeated: a"):
        load_scenarios(_write(tmp_path, text2))


def test_bad_variant_is_named_with_file_field_and_value(tmp_path):
    text = '[base]\nname = "b"\n\n[variants.too_many]\nremote_days_per_week = 6\n'
    with pytest.raises(ScenarioError) as err:
        load_scenarios(_write(tmp_path, text))
    msg = str(err.value)
    assert "plan.toml" in msg and "'too_many'" in msg
    assert "remote_days_per_week" in msg and "found 6" in msg


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.toml"
    with pytest.raises(ScenarioError, match=r"scenario file not found: .*nope\.toml"):
        load_scenarios(missing)
    with pytest.raises(ScenarioError, match="not found"):
        Scenario.from_toml(missing)


def test_invalid_toml(tmp_path):
    with pytest.raises(ScenarioError, match=r"bad\.toml: not valid TOML"):
        load_scenarios(_write(tmp_path, "[base\nname = 1\n", name="bad.toml"))


def test_no_scenarios_in_file(tmp_path):
    with pytest.raises(ScenarioError, match=r"no scenarios found.*\[base\]"):
        load_scenarios(_write(tmp_path, "[other]\nx = 1\n"))


def test_shipped_example_plan_loads():
    path = ROOT / "data" / "examples" / "scenarios.toml"
    if not path.exists():
        pytest.skip("example plan not present")
    scs = rc.load_scenarios(path)
    assert len(scs) >= 2 and len({s.name for s in scs}) == len(scs)


def test_direct_construction_gives_a_plain_scenario_error():
    from remotecalc import ScenarioError

    with pytest.raises(ScenarioError, match=r"uptake: .*less than or equal to 1 \(found 1.5\)"):
        rc.Scenario(name="x", uptake=1.5)


def test_variants_describe_their_own_changes(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[base]\nname = "b"\ndescription = "the base"\nremote_days_per_week = 1\n'
        "[variants.two]\nremote_days_per_week = 2\n"
    )
    base, two = rc.load_scenarios(plan)
    assert base.description == "the base"
    assert two.description == "Variant of 'b': remote_days_per_week = 2"
