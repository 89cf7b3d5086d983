"""Settings come from environment variables through these strict helpers:
a bad value stops start-up with a message that names the variable."""

from __future__ import annotations

import os


class SettingError(RuntimeError):
    pass


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise SettingError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {raw!r}") from None
    if value <= 0:
        raise SettingError(f"{name} must be positive, not {raw!r}")
    return value


def env_code(name: str) -> str:
    """A three-digit municipality code (kommunekode), or "" when unset."""
    raw = os.environ.get(name, "").strip()
    if raw and not (len(raw) == 3 and raw.isdigit()):
        raise SettingError(f"{name} must be a three-digit kommunekode, not {raw!r}")
    return raw


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
