"""Docs enforced by tests: every setting, CLI command and role is documented."""

from __future__ import annotations

import re
from pathlib import Path

from click import Group

from socialstyring.cli.main import main
from socialstyring.services.roles import ACTIONS, ROLE_CHOICES

ROOT = Path(__file__).resolve().parents[1]


def test_every_environment_setting_is_documented():
    settings = (ROOT / "src/socialstyring/web/settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|list|int|code)\("([A-Z_]+)"', settings)) | {
        "DATABASE_URL"
    }
    documented = (ROOT / "docs/settings.md").read_text()
    assert names, "no settings found"
    assert [n for n in sorted(names) if f"`{n}`" not in documented] == []


def test_every_cli_command_is_documented():
    assert isinstance(main, Group)
    documented = (ROOT / "docs/cli.md").read_text()
    assert [c for c in main.commands if f"`socialstyring {c}" not in documented] == []


def test_every_role_and_action_is_documented():
    documented = (ROOT / "docs/roles.md").read_text()
    assert [label for _, label in ROLE_CHOICES if label not in documented] == []
    assert [code for code in ACTIONS if f"`{code}`" not in documented] == []
