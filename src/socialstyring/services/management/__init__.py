"""Management's use cases: appeals (``appeals``), key figures (``key_figures``), action
plans and their status report (``plans``, ``status_report``). docs/management.md."""
