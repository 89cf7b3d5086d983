"""Take docs/overview.png: the overview of the demo municipality as the finance user sees it.

Loads the demo municipality into a throw-away SQLite data directory (``socialstyring demo``),
starts ``socialstyring serve`` on a free port, logs in as ``oekonomi`` in headless Chromium
(Debian's, no browser download) at 1400×1000 and saves a full-page screenshot. The server
and the data directory are gone afterwards.

    .venv/bin/python scripts/screenshot.py [--as-of 2026-05-31] [--output docs/overview.png]
        [--more FOLDER]

``--more FOLDER`` also saves the login, the grant list, two forms and the admin there, to
look at the design system's pages beside the overview.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("socialstyring")
    if script.exists():
        return [str(script)]
    found = shutil.which("socialstyring")
    if found:
        return [found]
    sys.exit("socialstyring is not installed in this Python (pip install -e .)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"socialstyring serve stopped with exit code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    sys.exit(f"socialstyring serve did not answer on {url} within {timeout:.0f} s")


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("demo")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def _more(browser, base: str, folder: Path, period: str) -> None:
    """The grant list, a form and the admin, each as a full-page picture in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=VIEWPORT, locale="da-DK")
    page.goto(f"{base}/login/")
    page.screenshot(path=str(folder / "login.png"))
    _login(page, base, "oekonomi")
    for name, path in (
        ("grants", f"/bevillinger/?{period}"),
        ("form", "/oekonomi/scenarier/ny/"),
        ("snapshot-form", f"/opfoelgning/ny/?{period}"),
    ):
        page.goto(f"{base}{path}")
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    page.close()
    page = browser.new_page(viewport=VIEWPORT, locale="da-DK")
    _login(page, base, "admin")
    for name, path in (("admin", "/admin/"), ("admin-users", "/admin/auth/user/")):
        page.goto(f"{base}{path}")
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    page.close()


def screenshot(output: Path, as_of: str | None, chromium: str, more: Path | None = None) -> None:
    from playwright.sync_api import sync_playwright

    cli = _cli()
    with tempfile.TemporaryDirectory(prefix="socialstyring-shot-") as data_dir:
        env = {**os.environ, "SOCIALSTYRING_DATA_DIR": data_dir}
        env.pop("DATABASE_URL", None)  # always the throw-away SQLite database
        demo = [*cli, "demo", *(["--as-of", as_of] if as_of else [])]
        subprocess.run(demo, env=env, check=True, stdout=subprocess.DEVNULL)

        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [*cli, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_until_up(f"{base}/login/", server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport=VIEWPORT, locale="da-DK")
                page.goto(f"{base}/login/")
                page.get_by_label("Brugernavn").fill("oekonomi")
                page.get_by_label("Adgangskode").fill("demo")
                page.get_by_role("button", name="Log ind").click()
                page.wait_for_url("**/oversigt/**")
                if as_of:  # the page defaults to today; show the day the data was drawn up to
                    page.goto(f"{base}/oversigt/?year={as_of[:4]}&as_of={as_of}")
                page.locator("#overview-table").wait_for()
                page.locator("svg").first.wait_for()
                output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(output), full_page=True)
                if more is not None:
                    period = f"year={as_of[:4]}&as_of={as_of}" if as_of else ""
                    _more(browser, base, more, period)
                browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    print(f"Wrote {output}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "overview.png")
    parser.add_argument("--as-of", help="the demo's as-of date, YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--chromium",
        default=os.environ.get("SOCIALSTYRING_CHROMIUM")
        or shutil.which("chromium")
        or "/usr/bin/chromium",
    )
    parser.add_argument("--more", type=Path, help="also the grant list, a form and the admin")
    args = parser.parse_args()
    more = args.more.resolve() if args.more else None
    screenshot(args.output.resolve(), args.as_of, args.chromium, more)


if __name__ == "__main__":
    main()
