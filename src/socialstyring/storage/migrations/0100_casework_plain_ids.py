# The focus tables refer to teams by name (as the grants do) and to focus areas by plain
# ids: django-stubs cannot follow a relation between two scoped-manager models.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('storage', '0099_join_capabilities'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='cohortgrant', name='focus_cohort_grant'),
        migrations.RemoveField(model_name='cohortgrant', name='area'),
        migrations.AddField(
            model_name='cohortgrant',
            name='area_id',
            field=models.BigIntegerField(db_index=True, default=0),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name='cohortgrant',
            index=models.Index(fields=['area_id', 'grant_id'], name='focus_cohort_grant'),
        ),
        migrations.AddField(
            model_name='cohortgrant',
            name='start',
            field=models.DateField(null=True),
        ),
        migrations.RemoveField(model_name='casereview', name='focus_area'),
        migrations.AddField(
            model_name='casereview',
            name='focus_area_id',
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.RemoveField(model_name='focusrule', name='team'),
        migrations.AddField(
            model_name='focusrule',
            name='team',
            field=models.CharField(blank=True, max_length=100, verbose_name='team'),
        ),
        migrations.RemoveField(model_name='focusarea', name='team'),
        migrations.AddField(
            model_name='focusarea',
            name='team',
            field=models.CharField(blank=True, max_length=100, verbose_name='team'),
        ),
    ]
