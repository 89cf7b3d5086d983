"""``socialstyring serve`` and ``socialstyring worker``: the web app in one or several
processes, and the worker that runs big uploads in the background.

One process (the default) is waitress with threads, as on every platform. With
``--workers N`` above 1 (Linux, macOS) gunicorn pre-forks N processes, each with
``--threads`` threads: the web tier keeps no state but caches, so a municipality or a
region scales out by adding processes, or machines behind a load balancer on one
PostgreSQL. ``serve`` also starts one background worker unless told not to.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import click

from socialstyring.cli.common import database, out
from socialstyring.translation import _


@contextmanager
def background_worker(enabled: bool) -> Iterator[None]:
    """``socialstyring worker`` as a child process for as long as the server runs."""
    if not enabled:
        yield
        return
    command = [sys.executable, "-m", "socialstyring.cli.main", "worker"]
    child = subprocess.Popen([*command, "--parent", str(os.getpid())])
    # A stop by signal ends the server through Python, so the worker is stopped with it.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
    try:
        yield
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()


def _waitress(host: str, port: int, threads: int) -> None:
    import waitress
    from django.conf import settings

    from socialstyring.web.wsgi import application

    waitress.serve(
        application,
        host=host,
        port=port,
        threads=threads,
        ident="socialstyring",
        # Also a chunked body without a length stops at the upload limit.
        max_request_body_size=settings.MAX_UPLOAD_BYTES,
        **_waitress_proxy(),
    )


def _waitress_proxy() -> dict:
    """waitress trusts the forwarding headers of the configured proxy only; without one it
    strips them, so a client cannot claim https."""
    from django.conf import settings

    if not settings.TRUSTED_PROXY:
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"},
        "clear_untrusted_proxy_headers": True,
    }


def gunicorn_options(host: str, port: int, workers: int, threads: int) -> dict:
    from django.conf import settings

    return {
        "bind": [f"{host}:{port}"],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        # A big import runs as a background job, so no request needs long.
        "timeout": 120,
        # Forwarding headers only from the configured proxy (none: from no one).
        "forwarded_allow_ips": settings.TRUSTED_PROXY or "",
        "secure_scheme_headers": {"X-FORWARDED-PROTO": "https"},
        "proc_name": "socialstyring",
        "accesslog": None,
    }


FORWARDED = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST")


def trusting_proxy(application, proxy: str):
    """What waitress does with ``trusted_proxy``, for gunicorn: the forwarding headers of
    the configured proxy are believed (client address and host taken from them), everyone
    else's are removed, so no client can claim https (Django reads X-Forwarded-Proto)."""

    def app(environ, start_response):
        if proxy and environ.get("REMOTE_ADDR") == proxy:
            client = environ.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
            if client:
                environ["REMOTE_ADDR"] = client
            if environ.get("HTTP_X_FORWARDED_HOST"):
                environ["HTTP_HOST"] = environ["HTTP_X_FORWARDED_HOST"]
        else:
            for header in FORWARDED:
                environ.pop(header, None)
        return application(environ, start_response)

    return app


def _gunicorn(options: dict) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from django.conf import settings

            from socialstyring.web.wsgi import application

            return trusting_proxy(application, settings.TRUSTED_PROXY)

    Server().run()


def serve(host: str, port: int, threads: int, workers: int, worker: bool) -> None:
    with database():
        pass  # refuses a database that is behind, before anyone logs in
    from django.db import connections

    connections.close_all()  # no connection may be shared by forked processes
    out.print(
        _("Socialstyring runs at %(url)s  (stop with Ctrl+C)") % {"url": f"http://{host}:{port}/"},
        markup=False,
        highlight=False,
    )
    with background_worker(worker):
        if workers > 1 and os.name == "posix":
            _gunicorn(gunicorn_options(host, port, workers, threads))
        else:
            _waitress(host, port, threads)


@click.command(
    "worker",
    help=_("Import big uploads in the background (the jobs the web app has queued)."),
)
@click.option("--once", is_flag=True, help=_("Run at most one job, then stop."))
@click.option("--parent", type=int, hidden=True)  # serve's process: stop when it is gone
def worker_command(once: bool, parent: int | None) -> None:
    """Run queued import jobs."""
    with database():
        pass
    from socialstyring.services import jobs

    if once:
        done = jobs.handle_one()
        if done is not None:
            out.print(f"{done.id}: {done.get_state_display()}", markup=False, highlight=False)
        return
    with suppress(KeyboardInterrupt):
        jobs.work(keep_going=lambda: parent is None or os.getppid() == parent)
