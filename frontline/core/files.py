"""Files belong to their row: when a Frontline row with file fields is deleted (by a user, a service or
retention purging), its stored files are deleted too, once the transaction commits (a rolled-back
delete keeps them). Uploaded spreadsheets, photos and evidence hold personal data and must not
outlive the record that justified keeping them."""

from django.db import transaction
from django.db.models import FileField
from django.db.models.signals import post_delete


def _delete_files(sender, instance, **kwargs):
    for field in sender._meta.get_fields():
        if isinstance(field, FileField):
            stored = getattr(instance, field.name, None)
            if stored and stored.name:
                storage, name = stored.storage, stored.name
                transaction.on_commit(lambda s=storage, n=name: s.delete(n))


def connect() -> None:
    from django.apps import apps
    from django.conf import settings

    for app in settings.FRONTLINE_APPS:
        config = apps.get_app_config(app.rsplit(".", 1)[-1])
        for model in config.get_models():
            if any(isinstance(f, FileField) for f in model._meta.get_fields()):
                post_delete.connect(
                    _delete_files, sender=model, dispatch_uid=f"frontline-files-{model._meta.label}"
                )
