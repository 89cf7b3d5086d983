"""Joins the capabilities' migrations, which were written side by side on 0007 and touch
separate tables; later migrations depend on this one."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("storage", "0008_casework"),
        ("storage", "0008_model_names"),
        ("storage", "0010_economics"),
        ("storage", "0011_regional"),
        ("storage", "0012_management"),
        ("storage", "0014_performance"),
    ]
    operations: list = []
