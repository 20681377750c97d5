"""Headless Debian chromium for the tests, driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: NUL-separated JSON on file descriptors 3 and 4), so no driver
binary and no websocket client are needed."""
from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

STEP = 30.0  # seconds any one browser step may take


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


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
