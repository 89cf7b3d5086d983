"""How a command's process ends (``cli.main.end``): without Python's teardown of its
modules, but with everything a normal exit does for the program."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "socialstyring.cli.main"]


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60
    )


def test_the_exit_handlers_run_the_output_is_flushed_and_the_code_is_kept():
    done = _python(
        """
        import atexit
        atexit.register(lambda: print("handler ran"))
        from socialstyring.cli.main import end
        print("output", end=" ")
        end(4)
        """
    )
    assert done.returncode == 4
    assert done.stdout == "output handler ran\n"


def test_a_thread_still_running_is_waited_for_by_a_normal_exit():
    done = _python(
        """
        import threading, time
        from socialstyring.cli.main import end
        threading.Thread(target=lambda: (time.sleep(0.3), print("thread done"))).start()
        end(0)
        """
    )
    assert done.returncode == 0
    assert done.stdout == "thread done\n"


def test_a_command_closes_its_sqlite_database_before_the_process_ends(examples, tmp_path):
    env = {**os.environ, "SOCIALSTYRING_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    env.pop("SOCIALSTYRING_DEBUG", None)
    files = sorted((examples / "kommune-dk").glob("*.csv"))
    done = subprocess.run(
        [*CLI, "import", *map(str, files)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    database = Path(tmp_path) / "socialstyring.sqlite3"
    assert database.exists()
    # The last connection's close checkpoints the write-ahead log and removes it.
    assert not database.with_name("socialstyring.sqlite3-wal").exists()


@pytest.mark.parametrize("args, code", [(["--help"], 0), (["nosuch"], 2)])
def test_the_command_line_keeps_its_exit_codes(args, code, tmp_path):
    env = {**os.environ, "SOCIALSTYRING_DATA_DIR": str(tmp_path)}
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == code
