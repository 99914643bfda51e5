#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Refresh the README screenshots from a running demo server (`make run`).

    python scripts/take_screenshots.py [--url http://localhost:8069] [--db sales_demo]

Logs in as the demo users, opens each screen in headless Chromium (Chrome DevTools
protocol through websocket-client) and writes PNG files under docs/screenshots/.
"""

import argparse
import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

REPO = Path(__file__).resolve().parent.parent
SHOTS = [
    ("authority-matrix", "gm", "/odoo/action-sales_doc_control.sales_authority_matter_action"),
    ("quotations-to-review", "supervisor", "/odoo/action-sales_doc_control.sale_order_to_review_action"),
    ("document-register", "salesmanager", "/odoo/action-sales_doc_control.sales_document_action"),
    ("violation-register", "salesmanager", "/odoo/action-sales_doc_control.sales_violation_action"),
]


def login(url, db, user):
    payload = json.dumps({"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": user}}).encode()
    request = urllib.request.Request(f"{url}/web/session/authenticate", payload, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        cookie = response.headers.get("Set-Cookie", "")
    return cookie.split("session_id=", 1)[1].split(";", 1)[0]


class Browser:
    def __init__(self, port=9333):
        self.profile = tempfile.mkdtemp(prefix="sct-chromium-")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        self.process = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                "--window-size=1440,900",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
                    pages = [t for t in json.load(response) if t["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        self.socket = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=30)
        self.counter = 0

    def call(self, method, **params):
        self.counter += 1
        self.socket.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.counter:
                return message.get("result", {})

    def wait_for(self, selector, timeout=120):
        """The web client builds its assets on first use and loads its data after the page."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            result = self.call("Runtime.evaluate", expression=f"!!document.querySelector({selector!r})")
            if result.get("result", {}).get("value"):
                return
            time.sleep(1)
        raise TimeoutError(f"{selector} did not appear within {timeout}s")

    def close(self):
        self.socket.close()
        self.process.terminate()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="sales_demo")
    args = parser.parse_args()
    target = REPO / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    for name, user, path in SHOTS:
        # A fresh browser per user: the web client warns when the session changes under it.
        browser = Browser()
        try:
            browser.call("Network.enable")
            session = login(args.url, args.db, user)
            browser.call("Network.setCookie", name="session_id", value=session, url=args.url)
            browser.call("Page.navigate", url=f"{args.url}{path}")
            browser.wait_for(".o_action_manager .o_view_controller")
            time.sleep(2)  # let the rows render
            image = browser.call("Page.captureScreenshot", format="png")["data"]
            (target / f"{name}.png").write_bytes(base64.b64decode(image))
            print(f"docs/screenshots/{name}.png ({user})")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
