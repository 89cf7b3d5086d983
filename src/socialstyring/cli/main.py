"""``socialstyring`` — the command group; each command lives in its own module."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn

import click

from socialstyring.cli import (
    casework,
    data,
    economics,
    installation,
    management,
    projection,
    refunds,
    regional,
    serving,
)
from socialstyring.cli.common import err
from socialstyring.errors import SetupError
from socialstyring.translation import _


# Help texts are given as ``help=`` (translated); the docstrings are for developers.
@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("Socialstyring: finances and cases in the specialised social services."),
)
def main() -> None:
    """The ``socialstyring`` command group."""


for command in (
    data.import_command,
    data.forecast_command,
    installation.demo_command,
    installation.init_command,
    installation.migrate_command,
    installation.serve_command,
    management.appeals_command,
    casework.focus_command,
    refunds.refund_command,
    economics.scenario_command,
    projection.backtest_command,
    regional.tariff_command,
    serving.worker_command,
):
    main.add_command(command)


def run() -> None:
    """Entry point that never shows a traceback to a user."""
    try:
        _run()
    except SystemExit as done:  # click ends every command so, a failed one too
        if done.code is None or isinstance(done.code, int):
            end(done.code or 0)
        raise


def _run() -> None:
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except SetupError as exc:
        err.print(str(exc), markup=False, highlight=False)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - last line of defence
        if os.environ.get("SOCIALSTYRING_DEBUG"):
            raise
        err.print(
            _("Unexpected error: %(type)s: %(error)s") % {"type": type(exc).__name__, "error": exc},
            markup=False,
        )
        sys.exit(3)


def end(code: int) -> NoReturn:
    """End a finished command's process without Python's teardown of its modules: with
    polars, pyarrow and Django loaded that took 0,25 s of a 1 s forecast, and none of it
    is work a finished command needs. What a normal exit does for the program is still
    done first: the exit handlers (logging's flush, finalizers), the database connections
    closed, the output flushed. While another thread still runs, the exit is the normal
    one, which waits for it."""
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    if any(t.is_alive() and not t.daemon for t in others):
        sys.exit(code)
    atexit._run_exitfuncs()
    conf = sys.modules.get("django.conf")  # not imported by a command without a database
    if conf is not None and conf.settings.configured:
        from django.db import connections

        connections.close_all()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (``| head``)
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
