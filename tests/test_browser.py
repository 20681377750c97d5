"""A person's walk through `kg serve` in a real headless browser (Debian's chromium).

Builds data/articles with `kg build`, starts `kg serve` on a free port as a separate
process, and drives chromium over the DevTools protocol on a pipe (--remote-debugging-pipe:
NUL-separated JSON on file descriptors 3 and 4, so no websocket client and no driver
binary are needed): the home page, a search typed into the form, the person page and its
timeline, a named query run from the /queries form, and screenshots of the person and
query pages (into a temporary folder; set KG_SCREENSHOTS=docs/screenshots to refresh the
README's pictures).

Skipped when no chromium is installed (CI installs it when it can; see .ci/run).
"""
from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SHOTS = Path(os.environ.get("KG_SCREENSHOTS") or tempfile.mkdtemp(prefix="kg-screenshots-"))
PERSON = "Lê Duy Thành"
PHONE = (412, 900)
DESKTOP = (1280, 900)
STEP = 30.0  # seconds any one browser step may take


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed (apt-get install chromium)")


class BrowserError(RuntimeError):
    pass


class Browser:
    """Headless chromium driven over the DevTools protocol on a pipe; one page, one session."""

    def __init__(self, binary: str, profile: Path):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds():  # chromium reads commands on fd 3 and writes answers on fd 4
            commands, answers = os.dup(to_child_r), os.dup(from_child_w)  # either may be 3 or 4 now
            os.dup2(commands, 3)  # dup2 makes them inheritable; everything else closes on exec
            os.dup2(answers, 4)

        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
             "--mute-audio", "--disable-background-networking", "--disable-component-update",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=fds, close_fds=False,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")

    # ---- protocol

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("chromium did not answer in time")
            ready, _, _ = select.select([self._from_child], [], [], left)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise BrowserError(f"chromium closed its pipe (exit code {self.proc.poll()})")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, timeout: float = STEP) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            if "method" in answer:
                self.events.append(answer)

    def wait_event(self, method: str, timeout: float = STEP) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and event.get("sessionId") == self.session:
                    return self.events.pop(i)
            message = self._read_message(deadline)
            if "method" in message:
                self.events.append(message)

    # ---- what a person does

    def size(self, width: int, height: int, mobile: bool = False) -> None:
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def goto(self, url: str) -> None:
        self.events.clear()
        answer = self.call("Page.navigate", {"url": url})
        if answer.get("errorText"):
            raise BrowserError(f"{url}: {answer['errorText']}")
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str):
        answer = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def url(self) -> str:
        return self.js("location.href")

    def text(self, selector: str = "body") -> str:
        return self.js(f"(document.querySelector({json.dumps(selector)}) || {{}}).innerText || ''")

    def type_into(self, selector: str, text: str) -> None:
        """Focus a field, clear it and type text as keyboard input."""
        self.js(f"(() => {{ const el = document.querySelector({json.dumps(selector)}); "
                f"el.focus(); el.select && el.select(); el.value = ''; }})()")
        self.call("Input.insertText", {"text": text})

    def click(self, selector: str, navigates: bool = True) -> None:
        """A real mouse click in the middle of the element (scrolled into view first)."""
        box = self.js(f"(() => {{ const el = document.querySelector({json.dumps(selector)}); "
                      f"el.scrollIntoView({{block: 'center'}}); const r = el.getBoundingClientRect(); "
                      f"return [r.left + r.width / 2, r.top + r.height / 2]; }})()")
        if not box:
            raise BrowserError(f"nothing to click at {selector}")
        self.events.clear()
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1],
                                                   "button": "left", "clickCount": 1})
        if navigates:
            self.wait_event("Page.loadEventFired")

    def screenshot(self, path: Path, width: int, mobile: bool) -> bytes:
        """The whole page at width, saved as PNG."""
        height = int(self.js("Math.ceil(document.documentElement.scrollHeight)"))
        self.size(width, max(300, min(height, 6000)), mobile)
        self.js("window.scrollTo(0, 0)")
        data = base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return data

    def close(self) -> None:
        try:
            self.session = None
            self.call("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass


def kg(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, **kwargs)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """`kg build data/articles` then `kg serve` of it on a free port, as a person would run them."""
    out = tmp_path_factory.mktemp("browser") / "build"
    built = kg("build", str(ARTICLES), "--out", str(out), "--quiet")
    assert built.returncode == 0, built.stderr
    log = tmp_path_factory.mktemp("serve-log") / "serve.log"
    with open(log, "w") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--in", str(out), "--port", "0",
                                 "--quiet"], cwd=ROOT, stdout=sink, stderr=sink, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        base = None
        while base is None:
            found = re.search(r"at (http://[\d.]+:\d+)/", log.read_text())
            if found:
                base = found.group(1)
            elif proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"kg serve did not start: {log.read_text()}")
            else:
                time.sleep(0.1)
        while True:  # listening is announced before the first request is answered: wait for one
            try:
                with urllib.request.urlopen(base + "/", timeout=5) as answer:
                    assert answer.status == 200
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    b = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield b
    finally:
        b.close()


def is_png(data: bytes, width: int) -> bool:
    return data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == width


def test_home_search_person_timeline(service, browser):
    browser.size(*PHONE, mobile=True)
    browser.goto(service + "/")
    assert browser.js("document.title").endswith("vnps-kg")
    assert "Vietnam's provincial party-state" in browser.text("h1")
    # the home page's own links lead to the search form, as a person would find it
    browser.click('header nav a[href="/search"]')
    assert browser.url().endswith("/search")
    browser.type_into("#q", PERSON)
    browser.click('form.search button[type="submit"]')
    assert "/search?q=" in browser.url()
    hits = browser.js("Array.from(document.querySelectorAll('main a')).map(a => [a.innerText, a.getAttribute('href')])")
    person = [href for text, href in hits if text.strip() == PERSON and href.startswith("/id/person/")]
    assert person, f"no person called {PERSON} among the hits: {hits}"
    browser.click(f'main a[href="{person[0]}"]')
    assert browser.url().endswith(person[0])
    assert browser.text("h1").strip().startswith(PERSON)
    timeline = browser.js("Array.from(document.querySelectorAll('table.timeline tbody tr')).map(r => r.innerText)")
    assert timeline, "the person page shows no timeline"
    posts = " ".join(timeline)
    for post in ("Phó Bí thư", "Chủ tịch"):
        assert post in posts, f"{post!r} not in the timeline: {timeline}"
    data = browser.screenshot(SHOTS / "person.png", PHONE[0], mobile=True)
    assert is_png(data, PHONE[0])


def test_named_query_from_form(service, browser):
    browser.size(*DESKTOP)
    browser.goto(service + "/queries")
    assert "Named queries" in browser.text("h1")
    browser.click('a[href="/queries/person-timeline"]')
    assert browser.url().endswith("/queries/person-timeline")
    assert browser.js("document.querySelectorAll('table.results').length") == 0
    browser.type_into("#p-name", PERSON)
    browser.click('form.query button[type="submit"]')
    assert "name=" in browser.url()
    header = browser.js("Array.from(document.querySelectorAll('table.results thead th')).map(th => th.innerText)")
    assert header == ["person", "observed", "position", "source"]
    rows = browser.js("Array.from(document.querySelectorAll('table.results tbody tr'))"
                      ".map(r => Array.from(r.cells).map(c => c.innerText))")
    assert rows and all(row[0] == PERSON for row in rows)
    assert any("Chủ tịch" in row[2] for row in rows), rows
    assert f"{len(rows)} dòng" in browser.text("main")
    data = browser.screenshot(SHOTS / "query.png", DESKTOP[0], mobile=False)
    assert is_png(data, DESKTOP[0])
