"""Joins the migrations that capabilities wrote side by side on 0101."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("storage", "0102_casework_decisions"),
        ("storage", "0103_projection_snapshots"),
        ("storage", "0104_regional_financing"),
    ]
    operations: list = []
