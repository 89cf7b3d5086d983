from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StorageConfig(AppConfig):
    name = "socialstyring.storage"
    label = "storage"
    verbose_name = _("Data")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from socialstyring.storage import summaries, versions
        from socialstyring.storage.models import (
            Account,
            Budget,
            BufferPool,
            CaseReview,
            Grant,
            Posting,
            Provider,
            Snapshot,
            SnapshotLine,
        )

        # Imports raise the version in frames.save; a row saved one at a time (the admin,
        # a script) raises it too, so no worker keeps serving cached frames without it.
        def changed(sender, instance, **_kwargs) -> None:
            versions.bump([instance.municipality])
            if sender is Posting:
                summaries.refresh_posting_days([instance.municipality])

        for model in (Grant, Budget, Posting, Provider):
            uid = f"version-{model.__name__}"
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-d")

        # What users edit on the pages draws a new version of the edits (versions.EDITS),
        # so the small state cached beside the figures is read again on every worker.
        # Bulk writes (update(), bulk_create()) send no signal: they bump it themselves.
        def edited(sender, instance, **_kwargs) -> None:
            versions.bump_edits()

        for edits in (Account, CaseReview, BufferPool, Snapshot, SnapshotLine):
            uid = f"edits-{edits.__name__}"
            post_save.connect(edited, sender=edits, weak=False, dispatch_uid=uid)
            post_delete.connect(edited, sender=edits, weak=False, dispatch_uid=f"{uid}-d")
