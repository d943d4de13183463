"""The explorer's speed as a planner feels it: a lever move -> the headline updated in the browser.

Targets (issue 27): the headline follows a lever move within 200 ms at 10,000 employees and
within 500 ms at 100,000 (median of 20 moves); the figures may follow later.

For each size: a synthetic staff file (``synthetic_staff(n)``, seed 0) is written, ``remotecalc
app`` is started on it (a real server, a real websocket), headless Chromium (Playwright, the
system Chromium) opens the page, and the remote-days slider is moved with the keyboard, one
step at a time, alternately right and left (2 -> 2.5 -> 2 days ...). One move's time runs
from the key press (``performance.now()`` in a capturing keydown listener) to the moment the
headline's net CO₂e cell shows the new value (a MutationObserver on the headline): all
between (the websocket message, the model, the headline's HTML, the patch back, the DOM update) is
in it. Run on its own; it prints a markdown table with the load of the machine (uptime)::

    .venv/bin/python benchmarks/explorer_browser.py [--sizes 10000 100000] [--moves 20]

Needs Panel, Playwright and a Chromium (``apt-get install -y chromium`` or
``REMOTECALC_CHROMIUM``). Not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parents[1]

from _synthetic import synthetic_staff

#: Median seconds a move may take until the headline shows it, by workforce size.
TARGETS = {10_000: 0.2, 100_000: 0.5}

#: Page script: the time of every key press on the page and of every change of the headline's
#: net CO₂e cell (found once in Panel's shadow roots, then watched).
PROBE = """
() => {
  window.__presses = []; window.__changes = [];
  document.addEventListener('keydown', () => window.__presses.push(performance.now()), true);
  const SEL = 'td[data-metric="net_co2e_t"][data-col="change"]';
  const find = (root) => {
    if (root.querySelector(SEL)) return root;
    for (const e of root.querySelectorAll('*')) {
      if (e.shadowRoot) { const r = find(e.shadowRoot); if (r) return r; }
    }
    return null;
  };
  let root = null, last = null;
  const check = () => {
    if (!root || !(root.host ? root.host.isConnected : true)) root = find(document);
    const cell = root ? root.querySelector(SEL) : null;
    const v = cell ? cell.getAttribute('data-value') : null;
    if (v !== last) { window.__changes.push([performance.now(), v]); last = v; }
  };
  check();
  // a change of the headline's HTML is seen when it happens (no polling of the whole page)
  const watch = () => {
    if (!root) { setTimeout(() => { check(); watch(); }, 50); return; }
    new MutationObserver(check).observe(root, {subtree: true, childList: true, attributes: true});
  };
  watch();
  setInterval(check, 250);  // and if the pane is rebuilt, found again
}
"""


def chromium() -> str | None:
    env = os.environ.get("REMOTECALC_CHROMIUM")
    if env:
        return env
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    return next((shutil.which(c) for c in names if shutil.which(c)), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load: unknown"


def start_app(n: int, folder: Path) -> tuple[subprocess.Popen, str, float]:
    """Write the staff of ``n`` employees, start ``remotecalc app``; (process, url, s to ready)."""
    staff, sites = synthetic_staff(n)
    staff.to_csv(folder / "staff.csv", index=False)
    sites.to_csv(folder / "sites.csv", index=False)
    port = free_port()
    cmd = [sys.executable, "-m", "remotecalc.cli.main", "app", str(folder / "staff.csv")]
    cmd += ["--sites", str(folder / "sites.csv"), "--port", str(port), "--no-browser"]
    cmd += ["--out", str(folder / "out")]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    log = (folder / "server.log").open("w")
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    for _ in range(2400):
        if proc.poll() is not None:
            raise RuntimeError((folder / "server.log").read_text())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    url = f"http://127.0.0.1:{port}/explorer"
    with urllib.request.urlopen(url, timeout=900):
        pass
    return proc, url, time.monotonic() - start


def measure(url: str, moves: int) -> list[float]:
    """Seconds from each key press to the headline showing the new value."""
    from playwright.sync_api import sync_playwright

    times: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium()), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.wait_for_selector("#rc-headline", timeout=600_000)
            page.evaluate(PROBE)
            group = page.locator(".bk-input-group", has_text="Remote days a week").first
            handle = group.locator(".noUi-handle").first
            handle.focus()
            page.wait_for_timeout(1000)
            for i in range(moves + 1):  # the first move warms up (not counted)
                before = page.evaluate("window.__changes.length")
                handle.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
                page.wait_for_function(f"window.__changes.length > {before}", timeout=120_000)
                press = page.evaluate("window.__presses[window.__presses.length - 1]")
                change = page.evaluate(f"window.__changes[{before}][0]")
                if i:
                    times.append((change - press) / 1000)
                page.wait_for_timeout(2500)  # the figures follow; a planner looks, then moves on
        finally:
            browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--moves", type=int, default=20)
    args = ap.parse_args(argv)
    if chromium() is None:
        print("no Chromium: apt-get install -y chromium or set REMOTECALC_CHROMIUM")
        return 2
    rows, missed = [], False
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            load_before = uptime()
            proc, url, ready = start_app(n, Path(tmp))
            try:
                t = measure(url, args.moves)
            finally:
                proc.terminate()
                proc.wait(timeout=60)
            load_after = uptime()
        med = statistics.median(t)
        target = TARGETS.get(n)
        ok = target is None or med <= target
        missed |= not ok
        rows.append((n, med, min(t), max(t), len(t), target, ok, ready, load_before, load_after))
    print("| employees | median ms | min ms | max ms | moves | target ms | met | server ready s |")
    print("|---:|---:|---:|---:|---:|---:|:--:|---:|")
    for n, med, lo, hi, k, target, ok, ready, _, _ in rows:
        tgt = f"{target * 1000:.0f}" if target else "-"
        print(
            f"| {n:,} | {med * 1000:.0f} | {lo * 1000:.0f} | {hi * 1000:.0f} | {k} | {tgt} | "
            f"{'yes' if ok else 'no'} | {ready:.0f} |"
        )
    print()
    for n, *_, before, after in rows:
        print(
            f"load at {n:,}: before {before.split('load average:')[-1].strip()}; "
            f"after {after.split('load average:')[-1].strip()} (uptime load averages)"
        )
    print(f"cores: {os.cpu_count()}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
