"""serve --workers: gunicorn's options and the proxy rule it shares with waitress."""

from __future__ import annotations

from socialstyring.cli.serving import gunicorn_options, trusting_proxy


def _seen(proxy: str, environ: dict) -> dict:
    seen: dict = {}

    def app(env, _start):
        seen.update(env)
        return []

    trusting_proxy(app, proxy)(environ, None)
    return seen


def test_a_client_cannot_claim_https_or_another_address():
    env = _seen(
        "127.0.0.1",
        {
            "REMOTE_ADDR": "10.0.0.9",
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_X_FORWARDED_FOR": "1.2.3.4",
        },
    )
    assert "HTTP_X_FORWARDED_PROTO" not in env and "HTTP_X_FORWARDED_FOR" not in env
    assert env["REMOTE_ADDR"] == "10.0.0.9"


def test_the_trusted_proxy_is_believed():
    env = _seen(
        "127.0.0.1",
        {
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_X_FORWARDED_FOR": "5.6.7.8, 10.1.1.1",
            "HTTP_X_FORWARDED_HOST": "socialstyring.kommune.dk",
        },
    )
    assert env["HTTP_X_FORWARDED_PROTO"] == "https"
    assert env["REMOTE_ADDR"] == "10.1.1.1"
    assert env["HTTP_HOST"] == "socialstyring.kommune.dk"


def test_without_a_proxy_nobody_is_believed():
    env = _seen("", {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https"})
    assert "HTTP_X_FORWARDED_PROTO" not in env


def test_gunicorn_runs_the_asked_processes_and_threads(settings):
    settings.TRUSTED_PROXY = ""
    options = gunicorn_options("127.0.0.1", 8001, 3, 4)
    assert options["bind"] == ["127.0.0.1:8001"]
    assert (options["workers"], options["threads"], options["worker_class"]) == (3, 4, "gthread")
    assert options["forwarded_allow_ips"] == ""


def test_serve_with_two_workers_answers_from_two_processes(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "SOCIALSTYRING_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    command = [sys.executable, "-m", "socialstyring.cli.main", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", "2", "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2) as r:
                    assert r.status == 200 and "Log ind" in r.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server never answered")
        children = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        assert len(children) == 2  # gunicorn's two pre-forked workers
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Booting worker" in errors
