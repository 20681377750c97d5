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

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.chromium import Browser, find_chromium

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SHOTS = Path(os.environ.get("KG_SCREENSHOTS") or tempfile.mkdtemp(prefix="kg-screenshots-"))
PERSON = "Lê Duy Thành"
PHONE = (412, 900)
DESKTOP = (1280, 900)


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed (apt-get install chromium)")


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
    assert header == ["person", "observed", "position", "former", "source"]
    rows = browser.js("Array.from(document.querySelectorAll('table.results tbody tr'))"
                      ".map(r => Array.from(r.cells).map(c => c.innerText))")
    assert rows and all(row[0] == PERSON for row in rows)
    assert any("Chủ tịch" in row[2] for row in rows), rows
    assert f"{len(rows)} dòng" in browser.text("main")
    data = browser.screenshot(SHOTS / "query.png", DESKTOP[0], mobile=False)
    assert is_png(data, DESKTOP[0])
