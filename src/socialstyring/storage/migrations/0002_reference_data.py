"""Load the shipped reference data into the editable tables."""

from django.db import migrations

from socialstyring import reference
from socialstyring.storage import migration_steps as steps


def load(apps, schema_editor):
    tables = [
        ("Account", reference.chart_of_accounts()),
        ("Municipality", reference.municipalities()),
        ("ParagraphMapping", reference.paragraph_mappings()),
        ("RefundThreshold", reference.refund_thresholds()),
    ]
    for model_name, frame in tables:
        model = apps.get_model("storage", model_name)
        fields = {f.name for f in model._meta.get_fields()}
        rows = [{k: (v if v is not None else "") for k, v in row.items() if k in fields} for row in frame.to_dicts()]
        model.objects.bulk_create([model(**row) for row in rows])


def unload(apps, schema_editor):
    for model_name in ("Account", "Municipality", "ParagraphMapping", "RefundThreshold"):
        apps.get_model("storage", model_name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("storage", "0001_initial")]
    operations = [steps.RunPython(load, unload)]
