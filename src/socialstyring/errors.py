"""Errors every face shows the same way: a Danish message that says what to do."""


class SetupError(RuntimeError):
    """The installation cannot do this yet (keys, database version, municipality)."""
