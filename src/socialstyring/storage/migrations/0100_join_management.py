"""Joins management's migration (0012) with case-steering's (merged into this branch for the
rule measure of action-plan targets); both were written side by side on 0007 and touch
separate tables. The coordinator re-chains them at merge."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("storage", "0012_management"),
        ("storage", "0008_casework"),
    ]
    operations: list = []
