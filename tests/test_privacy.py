"""Privacy: no output of remotecalc lets a reader derive a group under the minimum size.

A workforce with 3-person groups (a department, a unit within a larger department, a site)
and a site that holds exactly one department. For every output that shows groups, every
difference "a published total or cell minus any subset of the other published cells" (within
and across the groupings of the output) is compared with the value of every small group:
none may match. Plus: ``min_group_size`` under 3, the refusal of small outputs and its flag,
and that withheld rows carry no group name.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc.cli.main import app
from remotecalc.estimation import teleworkable_share_by
from remotecalc.evaluation import disclosure

K = 5
#: (department, unit, site, persons): D1 (3) alone at S1; unit D2/a (3); D4 exactly site S3
LAYOUT = [
    ("D1", "D1u", "S1", 3),
    ("D2", "a", "S2", 3),
    ("D2", "b", "S2", 9),
    ("D2", "c", "S2", 8),
    ("D3", "x", "S2", 12),
    ("D4", "y", "S3", 7),
    ("D5", "z", "S4", 15),
]
SMALL = {"department": ["D1"], "unit": ["D1u", "a"], "site_id": ["S1"]}


def _staff(layout=LAYOUT, seed=3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for dept, unit, site, n in layout:
        rows += [
            {
                "employee_id": f"{unit}{site}{i}",
                "department": dept,
                "unit": unit,
                "site_id": site,
                "mode": "car",
                "fte": 1.0,
                "onsite_days_per_week": 5.0,
                "one_way_km": round(float(rng.uniform(3, 60)), 3),
                "teleworkable": round(float(rng.uniform(0.05, 0.95)), 4),
            }
            for i in range(n)
        ]
    return pd.DataFrame(rows)


def _sites(ids=("S1", "S2", "S3", "S4")) -> pd.DataFrame:
    return pd.DataFrame({"site_id": list(ids), "lat": 55.68, "lon": 12.57, "area_m2": 500.0})


@pytest.fixture(scope="module")
def wf():
    return rc.read_staffing(_staff(), sites=_sites())


@pytest.fixture(scope="module")
def res(wf):
    return rc.assess(wf, rc.Scenario(name="2 home", remote_days_per_week=2), "dk-2025")


def _small_values(frame: pd.DataFrame, value: pd.Series) -> list[float]:
    """The values a reader must not learn: those of every group under K persons."""
    out = []
    for col in ("department", "unit", "site_id"):
        for _g, sub in value.groupby(frame[col].to_numpy()):
            if 0 < len(sub) < K:
                out.append(float(sub.sum()))
    return out


def _assert_underivable(cells: list[float], total: float, secrets: list[float]) -> None:
    """No published total or cell minus any subset of the other cells is a secret."""
    cells = [c for c in cells if np.isfinite(c)]
    assert secrets
    scale = max(abs(total), 1.0)
    sums = {0.0}
    for c in cells:  # every subset sum of the published cells
        sums |= {s + c for s in sums}
    sums_arr = np.array(sorted(sums))
    for top in [total, *cells]:
        diff = top - sums_arr
        for v in secrets:
            assert not np.isclose(diff, v, rtol=0, atol=1e-9 * scale).any(), (
                f"a withheld value {v} is derivable from {top}"
            )
    # and within the cells themselves: a cell minus a subset of cells (pairwise signs)
    for a, b in itertools.permutations(cells, 2):
        for v in secrets:
            assert not np.isclose(a - b, v, atol=1e-9 * scale)


def test_by_department_site_unit_derive_no_small_group(res):
    e = res.per_employee
    value = e["commute_km_change"]
    cells: list[float] = []
    for col in ("department", "unit", "site_id"):
        out = res.by(col)
        for key in SMALL[col]:
            assert key not in out.index  # withheld rows carry no name
        cells += out["commute_km_change"].tolist()
        # published counts: each row off by at most 2 (cell-key count noise)
        assert abs(out["employees"].sum() - len(e)) <= 2 * len(out)
        assert res.by(col, exact=True)["employees"].sum() == len(e)
    _assert_underivable(cells, float(value.sum()), _small_values(e, value))


def test_to_excel_says_first_that_values_carry_noise(res, tmp_path):
    """Issue 25: the workbook's first sheet tells the reader the totals are published with
    cell-key noise (the report's text) and, with the Employees sheet, that it is personal."""
    from remotecalc.i18n import t

    for include, n_rows in ((False, 2), (True, 3)):
        path = res.to_excel(tmp_path / f"a{include}.xlsx", include_employees=include)
        with pd.ExcelFile(path) as book:
            assert book.sheet_names[0] == "Read this first"
            first = pd.read_excel(book, sheet_name=0)
        texts = first.iloc[:, 0].tolist()
        assert len(texts) == n_rows
        assert texts[0] == t("caveat_perturbed", "en", k1=res.min_group_size - 1)
        assert "deliberate random error" in texts[0]
        assert ("personal data" in texts[-1]) is include
        summary = pd.read_excel(path, sheet_name="Summary")
        exact = res.summary().set_index("metric")["change"]
        shown = summary.set_index("metric")["change"]
        assert not np.allclose(shown.loc[exact.index], exact)  # the values are the published


def test_to_excel_sites_sheet_derives_no_small_site(res, tmp_path):
    path = res.to_excel(tmp_path / "a.xlsx")
    sites = pd.read_excel(path, sheet_name="Sites")
    assert not sites["site_id"].astype(str).isin(SMALL["site_id"]).any()
    col = next(c for c in sites.columns if c.startswith("attendee_days_scenario"))
    ps = res.per_site.set_index("site_id")["attendee_days_scenario"]
    secrets = [float(ps[s]) for s in SMALL["site_id"]]
    _assert_underivable(sites[col].tolist(), float(ps.sum()), secrets)


def test_report_group_tables_derive_no_small_group(wf, tmp_path):
    files = rc.report(
        wf,
        [rc.Scenario(name="2 home", remote_days_per_week=2)],
        "dk-2025",
        out=tmp_path / "r",
        formats=("xlsx",),
        ranges=False,
        figure_formats=(),  # the workbook alone: no figure is drawn
    )
    xlsx = next(p for p in tmp_path.joinpath("r").rglob("*.xlsx"))
    del files
    sheets = pd.read_excel(xlsx, sheet_name=None)
    group_sheets = [n for n in sheets if n.startswith("By ")]
    assert len(group_sheets) == 2
    res = rc.assess(wf, rc.Scenario(name="2 home", remote_days_per_week=2), "dk-2025")
    e = res.per_employee
    value = -e["employee_co2e_kg_change"] / 1000.0
    cells = []
    for name in group_sheets:
        tab = sheets[name]
        names = tab.iloc[:, 0].astype(str)
        for keys in SMALL.values():
            for key in keys:
                assert not names.str.fullmatch(f"(.* / )?{key}").any(), (name, key)
        cells += tab[next(c for c in tab.columns if "CO2e" in c or "CO₂e" in c)].tolist()
    _assert_underivable(cells, float(value.sum()), _small_values(e, value))
    site_tab = sheets["Sites"]
    assert not site_tab.iloc[:, 0].astype(str).isin(SMALL["site_id"]).any()


def test_teleworkable_share_by_derives_no_small_group(wf):
    staff = wf.staff
    value = staff["teleworkable"].astype(float)
    cells: list[float] = []
    for col in ("department", "unit", "site_id"):
        # suppression alone already leaves no small group derivable from the exact cells;
        # the published ones carry cell-key noise on top (test_teleworkability)
        out = teleworkable_share_by(wf, col, min_group_size=K, exact=True)
        pub = teleworkable_share_by(wf, col, min_group_size=K)
        for key in SMALL[col]:
            assert key not in out.index and key not in pub.index
        assert (pub["employees"] >= K).all()
        cells += (out["mean_teleworkable"] * out["known"]).tolist()
        assert out["employees"].sum() == len(staff)
    _assert_underivable(cells, float(value.sum()), _small_values(staff, value))


def test_group_summary_hierarchy_pools_are_not_differences_of_sub_units(res):
    """A pooled department minus its published units must not be a small group."""
    e = res.per_employee
    value = -e["employee_co2e_kg_change"] / 1000.0
    cells = []
    for by in (["department"], ["department", "unit"], ["unit"], ["site_id"]):
        g = disclosure.group_summary(e, by, K)
        assert (g["employees"] >= K).all()
        cells += g["co2e_saved_t"].tolist()
    _assert_underivable(cells, float(value.sum()), _small_values(e, value))


def test_protect_audit_finds_no_derivable_small_group_in_the_span(res):
    e = res.per_employee
    masks = disclosure.withheld(e, ("department",), K)
    for (col,), small in ((("department",), "D1"), (("unit",), "D1u"), (("site_id",), "S1")):
        assert masks[(col,)][small]


@pytest.mark.parametrize("k", [0, 1, 2, -5, 2.5, True])
def test_min_group_size_under_3_is_an_error(res, wf, k):
    with pytest.raises(ValueError, match="at least 3"):
        res.by("department", min_group_size=k)
    with pytest.raises(ValueError, match="at least 3"):
        disclosure.group_summary(res.per_employee, "department", k)
    with pytest.raises(ValueError, match="at least 3"):
        teleworkable_share_by(wf, "unit", min_group_size=k)
    with pytest.raises(ValueError, match="at least 3"):
        rc.assess(wf, rc.Scenario(name="x"), "dk-2025", min_group_size=k)


def test_small_workforce_is_refused_unless_allowed(tmp_path):
    tiny = rc.read_staffing(_staff([("D1", "u", "S1", 3)]), sites=_sites(("S1",)))
    sc = rc.Scenario(name="2 home", remote_days_per_week=2)
    r = rc.assess(tiny, sc, "dk-2025")  # Python computes any size, with a note
    assert any("fewer than the minimum group size 5" in n for n in r.notes)
    with pytest.raises(ValueError, match=r"3 employee\(s\).*minimum group size 5"):
        r.to_excel(tmp_path / "t.xlsx")
    path = r.to_excel(tmp_path / "t.xlsx", allow_small=True)
    with pd.ExcelFile(path) as book:
        assert "Sites" not in book.sheet_names
    with pytest.raises(ValueError, match=r"3 employee\(s\).*minimum group size 5"):
        rc.report(tiny, [sc], "dk-2025", out=tmp_path / "r", formats=("xlsx",), ranges=False)
    files = rc.report(
        tiny,
        [sc],
        "dk-2025",
        out=tmp_path / "r2",
        formats=("xlsx",),
        ranges=False,
        figure_formats=(),
        allow_small=True,
    )
    # a workbook alone asks for no figure: none is drawn, no figures folder is written
    assert files.figures == () and not (tmp_path / "r2" / "figures").exists()
    xlsx = next(tmp_path.joinpath("r2").rglob("*.xlsx"))
    with pd.ExcelFile(xlsx) as book:
        names = book.sheet_names
    assert not [n for n in names if n.startswith("By ")]
    assert pd.read_excel(xlsx, sheet_name="Sites").empty


def test_small_applies_to_selection_is_refused(wf, tmp_path):
    sc = rc.Scenario(name="D1 only", remote_days_per_week=2, applies_to={"department": ["D1"]})
    r = rc.assess(wf, sc, "dk-2025")
    assert any("applies_to" in n for n in r.notes)
    with pytest.raises(ValueError, match=r"applies_to selection is withheld \(fewer than 5"):
        r.to_excel(tmp_path / "s.xlsx")
    with pytest.raises(ValueError, match=r"applies_to selection is withheld") as err:
        rc.report(wf, [sc], "dk-2025", out=tmp_path / "r", formats=("xlsx",), ranges=False)
    assert "3" not in str(err.value).split(":")[1]  # no count reveals the selection


def test_cli_assess_refuses_a_small_workforce(tmp_path):
    staff, sites = tmp_path / "staff.csv", tmp_path / "sites.csv"
    _staff([("D1", "u", "S1", 3)]).to_csv(staff, index=False)
    _sites(("S1",)).to_csv(sites, index=False)
    args = ["assess", str(staff), "--sites", str(sites), "--remote-days", "2"]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 1
    assert "minimum group size 5" in out.output and "--allow-small-groups" in out.output
    assert CliRunner().invoke(app, [*args, "--allow-small-groups"]).exit_code == 0
    bad = CliRunner().invoke(app, [*args, "--min-group-size", "1"])
    assert bad.exit_code == 1 and "at least 3" in bad.output


def test_sweep_refuses_a_small_applies_to_selection():
    """A sweep whose scenario selects 3 people is refused before anything is computed."""
    from remotecalc.evaluation import disclosure

    staff = pd.DataFrame({"department": ["A"] * 3 + ["B"] * 9})
    plan = [rc.Scenario(name="a", applies_to={"department": ["A"]}), rc.Scenario(name="b")]
    found = disclosure.small_sweep_selections(staff, plan)
    assert found == [disclosure.refused_selection("a")]
    assert "3" not in found[0]  # the same message for every small selection, no count
    assert disclosure.small_sweep_selections(staff, plan[1:]) == []
    assert disclosure.small_sweep_selections(staff.iloc[:4], plan[1:]) == [
        "the workforce has 4 employee(s)"
    ]
