"""The command line in Danish (issue 27): --lang on every command, Danish problems and
missing-column errors, defaults applied said in Danish, tables within 100 columns."""

from __future__ import annotations

import re

import pytest
from test_danish_everywhere import english_lines, english_words
from typer.testing import CliRunner

from remotecalc.cli import app
from remotecalc.datasets.demo import demo_tables

runner = CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli_da")
    staff, sites = demo_tables(120, seed=4)
    sites.to_csv(d / "sites.csv", index=False)
    good = staff.astype(str)
    good.to_csv(d / "staff.csv", index=False)
    bad = good.copy()
    bad.loc[3, "fte"] = "abc"
    bad.loc[5, "mode"] = "raket"
    bad.loc[9, "onsite_days_per_week"] = "9"
    bad.to_csv(d / "bad.csv", index=False)
    good.drop(columns=["site_id"]).to_csv(d / "nosite.csv", index=False)
    good.drop(columns=["onsite_days_per_week"]).to_csv(d / "nodays.csv", index=False)
    return d


def test_every_command_takes_lang():
    for cmd in (
        ["validate"],
        ["assess"],
        ["inventory"],
        ["report"],
        ["sweep"],
        ["demo"],
        ["params", "show"],
        ["params", "list"],
        ["to-parquet"],
    ):
        r = runner.invoke(app, [*cmd, "--help"])
        assert "--lang" in r.output, cmd


def test_validate_in_danish(files):
    r = runner.invoke(
        app,
        ["validate", str(files / "bad.csv"), "--sites", str(files / "sites.csv"), "--lang", "da"],
    )
    assert r.exit_code == 1
    out = r.output
    assert "rækker læst" in out and "Problemer: 3" in out
    assert "række 5, kolonne 'fte': fandt 'abc'; ikke et tal; forventede et tal" in out
    assert "ukendt transportmiddel; forventede en af" in out
    assert "forventede fremmødedage om ugen fra 0 til 5" in out
    assert "Ret disse rækker" in out
    assert max(len(x) for x in out.splitlines()) <= 100
    assert not english_lines(out.splitlines())


def test_missing_column_in_danish(files):
    r = runner.invoke(
        app,
        [
            "validate",
            str(files / "nosite.csv"),
            "--sites",
            str(files / "sites.csv"),
            "--lang",
            "da",
        ],
    )
    assert r.exit_code == 1
    text = " ".join(r.output.split())
    assert "den påkrævede kolonne 'site_id' mangler i personaledata" in text
    assert "Godkendte navne:" in text and "Filens kolonner er:" in text


def test_assess_says_defaults_in_danish(files):
    r = runner.invoke(
        app,
        [
            "assess",
            str(files / "nodays.csv"),
            "--sites",
            str(files / "sites.csv"),
            "--remote-days",
            "2",
            "--lang",
            "da",
        ],
    )
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    assert (
        "ingen kolonne med fremmødedage om ugen (onsite_days_per_week): værdien 5 brugt for alle"
        " medarbejdere" in text
    )
    assert "Netto-CO₂e, ændring [t CO₂e/år]" in text
    assert "2 hjemmedage" in text and "remote days" not in text  # the scenario's name too
    assert "ændringer er scenarie minus i dag" in text
    assert max(len(x) for x in r.output.splitlines()) <= 100


@pytest.mark.parametrize("lang", ["en", "da"])
def test_params_show_within_100_columns(lang):
    r = runner.invoke(app, ["params", "show", "dk-2025", "--notes", "--lang", lang])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert max(len(x) for x in lines) <= 100
    assert len(lines) > 300  # every parameter: name and key, then value line
    if lang == "da":
        assert "trekantsfordeling fra 200 til 223, typisk 216" in r.output
        # quotations wrap over lines: read the whole text, keys in brackets left out
        flat = re.sub(r"\[[^\]]*\]", " ", " ".join(r.output.split()))
        assert not english_words(flat), english_words(flat)[:10]


def test_bad_language_is_refused(files):
    r = runner.invoke(app, ["validate", str(files / "staff.csv"), "--lang", "fr"])
    assert r.exit_code == 1


def test_danish_notes_name_modes_and_columns_in_danish():
    """A municipality's HR export validated in Danish: the transport words are mapped to Danish
    mode names (not the codes 'bicycle', 'car_ev', 'carpool') and a missing column is named
    by its Danish label, with the code in brackets for a header."""
    from pathlib import Path

    examples = Path(__file__).resolve().parents[1] / "data" / "examples"
    r = runner.invoke(
        app,
        [
            "validate",
            str(examples / "kommune_hr_export.csv"),
            "--sites",
            str(examples / "kommune_sites.csv"),
            "--lang",
            "da",
        ],
    )
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    assert "'Cykel' → cykel (9 medarbejdere)" in text
    assert "'Samkørsel' → samkørsel (3 medarbejdere)" in text
    assert "'Bil' → bil, drivmiddel ikke oplyst (13 medarbejdere)" in text
    assert "ingen kolonne med fremmødedage om ugen (onsite_days_per_week)" in text
    codes = re.findall(r"→ (bicycle|car_ev|car_diesel|carpool|train|moped|walk|ebike)\b", text)
    assert codes == [], codes


def test_readme_lists_every_mode():
    """The README's list of modes is the vocabulary's (it fell behind once: issue 23 added
    carpool, moped and ferry)."""
    from pathlib import Path

    from remotecalc.inputs.vocab import MODES

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    at = readme.index("Modes: `")
    listed = readme[at + len("Modes: `") : readme.index("`", at + len("Modes: `"))]
    assert [m.strip() for m in " ".join(listed.split()).split(",")] == list(MODES)


def test_a_note_leaves_out_its_clauses_that_count_nobody():
    """'0 fik JRC-indekset ..., og 0 har en kode, ...' is not said to a director."""
    from remotecalc.i18n import Note

    values = dict(n=120, index=0, frontline=0, no_code=120, no_code_frontline=0)
    note = Note("teleworkable_derived", **values, no_code_office=120, unmatched=0)
    da = note.render("da")
    assert da.startswith(
        "ingen værdi for egnethed til hjemmearbejde i filen for 120 medarbejdere: "
    )
    assert "120 har ingen stillingskode" in da
    assert "JRC-indekset" not in da and "indekset ikke dækker" not in da
    assert "0 are not desk-based" not in str(note) and "120 have no occupation code" in str(note)
    both = Note("teleworkable_derived", **{**values, "index": 3}, no_code_office=120, unmatched=0)
    assert "3 fik JRC-indekset for deres stillingskode (Sostero m.fl. 2020); 120 har" in (
        both.render("da")
    )
