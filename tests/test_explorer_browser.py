"""The scenario explorer in a real browser (headless Chromium driven by Playwright).

Starts ``remotecalc app`` on a free port, moves the remote-days lever, and checks that the
headline shows what ``rc.assess`` gives for those levers; saves two scenarios, exports the
plan, runs ``remotecalc report`` on it and finds the same numbers in the report's workbook.
Every request the page makes goes to the local server. Screenshots in English and Danish are
written to ``$REMOTECALC_EXPLORER_SHOTS`` (default: the test's temporary folder).

Needs the system Chromium (Debian's ``chromium``; ``.ci/run`` installs it) and the Python
packages ``panel`` and ``playwright`` (``pip install -e '.[dev]'``; Playwright is launched
on the system Chromium with ``executable_path``, no browser download). Skips, saying which
is missing, elsewhere.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.inputs.scenario import load_scenarios
from remotecalc.outputs.report import headline_table

ROOT = Path(__file__).resolve().parents[1]
STAFF = ROOT / "data" / "examples" / "staff.csv"
SITES = ROOT / "data" / "examples" / "sites.csv"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
METRICS = ("net_co2e_t", "commute_hours", "net_cost", "desks_needed", "commute_co2e_t")


def chromium_binary() -> str | None:
    env = os.environ.get("REMOTECALC_CHROMIUM")
    if env:
        return env if Path(env).exists() or shutil.which(env) else None
    return next((shutil.which(c) for c in CANDIDATES if shutil.which(c)), None)


def _missing() -> str | None:
    if importlib.util.find_spec("panel") is None:
        return "the explorer needs Panel: pip install 'remotecalc[app]'"
    if importlib.util.find_spec("playwright") is None:
        return "the browser test needs Playwright: pip install playwright (the dev extra has it)"
    if chromium_binary() is None:
        return (
            "headless Chromium not found: apt-get install -y chromium (CI's .ci/run does) or "
            "set REMOTECALC_CHROMIUM"
        )
    return None


WHY = _missing()
if WHY and os.environ.get("REMOTECALC_REQUIRE_BROWSER"):  # CI (.ci/run): a skip is a failure
    raise RuntimeError(f"REMOTECALC_REQUIRE_BROWSER is set but {WHY}")
if WHY:
    pytest.skip(WHY, allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from remotecalc.explorer.app import fmt  # noqa: E402

CHROMIUM = str(chromium_binary())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    port = _free_port()
    out = tmp_path_factory.mktemp("explorer")
    log = out / "server.log"
    cmd = [sys.executable, "-m", "remotecalc.cli.main", "app", str(STAFF), "--sites", str(SITES)]
    cmd += ["--port", str(port), "--no-browser", "--out", str(out / "exported")]
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/explorer"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                pytest.fail(f"remotecalc app stopped: {log.read_text()}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        yield {"url": url, "out": out, "port": port}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def wf():
    return rc.read_staffing(STAFF, sites=SITES)


def _cell(page: Page, metric: str, col: str = "change"):
    return page.locator(f'#rc-headline td[data-metric="{metric}"][data-col="{col}"]')


def _wait_value(page: Page, metric: str, want: float, timeout_s: float = 60) -> None:
    """Wait until the headline cell holds ``want`` (the page updates over a websocket)."""
    end = time.time() + timeout_s
    got = None
    while time.time() < end:
        cell = _cell(page, metric)
        if cell.count():
            got = float(cell.first.get_attribute("data-value") or "nan")
            if got == pytest.approx(want, rel=1e-9, abs=1e-9):
                return
        time.sleep(0.25)
    pytest.fail(f"headline {metric} shows {got}, expected {want}")


def _slider_handle(page: Page, title: str):
    group = page.locator(".bk-input-group", has_text=title).first
    return group.locator(".noUi-handle").first


def _expected(wf, **levers) -> pd.DataFrame:
    """The headline as the explorer shows it: published (cell-key noise), as every shown
    output (Assessment.published(), the report's path)."""
    sc = rc.Scenario(name="x", **levers)
    return headline_table([rc.assess(wf, sc, "dk-2025").published()]).set_index("metric")


def test_lever_headline_scenarios_plan_and_report(served, wf, tmp_path):
    shots = Path(os.environ.get("REMOTECALC_EXPLORER_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1150})
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(served["url"])
            page.wait_for_selector("#rc-headline", timeout=90_000)
            # the page opens at 2 remote days, uptake 1
            start = _expected(wf, remote_days_per_week=2)
            _wait_value(page, "net_co2e_t", float(start.loc["net_co2e_t", "change"]))

            # move the remote-days lever: two steps of 0.5 to the right -> 3 days
            handle = _slider_handle(page, "Remote days a week")
            handle.focus()
            handle.press("ArrowRight")
            handle.press("ArrowRight")
            want = _expected(wf, remote_days_per_week=3)
            for m in METRICS:
                _wait_value(page, m, float(want.loc[m, "change"]))
                shown = _cell(page, m).first.inner_text().strip()
                assert shown == fmt(float(want.loc[m, "change"]), "en", sign=True), m
            page.wait_for_timeout(2000)  # the figure pane follows the headline
            page.screenshot(path=str(shots / "explorer_en.png"), full_page=True)

            # save "3 days", move to 1.5 days with space given up, save that too
            page.locator(".bk-tab", has_text="Scenarios").click()
            name_box = page.locator(".bk-input-group", has_text="Scenario name").locator("input")
            name_box.fill("3 days")
            name_box.press("Enter")
            page.get_by_role("button", name="Save scenario").click()
            page.wait_for_selector('#rc-compare td[data-scenario="3 days"]', timeout=30_000)
            for _ in range(3):
                handle.press("ArrowLeft")
            release = _slider_handle(page, "Surplus space given up")
            release.focus()
            release.press("End")
            want2 = _expected(wf, remote_days_per_week=1.5, release_space=1.0)
            _wait_value(page, "net_co2e_t", float(want2.loc["net_co2e_t", "change"]))
            name_box.fill("1.5 days, space given up")
            name_box.press("Enter")
            page.get_by_role("button", name="Save scenario").click()
            page.wait_for_selector(
                '#rc-compare td[data-scenario="1.5 days, space given up"]', timeout=30_000
            )
            page.get_by_role("button", name="Export plan (TOML)").click()
            page.wait_for_selector("#rc-exported", timeout=30_000)
            shown_compare = {
                (c.get_attribute("data-scenario"), c.get_attribute("data-metric")): float(
                    c.get_attribute("data-value") or "nan"
                )
                for c in page.locator("#rc-compare td[data-scenario]").all()
            }

            # the same page in Danish
            page.locator(".bk-btn", has_text="Dansk").click()
            page.wait_for_selector("text=Hjemmearbejdsdage om ugen", timeout=30_000)
            page.wait_for_selector(".bk-tab:has-text('Hvem vinder')", timeout=30_000)
            page.locator(".bk-tab", has_text="CO₂e").click()
            _wait_value(page, "net_co2e_t", float(want2.loc["net_co2e_t", "change"]))
            time.sleep(1.5)  # the waterfall image
            page.wait_for_timeout(2000)  # the figure pane follows the headline
            page.screenshot(path=str(shots / "explorer_da.png"), full_page=True)
        finally:
            browser.close()

    assert not errors, errors
    hosts = {u.split("/")[2] for u in requests if u.startswith(("http:", "https:", "ws:"))}
    assert hosts == {f"127.0.0.1:{served['port']}"}, hosts

    # the exported plan: the two scenarios with the levers set in the browser
    plan = served["out"] / "exported" / "plan.toml"
    scenarios = load_scenarios(plan)
    assert [s.name for s in scenarios] == ["3 days", "1.5 days, space given up"]
    assert scenarios[0].remote_days_per_week == 3 and scenarios[0].release_space == 0
    assert scenarios[1].remote_days_per_week == 1.5 and scenarios[1].release_space == 1.0
    assert shown_compare[("3 days", "net_co2e_t")] == pytest.approx(
        float(want.loc["net_co2e_t", "change"]), rel=1e-9
    )

    # `remotecalc report` on the exported plan finds the same numbers
    report_dir = tmp_path / "report"
    cmd = [sys.executable, "-m", "remotecalc.cli.main", "report", str(STAFF), "--sites", str(SITES)]
    cmd += ["--scenario", str(plan), "--params", "dk-2025", "--out", str(report_dir)]
    cmd += ["--format", "xlsx", "--no-ranges"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    head = pd.read_excel(report_dir / "report.xlsx", sheet_name="Headline").set_index("Scenario")
    labels = headline_table([rc.assess(wf, scenarios[0])]).set_index("metric")
    for (name, metric), value in shown_compare.items():
        col = f"{labels.loc[metric, 'label']}, change [{labels.loc[metric, 'unit']}]"
        assert float(head.loc[name, col]) == pytest.approx(value, rel=1e-9, abs=1e-9), (
            name,
            metric,
        )
