"""Production as deployed: `socialstyring serve` behind nginx terminating TLS on loopback,
and a real browser logging in over https.

This is the test of the documented deployment (docs/settings.md): without the trusted
proxy, waitress drops X-Forwarded-Proto, every request looks like plain http, the app
redirects to https for ever and the login POST fails the origin check."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PASSWORD = "fjordhest-kaffekande-oktober-91"
pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists(),
    reason="nginx is not installed (make browser installs Debian's nginx-light)",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, what: str) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise AssertionError(
                f"{what} stopped: {process.stdout.read() if process.stdout else ''}"
            )
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"{what} did not start on port {port}")


@pytest.fixture
def production(tmp_path) -> Iterator[str]:
    """The app in production mode on SQLite, one finance user, nginx in front: the https URL."""
    env = {
        **os.environ,
        "SOCIALSTYRING_DATA_DIR": str(tmp_path / "data"),
        "SOCIALSTYRING_PRODUCTION": "true",
        "SOCIALSTYRING_SECRET_KEY": secrets.token_urlsafe(60),
        "SOCIALSTYRING_PSEUDONYM_KEY": secrets.token_hex(32),
        "SOCIALSTYRING_ALLOWED_HOSTS": "localhost",
        "SOCIALSTYRING_TRUSTED_PROXY": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "socialstyring.web.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("SOCIALSTYRING_DEBUG", None)
    cli = [sys.executable, "-m", "socialstyring.cli.main"]
    subprocess.run([*cli, "init"], env=env, check=True, capture_output=True, timeout=120)
    make_user = (
        "import django; django.setup()\n"
        "from django.contrib.auth.models import User\n"
        "from socialstyring.storage import tenancy\n"
        "from socialstyring.storage.models import Membership\n"
        "with tenancy.activate(tenancy.default_code(), database=False):\n"
        f"    user = User.objects.create_user('oekonomi', password={PASSWORD!r})\n"
        "    Membership.objects.create(user=user, role='finance')\n"
    )
    subprocess.run([sys.executable, "-c", make_user], env=env, check=True, timeout=120)

    app_port, tls_port = _free_port(), _free_port()
    app = subprocess.Popen(
        [*cli, "serve", "--host", "127.0.0.1", "--port", str(app_port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    cert, key = tmp_path / "tls.crt", tmp_path / "tls.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    temp = tmp_path / "nginx"
    temp.mkdir()
    user = "user root;" if os.geteuid() == 0 else ""
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"""{user}
daemon off;
pid {temp}/nginx.pid;
error_log {temp}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    server {{
        listen 127.0.0.1:{tls_port} ssl;
        ssl_certificate {cert};
        ssl_certificate_key {key};
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $remote_addr;
        }}
    }}
}}
""",
        encoding="utf-8",
    )
    proxy = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(temp)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(app_port, app, "socialstyring serve")
        _wait_for(tls_port, proxy, "nginx")
        yield f"https://localhost:{tls_port}"
    finally:
        for process in (proxy, app):
            process.terminate()
            process.wait(timeout=10)


def test_a_user_logs_in_over_https_through_the_proxy(browser, production):
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    response = page.goto(production + "/login/")
    assert response is not None and response.status == 200
    assert page.url == production + "/login/"  # no redirect loop
    hsts = response.headers.get("strict-transport-security", "")
    assert "max-age=31536000" in hsts
    page.fill("#id_username", "oekonomi")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "/login/" not in page.url
    assert page.url.startswith(production)
    assert page.locator("h1").first.inner_text().startswith("Forventet regnskab")
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"]
    assert cookies["csrftoken"]["secure"]
    context.close()
