# A review outcome keeps its wind-down day (the forecast's decided column needs it) and the
# day an import first showed it in the grants (registered in the case system).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("storage", "0101_row_hashes_for_new_kinds"),
    ]

    operations = [
        migrations.AddField(
            model_name="casereview",
            name="wind_down",
            field=models.DateField(blank=True, null=True, verbose_name="wind-down day"),
        ),
        migrations.AddField(
            model_name="casereview",
            name="registered_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="registered in the case system"
            ),
        ),
    ]
