"""Work travel replaced by virtual meetings: known answers by hand, invariants, every output.

The hand-made parameter values (car 0.2 kg CO2e per km alone in the car at 50 km/h, train
0.05 kg per passenger-km at 100 km/h, replaceable shares 0.5 for meetings and 0.4 for
courses, 3.81/2.23 DKK per km with a 20,000 km band, 1.5 h calls at 0.055 kg/h, 100 DKK/h)
make every number below a sum a person can check.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.analysis import monte_carlo, sweep
from remotecalc.evaluation.entry import work_travel_table
from remotecalc.formulas import travel
from remotecalc.inputs.trips import classify_purposes
from remotecalc.model import engine, metrics

YEAR = ("2025-01-01", "2025-12-31")


@pytest.fixture(scope="module")
def params():
    return rc.load_parameters("dk-2025").with_overrides(
        {
            "mode.car.co2e_ttw_kg_per_km": 0.2,
            "mode.car.co2e_wtt_kg_per_km": 0.0,  # the hand figures: direct part only
            "mode.train.co2e_wtt_kg_per_km": 0.0,
            "mode.car.occupancy": 1.0,
            "mode.car.speed_km_per_h": 50.0,
            "mode.car.circuity": 1.25,
            "mode.train.co2e_ttw_kg_per_km": 0.05,
            "mode.train.speed_km_per_h": 100.0,
            "work_travel.replaceable_share.meeting": 0.5,
            "work_travel.replaceable_share.course": 0.4,
            "cost.value_of_time_per_hour": 100.0,
        }
    )


@pytest.fixture(scope="module")
def wf():
    return rc.datasets.demo_workforce(60, seed=2)


def claims(wf, rows) -> pd.DataFrame:
    """A Danish export: rows of (employee index, date, km, purpose, mode)."""
    ids = wf.staff["employee_id"].tolist()
    return pd.DataFrame(
        {
            "Medarbejdernr": [ids[i] for i, *_ in rows],
            "Dato": [r[1] for r in rows],
            "Km": [r[2] for r in rows],
            "Formål": [r[3] for r in rows],
            "Transportmiddel": [r[4] for r in rows],
        }
    )


@pytest.fixture(scope="module")
def three(wf):
    """E0: a 100 km meeting and a 50 km home-care round by own car; E1: a 200 km course
    by train."""
    raw = claims(
        wf,
        [
            (0, "03-02-2025", "100", "Møde i Køge", "Egen bil"),
            (0, "04-02-2025", "50", "Hjemmepleje", "Egen bil"),
            (1, "05-02-2025", "200", "Kursus", "Tog"),
        ],
    )
    return rc.read_work_trips(raw, workforce=wf, period=YEAR)


def summary(wf, trips, params, share, **levers):
    sc = rc.Scenario(name="v", virtual_meeting_share=share, **levers)
    return rc.assess(wf, sc, params, work_trips=trips)


def test_three_trips_by_hand(wf, three, params):
    res = summary(wf, three, params, 0.5)
    s = res.summary().set_index("metric")

    def row(m):
        return tuple(float(s.loc[m, c]) for c in ("baseline", "scenario"))

    # km: 100 + 50 + 200 = 350; meeting 100 (1 - 0.5 x 0.5) = 75, course 200 (1 - 0.5 x 0.4)
    # = 160, care 50 -> 285
    assert row("work_travel_km") == pytest.approx((350.0, 285.0))
    # CO2e: car 150 x 0.2 + train 200 x 0.05 = 40 kg; 125 x 0.2 + 160 x 0.05 = 33 kg
    assert row("work_travel_co2e_t") == pytest.approx((0.040, 0.033))
    # hours: 150 / 50 + 200 / 100 = 5; 125 / 50 + 160 / 100 = 4.1
    assert row("work_travel_hours") == pytest.approx((5.0, 4.1))
    assert row("work_travel_time_value") == pytest.approx((500.0, 410.0))
    # allowance: own car only, 150 x 3.81 = 571.5; 125 x 3.81 = 476.25
    assert row("work_travel_reimbursement_cost") == pytest.approx((571.5, 476.25))
    # trips: 3; moved online 1 x 0.25 + 1 x 0.2 = 0.45; calls 0.45 x 1.5 h x 0.055 kg/h
    assert row("work_trips") == pytest.approx((3.0, 2.55))
    assert row("virtual_meeting_co2e_t") == pytest.approx((0.0, 0.45 * 1.5 * 0.055e-3))
    # per employee: E0 keeps 75 + 50 km, E1 160 km, everybody else 0
    e = res.per_employee.set_index("employee_id")["work_travel_km_scenario"]
    ids = wf.staff["employee_id"]
    assert e[ids[0]] == pytest.approx(125.0) and e[ids[1]] == pytest.approx(160.0)
    assert e.drop([ids[0], ids[1]]).eq(0).all()
    # the net rows carry the change: -7 kg + the calls; -95.25 DKK
    assert float(s.loc["net_co2e_t", "change"]) == pytest.approx(
        float(
            summary(wf, None, params, 0.0).summary().set_index("metric").loc["net_co2e_t", "change"]
        )
        - 0.007
        + 0.45 * 1.5 * 0.055e-3
    )


def summary_without_trips(wf, params):
    return rc.assess(wf, rc.Scenario(name="v"), params).summary().set_index("metric")


def test_without_trips_every_work_travel_metric_is_zero(wf, params):
    s = summary_without_trips(wf, params)
    for m in engine.WORK_TRAVEL_METRICS:
        name = metrics.REGISTRY[m].display_name
        assert s.loc[name, ["baseline", "scenario"]].abs().sum() == 0.0


@pytest.mark.parametrize("share", [0.0, 0.3, 1.0])
def test_home_care_visits_unchanged_at_any_share(wf, params, share):
    raw = claims(
        wf,
        [
            (0, "03-02-2025", "80", "Hjemmepleje, rute 4", "Egen bil"),
            (2, "03-02-2025", "35", "Levering af hjælpemidler", "Tjenestebil"),
        ],
    )
    trips = rc.read_work_trips(raw, workforce=wf, period=YEAR)
    # even a parameter set that calls every other trip fully replaceable
    p = params.with_overrides({"work_travel.replaceable_share.other": 1.0})
    s = summary(wf, trips, p, share).summary().set_index("metric")
    assert float(s.loc["work_travel_km", "change"]) == 0.0
    assert float(s.loc["work_trips", "scenario"]) == 2.0
    assert float(s.loc["virtual_meeting_co2e_t", "scenario"]) == 0.0


def test_the_band_applies_per_employee_in_assess_and_in_sweeps(wf, params):
    # two employees each drive 1,750 km of meetings in January: 21,000 km a year each
    raw = claims(
        wf,
        [
            (0, "06-01-2025", "1000", "Møde", "Egen bil"),
            (0, "07-01-2025", "750", "Møde", "Egen bil"),
            (1, "06-01-2025", "1000", "Møde", "Egen bil"),
            (1, "08-01-2025", "750", "Møde", "Egen bil"),
        ],
    )
    trips = rc.read_work_trips(raw, workforce=wf, period=("2025-01-01", "2025-01-31"))
    assert trips.period_years == pytest.approx(1 / 12)
    sc = rc.Scenario(name="half online", virtual_meeting_share=0.5)
    s = rc.assess(wf, sc, params, work_trips=trips).summary().set_index("metric")
    # today each: 20,000 x 3.81 + 1,000 x 2.23 = 78,430; then 15,750 km x 3.81 = 60,007.5
    base, scen = 2 * 78_430.0, 2 * 60_007.5
    row = s.loc["work_travel_reimbursement_cost"]
    assert (float(row["baseline"]), float(row["scenario"])) == pytest.approx((base, scen))
    # a sweep evaluates the same formula on sums, each employee still a claimant of the band
    # (pooled, 42,000 km would give 20,000 x 3.81 + 22,000 x 2.23 = 125,260)
    sw = sweep(wf.with_work_trips(trips), [sc], params).set_index("metric")
    r = sw.loc["work_travel_reimbursement_cost"]
    assert (float(r["baseline"]), float(r["scenario"])) == pytest.approx((base, scen))


def test_km_from_places_use_the_car_circuity(wf, params):
    raw = pd.DataFrame(
        {
            "Medarbejdernr": [wf.staff["employee_id"].iloc[0]],
            "Dato": ["2025-03-05"],
            "Fra": ["Roskilde"],
            "Til": ["Køge"],
            "Formål": ["Tilsyn"],
        }
    )
    trips = rc.read_work_trips(raw, workforce=wf, period=YEAR)
    gc = rc.haversine_km(55.64152, 12.08035, 55.45802, 12.18214)  # packaged town points
    assert trips.trips["great_circle_km"].iloc[0] == pytest.approx(gc, rel=1e-6)
    s = summary(wf, trips, params, 0.0).summary().set_index("metric")
    assert float(s.loc["work_travel_km", "baseline"]) == pytest.approx(1.25 * gc, rel=1e-6)
    assert float(s.loc["work_travel_reimbursement_cost", "baseline"]) == pytest.approx(
        1.25 * gc * 3.81, rel=1e-6
    )


def test_formulas_by_hand():
    assert travel.remaining_km(1000.0, 0.6, 0.5) == 700.0
    assert float(travel.reimbursement_per_year(25_000.0, 3.81, 2.23, 20_000.0)) == 87_350.0
    # scalar, array and Series alike
    km = pd.Series([100.0, 30_000.0], index=["a", "b"])
    out = travel.reimbursement_per_year(km, 3.81, 2.23, 20_000.0)
    assert list(out.index) == ["a", "b"] and out["b"] == pytest.approx(76_200 + 22_300)
    assert travel.video_call_co2e_kg(np.array([2.0]), 1.5, 0.055)[0] == pytest.approx(0.165)


def test_purposes_classified_in_danish_and_english_and_by_a_user_map():
    text = pd.Series(
        [
            "Møde på rådhuset",
            "Netværksmøde",
            "Meeting with supplier",
            "Kursus i Excel",
            "Konference",
            "Oplæring af ny kollega",
            "Tilsyn med byggeplads",
            "Hjemmepleje rute 3",
            "Home care visit",
            "Møde hos borger i hjemmeplejen",  # frontline wins over 'møde'
            "Udbringning af materiel",
            "Diverse",
            None,
            "KL-dag",
        ]
    )
    p, matched = classify_purposes(text, purpose_map={"KL-dag": "course"})
    assert p.tolist() == [
        "meeting",
        "meeting",
        "meeting",
        "course",
        "course",
        "training",
        "inspection",
        "home_visit",
        "home_visit",
        "home_visit",
        "transport_of_goods",
        "other",
        "other",
        "course",
    ]
    assert not matched.iloc[11] and not matched.iloc[12] and matched.iloc[13]
    with pytest.raises(ValueError, match="purposes are"):
        classify_purposes(text, purpose_map={"x": "lunch"})


def test_frontline_purposes_have_no_replaceable_parameter():
    params = rc.load_parameters("dk-2025")
    for p in travel.NEVER_REPLACEABLE:
        assert travel.replaceable_key(p) not in params
    for p in set(travel.PURPOSES) - travel.NEVER_REPLACEABLE:
        e = params.entry(travel.replaceable_key(p))
        assert e.unit == "share" and e.uncertainty is not None


@pytest.fixture(scope="module")
def demo():
    wf = rc.datasets.demo_workforce(300, seed=4)
    trips = rc.read_work_trips(rc.datasets.demo_work_trips(300, seed=4), workforce=wf)
    return wf.with_work_trips(trips)


@pytest.mark.usefixtures("no_disclosure_noise")  # exact arithmetic of the output
def test_demo_trips_reach_sweep_monte_carlo_and_by(demo):
    sc = rc.Scenario(name="2 days, half online", remote_days_per_week=2, virtual_meeting_share=0.5)
    res = rc.assess(demo, sc)
    s = res.summary().set_index("metric")
    assert float(s.loc["work_travel_km", "change"]) < 0
    assert float(s.loc["work_travel_km", "baseline"]) > 0
    # a sweep: the same numbers from sums
    sw = sweep(demo, [sc]).set_index("metric")
    for m in ("work_travel_km", "work_travel_co2e_t", "work_travel_reimbursement_cost"):
        assert float(sw.loc[m, "change"]) == pytest.approx(float(s.loc[m, "change"]), rel=1e-9)
    assert float(sw.loc["net_co2e_t", "change"]) == pytest.approx(
        float(s.loc["net_co2e_t", "change"]), rel=1e-9
    )
    # Monte Carlo: the central value is assess's; the replaceable shares are drawn
    mc = monte_carlo(demo, sc, n_draws=200, seed=3)
    row = mc.summary(["work_travel_km"]).iloc[0]
    assert row["central"] == pytest.approx(float(s.loc["work_travel_km", "change"]), rel=1e-9)
    assert row["p05"] < row["p95"]
    assert "work_travel.replaceable_share.meeting" in mc.draws.columns
    # by(): group sums of the per-employee columns, through disclosure control
    by = res.by("department", min_group_size=3)
    shown = by["work_travel_km_change"].sum()
    assert shown == pytest.approx(res.per_employee["work_travel_km_change"].sum())


def test_monte_carlo_without_trips_draws_no_work_travel_parameter():
    wf = rc.datasets.demo_workforce(120, seed=5)
    mc = monte_carlo(wf, rc.Scenario(name="2", remote_days_per_week=2), n_draws=20, seed=1)
    assert not [c for c in mc.draws.columns if c.startswith("work_travel.")]


def test_assess_refuses_trips_of_unknown_employees(wf, params):
    raw = pd.DataFrame(
        {"Medarbejdernr": ["NOBODY"], "Dato": ["2025-03-05"], "Km": ["12"], "Formål": ["Møde"]}
    )
    trips = rc.read_work_trips(raw)  # without a workforce: not checked when read
    with pytest.raises(rc.ScenarioError, match="row 1, employee 'NOBODY'"):
        rc.assess(wf, rc.Scenario(name="x"), params, work_trips=trips)


def test_a_parameter_set_without_work_travel_keys_is_refused(wf, three):
    p = rc.load_parameters("dk-2025")
    entries = {k: p.entry(k) for k in p if not k.startswith("work_travel.")}
    bare = rc.Parameters("bare", p.meta, entries)
    with pytest.raises(rc.ScenarioError, match="work_travel"):
        rc.assess(wf, rc.Scenario(name="x"), bare, work_trips=three)


def test_virtual_meeting_share_is_a_validated_lever():
    with pytest.raises(Exception, match="virtual_meeting_share"):
        rc.Scenario(name="x", virtual_meeting_share=1.5)
    grid = rc.scenario_grid(rc.Scenario(name="b"), virtual_meeting_share=[0.0, 0.5])
    assert [g.virtual_meeting_share for g in grid] == [0.0, 0.5]


def test_pool_purposes_by_hand():
    from remotecalc.evaluation.disclosure import pool_purposes

    t = pd.DataFrame(
        {"travellers": [40, 2, 9, 0, 30], "km_baseline": [1e4, 50.0, 800.0, 0.0, 70.0]},
        index=pd.Index(["meeting", "course", "inspection", "other", "home_visit"], name="purpose"),
    )
    p = pool_purposes(t, 5)
    # 'course' (2 travellers) is withheld; 'inspection' (the smallest shown) with it, so that
    # the total minus the shown purposes cannot reveal it; 'other' has nobody and is left out
    assert p["purpose"].tolist()[:2] == ["meeting", "home_visit"]
    pooled = p[p["withheld"]].iloc[0]
    assert pd.isna(pooled["purpose"]) and pooled["purposes_pooled"] == 2
    assert pooled["km_baseline"] == 850.0 and pooled["travellers"] == 11
    assert p["km_baseline"].sum() == t["km_baseline"].sum()


def test_report_shows_work_travel_with_small_purposes_pooled(demo, tmp_path):
    sc = rc.Scenario(name="half online", virtual_meeting_share=0.5)
    files = rc.report(
        demo, sc, out=tmp_path, formats=("xlsx",), ranges=False, figure_formats=("png",), dpi=50
    )
    sheet = pd.read_excel(files.xlsx, sheet_name="Work travel")
    table = work_travel_table(demo, sc, min_group_size=5)
    assert len(sheet) == len(table)
    small = table["travellers"] < 5
    assert not (small & ~table["withheld"]).any()
    named = set(sheet["purpose"].dropna())
    assert "home_visit" in named and named <= set(travel.PURPOSES)
    assert (tmp_path / "figures" / "02_work_travel.png").exists()
    # the summary sheet carries the work-travel rows
    summ = pd.read_excel(files.xlsx, sheet_name="Summary")
    assert {"work_travel_km", "work_travel_co2e_t"} <= set(summ["Metric key"])


def test_work_travel_figure_names_purposes_and_marks_frontline(demo):
    import matplotlib.pyplot as plt

    from remotecalc import plotting

    table = work_travel_table(demo, rc.Scenario(name="x", virtual_meeting_share=1.0))
    ax = plotting.work_travel_by_purpose(table, lang="da")
    labels = [tl.get_text() for tl in ax.get_yticklabels()]
    assert "Hjemmebesøg og pleje *" in labels and len(ax.figure.axes) == 2
    plt.close(ax.figure)


def test_cli_assess_with_work_trips(tmp_path):
    from typer.testing import CliRunner

    from remotecalc.cli.main import app

    staff, sites = rc.datasets.demo_tables(120, seed=6)
    staff.to_csv(tmp_path / "staff.csv", index=False)
    sites.to_csv(tmp_path / "sites.csv", index=False)
    rc.datasets.demo_work_trips(120, seed=6).to_csv(tmp_path / "trips.csv", sep=";", index=False)
    (tmp_path / "sc.toml").write_text(
        '[scenario]\nname = "half online"\nvirtual_meeting_share = 0.5\n', encoding="utf-8"
    )
    args = ["assess", str(tmp_path / "staff.csv"), "--sites", str(tmp_path / "sites.csv")]
    args += ["--scenario", str(tmp_path / "sc.toml"), "--work-trips", str(tmp_path / "trips.csv")]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    out = " ".join(r.output.split())  # the line wraps at 100 columns
    assert "work travel (half online):" in out and "mileage allowance" in out
    # a bad trips file stops with the reader's message
    (tmp_path / "bad.csv").write_text("Medarbejdernr;Dato;Km\nNOBODY;x;-1\n", encoding="utf-8")
    r = CliRunner().invoke(app, [*args[:-1], str(tmp_path / "bad.csv")])
    assert r.exit_code == 1 and "bad.csv" in r.output and "row 2" in r.output


def test_cli_sweep_with_work_trips(tmp_path):
    """``sweep --work-trips``: the sweep's rows carry the work-travel change of each share."""
    from typer.testing import CliRunner

    from remotecalc.cli.main import app

    staff, sites = rc.datasets.demo_tables(120, seed=6)
    staff.to_csv(tmp_path / "staff.csv", index=False)
    sites.to_csv(tmp_path / "sites.csv", index=False)
    rc.datasets.demo_work_trips(120, seed=6).to_csv(tmp_path / "trips.csv", sep=";", index=False)
    (tmp_path / "plan.toml").write_text(
        '[base]\nname = "online"\nremote_days_per_week = 2\n'
        "[grid]\nvirtual_meeting_share = [0.0, 1.0]\n",
        encoding="utf-8",
    )
    args = ["sweep", str(tmp_path / "staff.csv"), "--sites", str(tmp_path / "sites.csv")]
    args += ["--scenarios", str(tmp_path / "plan.toml"), "--out", str(tmp_path / "out")]
    r = CliRunner().invoke(app, [*args, "--work-trips", str(tmp_path / "trips.csv")])
    assert r.exit_code == 0, r.output
    rows = pd.read_csv(tmp_path / "out" / "sweep.csv")
    km = rows[rows["metric"] == "work_travel_km"].set_index("virtual_meeting_share")["change"]
    assert km.loc[0.0] == 0 and km.loc[1.0] < 0


def test_a_dask_workforce_refuses_trips(tmp_path, three):
    pytest.importorskip("dask.dataframe")
    staff, sites = rc.datasets.demo_tables(60, seed=2)
    staff.to_parquet(tmp_path / "staff.parquet")
    sites.to_csv(tmp_path / "sites.csv", index=False)
    wf = rc.read_staffing(tmp_path / "staff.parquet", sites=tmp_path / "sites.csv", backend="dask")
    with pytest.raises(TypeError, match="to_pandas"):
        wf.with_work_trips(three)
    with pytest.raises(TypeError, match="to_pandas"):
        rc.assess(wf, rc.Scenario(name="x"), work_trips=three)


def test_monte_carlo_fast_path_equals_assess_at_random_draws_with_trips(wf):
    """Every drawn parameter (replaceable shares, circuity of trips between places, video
    calls, and the mileage rates and band declared uncertain here) gives the same work-travel
    change on sums over draws as assess with the drawn values: one formula."""
    from remotecalc.analysis.sweep import Runner
    from remotecalc.analysis.uncertainty import FastModel, runner_inputs
    from remotecalc.evaluation.draws import complete_shares, unit_draws, values_from_unit

    ids = wf.staff["employee_id"]
    raw = pd.DataFrame(
        {
            "Medarbejdernr": [ids[0], ids[0], ids[1], ids[2], ids[3], ids[3]],
            "Dato": [
                "2025-01-06",
                "2025-01-07",
                "2025-01-08",
                "2025-01-09",
                "2025-01-10",
                "2025-01-13",
            ],
            "Fra": ["", "Roskilde", "", "", "Roskilde", ""],
            "Til": ["", "Køge", "", "", "Holbæk", ""],
            "Km": ["1400", "", "80", "35", "", "60"],
            "Formål": ["Møde", "Kursus", "Tilsyn", "Hjemmepleje", "Netværksmøde", "Oplæring"],
            "Transportmiddel": ["Egen bil", "Egen bil", "Tog", "Egen bil", "Egen bil", "Bus"],
        }
    )
    # January only: E0 drives 1,400 km of meetings in a month, 16,800 km a year plus the
    # course: near the 20,000 km band, which the draws move
    trips = rc.read_work_trips(raw, workforce=wf, period=("2025-01-01", "2025-01-31"))
    p = rc.load_parameters("dk-2025").with_overrides(
        {
            "work_travel.mileage_band_km_per_year": {
                "value": 20_000.0,
                "uncertainty": {"dist": "uniform", "low": 15_000.0, "high": 25_000.0},
            },
            "work_travel.mileage_rate_per_km": {
                "value": 3.81,
                "uncertainty": {"dist": "uniform", "low": 3.0, "high": 4.0},
            },
        }
    )
    w = wf.with_work_trips(trips)
    sc = rc.Scenario(name="most online", remote_days_per_week=1, virtual_meeting_share=0.8)
    runner = Runner(w, p)
    fast = FastModel(runner)
    inputs = runner_inputs(runner)
    draws = complete_shares(values_from_unit(inputs, unit_draws(p, inputs, 4, 11)), p)
    assert "work_travel.replaceable_share.meeting" in draws.columns
    changes = fast.changes(fast.state(sc), draws)
    cols = [
        "work_travel_km",
        "work_travel_co2e_t",
        "virtual_meeting_co2e_t",
        "work_travel_reimbursement_cost",
        "work_travel_hours",
        "net_co2e_t",
        "net_cost",
    ]
    for i in range(len(draws)):
        over = {k: float(x) for k, x in draws.iloc[i].items()}
        ref = rc.assess(w, sc, p.with_overrides(over)).summary().set_index("metric")["change"]
        got = changes.iloc[i][cols].astype(float)
        np.testing.assert_allclose(got.to_numpy(), ref[cols].to_numpy(), rtol=1e-9, atol=1e-9)


def test_notes_say_how_many_trips_and_who_claims_above_the_band(wf, params):
    raw = claims(
        wf, [(0, "06-01-2025", "1000", "Møde", "Egen bil"), (1, "07-01-2025", "10", "Møde", "")]
    )
    trips = rc.read_work_trips(raw, workforce=wf, period=("2025-01-01", "2025-01-31"))
    notes = rc.assess(wf, rc.Scenario(name="x"), params, work_trips=trips).notes
    assert any("work trips: 2 trips by 2 employees" in n for n in notes)
    # 12,000 km a year for one, 120 for the other: nobody above the band
    assert not any("mileage band" in n for n in notes)
    raw = claims(
        wf,
        [
            (0, "06-01-2025", "1400", "Møde", "Egen bil"),
            (0, "08-01-2025", "300", "Møde", "Egen bil"),
        ],
    )
    trips = rc.read_work_trips(raw, workforce=wf, period=("2025-01-01", "2025-01-31"))
    notes = rc.assess(wf, rc.Scenario(name="x"), params, work_trips=trips).notes
    assert any("1 employee(s) claim more than the mileage band" in n for n in notes)
    assert any(
        "without a mode" in n
        for n in rc.read_work_trips(
            claims(wf, [(1, "07-01-2025", "10", "Møde", "")]), workforce=wf
        ).notes
    )


def test_pooled_purposes_and_selections_show_no_scenario_values():
    """Issue 25: the pooled row's today and scenario values with the published replaceable
    shares gave a 2-traveller purpose back, so the pooled row shows today's values only;
    under an applies_to selection a purpose's change is that of its selected travellers
    (one traveller of a department, measured on the demo), so no row shows scenario values."""
    from remotecalc.evaluation.disclosure import pool_purposes

    t = pd.DataFrame(
        {
            "travellers": [40, 2, 9],
            "km_baseline": [1e4, 50.0, 800.0],
            "km_scenario": [8e3, 30.0, 790.0],
            "co2e_kg_scenario": [900.0, 3.0, 70.0],
        },
        index=pd.Index(["meeting", "course", "inspection"], name="purpose"),
    )
    p = pool_purposes(t, 5)
    pooled = p[p["withheld"]].iloc[0]
    assert pooled["km_baseline"] == 850.0
    assert pd.isna(pooled["km_scenario"]) and pd.isna(pooled["co2e_kg_scenario"])
    shown = p[~p["withheld"]].iloc[0]
    assert shown["km_scenario"] == 8e3  # everyone: the change of all 40 travellers
    sel = pool_purposes(t, 5, selection=True)
    assert sel["km_scenario"].isna().all() and sel["co2e_kg_scenario"].isna().all()
    assert sel["km_baseline"].tolist() == p["km_baseline"].tolist()


def test_work_travel_table_under_a_selection_shows_no_small_group_change(demo):
    """On the demo, a department selection made the 'meeting' row the change of one
    traveller; now no scenario value is shown under a selection."""
    dept = sorted(demo.staff["department"].astype(str).unique())[0]
    sc = rc.Scenario(name="d", virtual_meeting_share=0.5, applies_to={"department": [dept]})
    table = work_travel_table(demo, sc, min_group_size=5)
    assert table["km_scenario"].isna().all() and table["co2e_kg_scenario"].isna().all()
    everyone = work_travel_table(demo, rc.Scenario(name="x", virtual_meeting_share=0.5))
    assert everyone.loc[~everyone["withheld"], "km_scenario"].notna().all()


def test_per_employee_purpose_contributions_add_up_to_the_table(demo):
    from remotecalc.evaluation.entry import resolve_params, work_trip_blocks
    from remotecalc.model import engine

    p = resolve_params(None)
    blocks = work_trip_blocks(demo, p)
    dept = sorted(demo.staff["department"].astype(str).unique())[0]
    for applies in (None, (demo.staff["department"].astype(str) == dept).to_numpy()):
        args = (0.5, engine.Values(p), 0.3, applies)
        table = engine.work_travel_by_purpose(blocks, *args)
        per = engine.work_travel_by_purpose_per_employee(blocks, *args)
        for col, x in per.items():
            assert x.shape == (len(demo.staff), len(travel.PURPOSES))
            assert x.sum(axis=0) == pytest.approx(table[col].to_numpy(), rel=1e-9, abs=1e-9)
        if applies is not None:  # outside the selection nothing moves online
            out = ~applies
            assert per["km_scenario"][out] == pytest.approx(per["km_baseline"][out])


def test_work_travel_by_purpose_is_published_with_cell_key_noise(demo):
    """Issue 25: under a scenario for everyone each shown purpose's change was exact; now
    every value and count is a published cell (the exact table stays for the analyst)."""
    sc = rc.Scenario(name="x", virtual_meeting_share=0.5)
    exact = work_travel_table(demo, sc, exact=True)
    pub = work_travel_table(demo, sc)
    again = work_travel_table(demo, sc)
    pd.testing.assert_frame_equal(pub, again)  # the same cells, the same noise
    assert pub["purpose"].tolist() == exact["purpose"].tolist()
    shown = ~exact["withheld"]
    change = lambda t: (t["km_scenario"] - t["km_baseline"])[shown]  # noqa: E731
    moved = (change(exact) != 0).to_numpy()
    assert moved.any()
    assert change(pub).to_numpy()[moved] != pytest.approx(change(exact).to_numpy()[moved])
    assert not np.isclose(pub["km_baseline"], exact["km_baseline"]).all()
    assert (pub["travellers"] >= 5).all()
    assert (abs(pub["travellers"] - exact["travellers"])[shown] <= 2).all()
    pooled = pub[pub["withheld"]]
    assert pooled["km_scenario"].isna().all()


def test_work_travel_noise_stays_within_the_method_bound(demo):
    """|published − exact| ≤ 2 T, T the largest total of k − 1 travellers of the purpose."""
    from remotecalc.evaluation.disclosure import top_contributions
    from remotecalc.evaluation.entry import resolve_params, work_trip_blocks
    from remotecalc.model import engine

    sc = rc.Scenario(name="x", virtual_meeting_share=0.5)
    exact = work_travel_table(demo, sc, exact=True).set_index("purpose")
    pub = work_travel_table(demo, sc).set_index("purpose")
    p = resolve_params(None)
    per = engine.work_travel_by_purpose_per_employee(
        work_trip_blocks(demo, p), 0.5, engine.Values(p), 0.0, None
    )
    for name in exact.index.dropna():
        i = travel.PURPOSES.index(name)
        for x, col in ((per["km_baseline"][:, i], "km_baseline"),):
            t_ = top_contributions(x, np.zeros(len(x), dtype=int), 1, 4)[0]
            assert abs(pub.at[name, col] - exact.at[name, col]) <= 2 * t_ + 1e-9
