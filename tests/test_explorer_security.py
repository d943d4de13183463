"""The explorer serves only its own page to its own machine (issue 25, Build 2; attack suite).

``remotecalc app`` is started on a free port (one server for the module) with a staff file
whose department and site names are HTML payloads, and attacked as a hostile page or user
would:

- it listens on loopback only, and its page loads nothing from the internet (every script
  and style it names is served by itself);
- DNS rebinding: a page on ``evil.example`` (resolving to 127.0.0.1) sends its own Host
  header and a matching Origin: the page, its assets and the websocket handshake are refused
  (403), while the real address gets 101;
- Panel's module-loading route ``/components/<module>/...`` is closed (404, no import, no
  traceback), also with ``..`` in the path;
- every response carries a content security policy that loads and sends nothing elsewhere;
- stored XSS: in a real browser (headless Chromium with Playwright, skipped where absent),
  no payload in a name runs, on load or when the names are listed and chosen, and the names
  show as typed.
"""

from __future__ import annotations

import base64
import http.client
import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

# find_spec looks Panel up without importing it (1-2 s): collection stays cheap, and a
# machine without Panel skips the whole module, saying why
if importlib.util.find_spec("panel") is None:
    pytest.skip(
        "the explorer app needs Panel: pip install 'remotecalc[app]'", allow_module_level=True
    )

ROOT = Path(__file__).resolve().parents[1]
STAFF = ROOT / "data" / "examples" / "staff.csv"
SITES = ROOT / "data" / "examples" / "sites.csv"

#: Names that run script if a widget puts them into the page as HTML.
DEPT_PAYLOAD = '<img src=x onerror="window.__xss=(window.__xss||0)+1">'
SITE_PAYLOAD = "<svg onload=window.__xss2=1>"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    staff, sites = pd.read_csv(STAFF, dtype=str), pd.read_csv(SITES, dtype=str)
    staff.loc[staff["department"] == "Kultur og Fritid", "department"] = DEPT_PAYLOAD
    staff.loc[staff["site_id"] == "JOBC", "site_id"] = SITE_PAYLOAD
    sites.loc[sites["site_id"] == "JOBC", "site_id"] = SITE_PAYLOAD
    staff.to_csv(d / "staff.csv", index=False)
    sites.to_csv(d / "sites.csv", index=False)
    port = _free_port()
    log = d / "server.log"
    cmd = [sys.executable, "-m", "remotecalc.cli.main", "app", str(d / "staff.csv")]
    cmd += ["--sites", str(d / "sites.csv"), "--port", str(port), "--no-browser"]
    cmd += ["--out", str(d / "exported")]
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/explorer"
    try:
        for _ in range(600):  # until the server listens (each page opened costs a session)
            if proc.poll() is not None:
                pytest.fail(f"remotecalc app stopped: {log.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        with urllib.request.urlopen(url, timeout=600):
            pass
        yield {"url": url, "port": port, "log": log}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _get(port: int, path: str, host: str | None = None) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host or f"127.0.0.1:{port}")
    conn.endheaders()
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def _handshake(port: int, host: str, origin: str, token: str) -> str:
    """The status line of a websocket handshake with these Host and Origin headers."""
    key = base64.b64encode(os.urandom(16)).decode()
    req = (
        f"GET /explorer/ws HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        f"Origin: {origin}\r\nSec-WebSocket-Protocol: bokeh, {token}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=600) as s:
        s.sendall(req.encode())
        return s.recv(4096).decode(errors="replace").split("\r\n")[0]


def _token(port: int) -> str:
    _, _, page = _get(port, "/explorer")
    found = re.search(r'"token":\s*"([^"]+)"', page.decode())
    assert found, "no session token in the page"
    return found.group(1)


# --- HTTP level ---------------------------------------------------------------------------


def test_dns_rebinding_handshake_is_refused(served):
    port = served["port"]
    token = _token(port)
    ok = _handshake(port, f"127.0.0.1:{port}", f"http://127.0.0.1:{port}", token)
    assert " 101 " in ok, ok  # the real page's handshake works (the test can fail)
    evil = _handshake(port, f"evil.example:{port}", f"http://evil.example:{port}", _token(port))
    assert " 403 " in evil, evil


@pytest.mark.parametrize("path", ["/explorer", "/static/js/bokeh.min.js", "/", "/explorer/ws"])
@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1.evil.example:{port}", ""])
def test_other_hosts_get_nothing(served, path, host):
    port = served["port"]
    status, _, body = _get(port, path, host.format(port=port) or "nohost")
    assert status == 403, (path, host, status)
    assert b"bokeh" not in body.lower() and b"token" not in body.lower()


def test_the_page_has_a_content_security_policy(served):
    status, headers, _ = _get(served["port"], "/explorer")
    assert status == 200
    csp = headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["img-src"] == "'self' data: blob:"  # no image from elsewhere (exfiltration)
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "evil" not in csp and "*" not in csp and "http:" not in csp.replace("http://", "")
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    status, headers, _ = _get(served["port"], "/static/js/bokeh.min.js")
    assert status == 200 and "content-security-policy" in headers


@pytest.mark.parametrize(
    "path",
    [
        "/components/os/path/__css__/x.css",
        "/components/remotecalc/../../..",
        "/components/remotecalc/%2e%2e/%2e%2e/%2e%2e",
        "/components/panel/layout/base/Column/__css__/x.css",
        "/explorer/../../etc/passwd",
    ],
)
def test_the_module_loading_route_is_closed(served, path):
    status, _, body = _get(served["port"], path)
    assert status == 404, (path, status)
    assert b"Traceback" not in body and b'File "' not in body
    assert "Traceback" not in served["log"].read_text()


def _other_address() -> str | None:
    """An address of this machine that is not loopback (None if there is none)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: nothing is sent (UDP connect)
            ip = s.getsockname()[0]
    except OSError:
        return None
    return None if ip.startswith("127.") else ip


def test_served_page_loads_nothing_from_the_internet(served):
    with urllib.request.urlopen(served["url"], timeout=600) as r:
        page = r.read().decode()
    srcs = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', page)
    assert srcs, "expected the page to load Panel's assets"
    external = [s for s in srcs if re.match(r"(https?:)?//", s)]
    assert external == [], external
    # and the assets it names are served by this server
    for s in srcs:
        if s.endswith(".js") or ".js?" in s:
            with urllib.request.urlopen(f"http://127.0.0.1:{served['port']}/{s}", timeout=120) as a:
                assert a.status == 200


def test_server_listens_on_loopback_only(served):
    other = _other_address()
    if other is None:
        pytest.skip("this machine has no address other than loopback to try")
    with pytest.raises(OSError), socket.create_connection((other, served["port"]), timeout=2):
        pass


# --- in a real browser --------------------------------------------------------------------


def _chromium() -> str | None:
    env = os.environ.get("REMOTECALC_CHROMIUM")
    if env:
        return env if Path(env).exists() or shutil.which(env) else None
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
    return next((shutil.which(c) for c in names if shutil.which(c)), None)


def _browser_missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "the browser test needs Playwright: pip install playwright"
    if _chromium() is None:
        return "headless Chromium not found: apt-get install -y chromium or set REMOTECALC_CHROMIUM"
    return None


@pytest.mark.skipif(_browser_missing() is not None, reason=str(_browser_missing()))
def test_no_payload_in_a_name_runs_in_the_browser(served):
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(_chromium()), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(served["url"])
            page.wait_for_selector("#rc-headline", timeout=90_000)
            # the departments' list: open it, find the payload as text, choose it
            box = page.locator(".choices").first
            box.click()
            page.wait_for_timeout(1500)
            assert page.evaluate("window.__xss ?? null") is None, "a department name ran"
            option = page.locator(".choices__item--choice", has_text="onerror").first
            option.wait_for(timeout=30_000)
            assert option.inner_text().strip() == DEPT_PAYLOAD  # shown as typed
            option.click()
            page.wait_for_selector(".choices__item--selectable:has-text('onerror')", timeout=30_000)
            page.keyboard.press("Escape")
            # the sites' list too
            page.locator(".choices").nth(1).click()
            site = page.locator(".choices__item--choice", has_text="svg onload").first
            site.wait_for(timeout=30_000)
            assert site.inner_text().strip() == SITE_PAYLOAD
            site.click()
            page.wait_for_timeout(3000)  # the selection reaches the server and comes back
            ran = page.evaluate("[window.__xss ?? null, window.__xss2 ?? null]")
            injected = page.evaluate(
                "document.querySelectorAll('img[src=\"x\"], svg[onload]').length"
            )
            # the widgets are in shadow roots: search those too
            injected += page.evaluate(
                """() => { let n = 0; const walk = (root) => {
                    n += root.querySelectorAll('img[src="x"], svg[onload]').length;
                    root.querySelectorAll('*').forEach(e => e.shadowRoot && walk(e.shadowRoot));
                  }; walk(document); return n; }"""
            )
        finally:
            browser.close()
    assert ran == [None, None], ran
    assert injected == 0 and not dialogs, (injected, dialogs)
    assert not errors, errors
