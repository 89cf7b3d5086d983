"""Objective financing of offers and the agreement's shared tasks (docs/regional.md)."""

from django.db import migrations, models

from socialstyring.storage import policies


class Migration(migrations.Migration):
    dependencies = [("storage", "0101_row_hashes_for_new_kinds")]

    operations = [
        migrations.CreateModel(
            name="ObjectiveFinancing",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("region_code", models.CharField(max_length=4, verbose_name="region code")),
                ("offer_id", models.CharField(max_length=64, verbose_name="offer")),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                ("first_year", models.IntegerField(verbose_name="first year")),
                ("last_year", models.IntegerField(verbose_name="last year")),
                ("objective_pct", models.FloatField(default=100.0, verbose_name="objectively financed share (%)")),
                ("amount", models.FloatField(blank=True, null=True, verbose_name="amount")),
                ("municipalities", models.CharField(blank=True, max_length=400, verbose_name="municipalities")),
            ],
            options={"db_table": "ss_objective_financing", "ordering": ["offer_id", "first_year"]},
        ),
        policies.tenant_tables(shared=("ss_objective_financing",), sequences=True),
    ]
