"""Where an installation lives and how it is set up: the data folder, the keys, migrations."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "socialstyring.cli.main"]
HEADER = "bevilling_id;borger_id;område;paragraf;konto;startdato;pris;prisenhed\n"


def run(*args: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    for name in ("SOCIALSTYRING_DEBUG", "SOCIALSTYRING_PSEUDONYM_KEY"):
        environment.pop(name, None)
    environment.setdefault("SOCIALSTYRING_DATA_DIR", "")
    if not environment["SOCIALSTYRING_DATA_DIR"]:
        del environment["SOCIALSTYRING_DATA_DIR"]
    return subprocess.run(
        [*CLI, *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
    )


def citizen_ids(data_dir: Path) -> dict[str, str]:
    """grant id → stored citizen id, read straight from the database."""
    url = os.environ.get("DATABASE_URL")
    query = "SELECT grant_id, citizen_id FROM ss_grant"
    if url:
        import psycopg

        with psycopg.connect(url) as conn:
            return dict(conn.execute(query).fetchall())
    with sqlite3.connect(data_dir / "socialstyring.sqlite3") as conn:
        return dict(conn.execute(query).fetchall())


def grant_file(folder: Path, grant_id: str, citizen: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bevillinger.csv"
    path.write_text(
        HEADER + f"{grant_id};{citizen};voksen;SEL § 85;5.38.38;01-01-2026;1000;dag\n",
        encoding="utf-8",
    )
    return path


def test_the_same_cpr_from_two_working_directories_is_one_citizen(tmp_path):
    # No data folder named: the installation is found in the user's data folder.
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg"), "SOCIALSTYRING_DATA_DIR": ""}
    first, second = tmp_path / "a", tmp_path / "b" / "deeper"
    done = run("import", grant_file(first, "G1", "180619-4167"), cwd=first, env=env)
    assert done.returncode == 0, done.stderr
    assert "Ny installation" in done.stderr  # a newcomer's first import sets everything up
    done = run("import", grant_file(second, "G2", "1806194167"), cwd=second, env=env)
    assert done.returncode == 0, done.stderr
    data_dir = tmp_path / "xdg" / "socialstyring"
    ids = citizen_ids(data_dir)
    assert set(ids) == {"G1", "G2"}
    assert ids["G1"] == ids["G2"] and ids["G1"].startswith("PS-")
    assert (data_dir / "pseudonym.key").is_file()
    assert not (first / "var").exists() and not (second / "var").exists()


def test_another_pseudonym_key_is_refused_instead_of_making_new_citizens(tmp_path):
    env = {"SOCIALSTYRING_DATA_DIR": str(tmp_path / "data")}
    assert (
        run("import", grant_file(tmp_path, "G1", "180619-4167"), cwd=tmp_path, env=env).returncode
        == 0
    )
    (tmp_path / "data" / "pseudonym.key").write_text("0" * 64)
    done = run("import", grant_file(tmp_path, "G2", "180619-4167"), cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert "passer ikke til databasen" in done.stderr and "Traceback" not in done.stderr
    assert set(citizen_ids(tmp_path / "data")) == {"G1"}


def test_a_database_behind_the_code_is_refused_until_migrate(tmp_path):
    env = {"SOCIALSTYRING_DATA_DIR": str(tmp_path / "data")}
    assert run("init", cwd=tmp_path, env=env).returncode == 0
    rollback = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', 'storage', '0005', verbosity=0)"
    )
    subprocess.run(
        [sys.executable, "-c", rollback],
        check=True,
        cwd=tmp_path,
        timeout=120,
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "socialstyring.web.settings"},
    )
    done = run("forecast", "--year", "2026", "--as-of", "2026-05-31", cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert "socialstyring migrate" in done.stderr
    assert run("migrate", cwd=tmp_path, env=env).returncode == 0
    done = run("forecast", "--year", "2026", "--as-of", "2026-05-31", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr


def test_loading_the_settings_writes_nothing(tmp_path):
    data_dir = tmp_path / "nowhere"
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATA_DIR, bool(settings.SECRET_KEY))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={
            **os.environ,
            "SOCIALSTYRING_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "socialstyring.web.settings",
        },
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(data_dir), "True"]
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_municipality_code_is_refused(tmp_path):
    env = {"SOCIALSTYRING_DATA_DIR": str(tmp_path / "data")}
    done = run("import", "--kommune", "999", grant_file(tmp_path, "G1", "x"), cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert "999" in done.stderr and "findes ikke" in done.stderr
