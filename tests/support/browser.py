"""Headless Chromium driven over its DevTools protocol (a websocket, JSON commands): open pages,
collect console errors, click links, read fonts used, take screenshots. Debian's `chromium`; no
browser download, no Playwright."""
from __future__ import annotations

import base64
import itertools
import json
import re
import subprocess
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


class Browser:
    """One headless Chromium with one tab; `errors` collects what its console said at error level."""

    def __init__(self, profile: Path, width: int = 1200, height: int = 900):
        if not CHROMIUM.exists():
            pytest.skip("chromium absent: `apt-get install -y chromium` (.ci/run installs it)")
        from websockets.sync.client import connect

        self.proc = subprocess.Popen(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url, deadline = None, time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                raise RuntimeError("chromium exited before listening")
            found = LISTENING.search(line)
            url = found.group(1) if found else None
        if url is None:
            raise RuntimeError("chromium did not start its DevTools endpoint")
        self.ws = connect(url, max_size=64 * 1024 * 1024, open_timeout=30)
        self.ids = itertools.count(1)
        self.events: list[dict] = []
        self.errors: list[str] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "DOM", "CSS"):
            self.call(f"{domain}.enable", session=True)
        self.resize(width, height)

    def call(self, method: str, params: dict | None = None, session: bool = False, timeout: float = 60) -> dict:
        ident = next(self.ids)
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if reply.get("id") == ident:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._event(reply)

    def _event(self, event: dict) -> None:
        self.events.append(event)
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            self.errors.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.errors.append(f"{params['entry'].get('source')}: {params['entry']['text']}")

    def _wait_for(self, method: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            event = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if "id" not in event:
                self._event(event)
                if event.get("method") == method and event.get("sessionId") == self.session:
                    return
        raise TimeoutError(f"no {method} within {timeout} s")

    def resize(self, width: int, height: int) -> None:
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                         "mobile": width < 600}, session=True)

    def open(self, url: str) -> None:
        """Load `url` and wait until it has loaded."""
        self.call("Page.navigate", {"url": url}, session=True)
        self._wait_for("Page.loadEventFired")

    def click(self, selector: str) -> None:
        """Click the first element matching `selector` and wait for the page it leads to."""
        clicked = self.js(f"(() => {{ const a = document.querySelector({json.dumps(selector)}); "
                          f"if (!a) return false; a.click(); return true; }})()")
        assert clicked, f"nothing matches {selector} on {self.js('location.href')}"
        self._wait_for("Page.loadEventFired")

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        return result["result"].get("value")

    def fonts(self, selector: str) -> list[str]:
        """Font families the browser used to draw the first element matching `selector`."""
        root = self.call("DOM.getDocument", {"depth": 0}, session=True)["root"]["nodeId"]
        node = self.call("DOM.querySelector", {"nodeId": root, "selector": selector}, session=True)["nodeId"]
        assert node, f"nothing matches {selector}"
        found = self.call("CSS.getPlatformFontsForNode", {"nodeId": node}, session=True)["fonts"]
        return [f["familyName"] for f in found if f.get("glyphCount")]

    def screenshot(self, path: Path, width: int, max_height: int = 4000) -> Path:
        """The whole page (up to `max_height` px) at `width`, as a PNG."""
        self.resize(width, 800)
        height = min(max_height, int(self.js("document.documentElement.scrollHeight")) or 800)
        self.resize(width, height)
        shot = self.call("Page.captureScreenshot", {"format": "png"}, session=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
