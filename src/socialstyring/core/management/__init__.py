"""Management's figures: appeals' reversal rate, key figures per inhabitant and per
caseworker, and the status of an action plan's targets (docs/management.md)."""
