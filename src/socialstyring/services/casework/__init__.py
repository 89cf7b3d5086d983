"""Case steering: focus rules and their hits, focus areas, case reviews and approvals
(docs/casework.md)."""
