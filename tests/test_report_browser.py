"""The HTML report in a real browser: headless Chromium loads it, every image loads, no
console errors, no request leaves the file, and a screenshot is taken.

Chromium is driven through the DevTools protocol over ``--remote-debugging-pipe`` (messages
on file descriptors 3 and 4), so the test needs no Python package beyond the standard
library and no network. CI installs Chromium from Debian's packages (``.ci/run``); elsewhere
the test skips, saying how to enable it.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import SHARED
from PIL import Image

import remotecalc as rc
from remotecalc.outputs.report import report

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
HOW_TO = (
    "headless Chromium not found: install it (Debian/Ubuntu: `apt-get install -y "
    "chromium`; CI's .ci/run does this) or point REMOTECALC_CHROMIUM at a Chrome or "
    "Chromium binary"
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]


def chromium_binary() -> str | None:
    env = os.environ.get("REMOTECALC_CHROMIUM")
    if env:
        return env if Path(env).exists() or shutil.which(env) else None
    return next((shutil.which(c) for c in CANDIDATES if shutil.which(c)), None)


class DevTools:
    """A minimal Chrome DevTools Protocol client over the debugging pipe (fds 3 and 4)."""

    def __init__(self, binary: str, profile: Path):
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def child_fds():  # runs in the child: its fd 3 reads commands, fd 4 writes replies
            r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD_CLOEXEC, 10)  # out of the way of 3 and 4
            w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD_CLOEXEC, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        # close_fds=False: the child must keep the fds 3 and 4 made after the fork
        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=child_fds,
            close_fds=False,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_chrome], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the debugging pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def send(
        self,
        method: str,
        params: dict | None = None,
        session: str | None = None,
        timeout: float = 30.0,
    ) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30.0) -> dict:
        for ev in self.events:
            if ev.get("method") == method:
                return ev
        deadline = time.monotonic() + timeout
        while True:
            ev = self._read_message(deadline)
            self.events.append(ev)
            if ev.get("method") == method:
                return ev

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except (OSError, RuntimeError, TimeoutError):  # the browser may already be gone
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary = chromium_binary()
    if binary is None:
        pytest.skip(HOW_TO)
    dt = DevTools(binary, tmp_path_factory.mktemp("chromium-profile"))
    yield dt
    dt.close()


@pytest.fixture(scope="module")
def html_report(tmp_path_factory):
    if chromium_binary() is None:
        pytest.skip(HOW_TO)
    out = tmp_path_factory.mktemp("browser-report")
    wf = rc.datasets.demo_workforce(250, seed=11)
    scenarios = [
        rc.Scenario(name="1 day home", remote_days_per_week=1),
        rc.Scenario(name="3 days home, space given up", remote_days_per_week=3, release_space=1.0),
    ]
    boundaries = SHARED / "dk" / "kommuner.geojson"
    try:
        import geopandas  # noqa: F401
    except ImportError:
        boundaries = None
    files = report(
        wf,
        scenarios,
        out=out,
        main=1,
        formats=("html",),
        figure_formats=("png",),
        n_draws=20,
        sensitivity_n_base=8,
        dpi=100,
        boundaries=boundaries if boundaries and boundaries.exists() else None,
    )
    return files.html


def test_report_in_headless_chromium(browser, html_report, tmp_path):
    session = browser.send(
        "Target.attachToTarget",
        {
            "targetId": browser.send("Target.createTarget", {"url": "about:blank"})["targetId"],
            "flatten": True,
        },
    )["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(f"{domain}.enable", session=session)
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1100, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        session=session,
    )
    browser.events.clear()
    browser.send("Page.navigate", {"url": html_report.resolve().as_uri()}, session=session)
    browser.wait_for("Page.loadEventFired")

    images = browser.send(
        "Runtime.evaluate",
        {
            "expression": "Array.from(document.images).map(i => [i.complete, i.naturalWidth, "
            "i.naturalHeight, i.alt.length])",
            "returnByValue": True,
        },
        session=session,
    )["result"]["value"]
    assert len(images) >= 9
    assert all(complete and w > 300 and h > 100 and alt > 30 for complete, w, h, alt in images)

    # no console errors, no uncaught exceptions, no failed loads, nothing fetched from outside
    errors = [
        e
        for e in browser.events
        if e.get("method") == "Runtime.exceptionThrown"
        or (
            e.get("method") == "Runtime.consoleAPICalled"
            and e["params"]["type"] in ("error", "assert")
        )
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
        or e.get("method") == "Network.loadingFailed"
    ]
    assert not errors, errors
    urls = [
        e["params"]["request"]["url"]
        for e in browser.events
        if e.get("method") == "Network.requestWillBeSent"
    ]
    assert urls and all(u.startswith(("file://", "data:")) for u in urls), urls

    # a screenshot of the whole page: wide, long, and not blank where the figures are
    height = browser.send("Page.getLayoutMetrics", session=session)["cssContentSize"]["height"]
    assert height > 5000
    shot = browser.send(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": 1100, "height": min(height, 12000), "scale": 1},
        },
        session=session,
    )
    path = tmp_path / "report.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    with Image.open(path) as im:
        assert im.size == (1100, min(int(height), 12000))
        grey = np.asarray(im.convert("L"))
    assert grey.std() > 20 and (grey < 100).mean() > 0.005  # text and figures, not a blank page
