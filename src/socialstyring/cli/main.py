"""``socialstyring`` — the command group; each command lives in its own module."""

from __future__ import annotations

import os
import sys

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


if __name__ == "__main__":
    run()
