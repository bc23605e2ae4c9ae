"""The produce order's quarantine_id / support_request_id integers become real foreign keys to the
quarantine app, keeping their columns and values: name the columns, rename the fields, drop ids that
point at no row (the constraint would refuse them), then alter the fields into foreign keys."""

import django.db.models.deletion
from django.db import migrations, models


def drop_dangling_ids(apps, schema_editor):
    ProduceOrder = apps.get_model("community", "ProduceOrder")
    Quarantine = apps.get_model("quarantine", "Quarantine")
    SupportRequest = apps.get_model("quarantine", "SupportRequest")
    orders = ProduceOrder.objects.all()
    orders.filter(quarantine__isnull=False).exclude(
        quarantine__in=Quarantine.objects.values("pk")
    ).update(quarantine=None, support_request=None)
    orders.filter(support_request__isnull=False).exclude(
        support_request__in=SupportRequest.objects.values("pk")
    ).update(support_request=None)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("quarantine", "0002_default_risk_rules"),
    ]

    operations = [
        migrations.AlterField(
            model_name="produceorder",
            name="quarantine_id",
            field=models.IntegerField(
                blank=True, db_column="quarantine_id", db_index=True, null=True, verbose_name="home quarantine"
            ),
        ),
        migrations.AlterField(
            model_name="produceorder",
            name="support_request_id",
            field=models.IntegerField(
                blank=True, db_column="support_request_id", null=True, verbose_name="living-support request"
            ),
        ),
        migrations.RenameField(model_name="produceorder", old_name="quarantine_id", new_name="quarantine"),
        migrations.RenameField(
            model_name="produceorder", old_name="support_request_id", new_name="support_request"
        ),
        migrations.RunPython(drop_dangling_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="produceorder",
            name="quarantine",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="produce_orders",
                to="quarantine.quarantine",
                verbose_name="home quarantine",
            ),
        ),
        migrations.AlterField(
            model_name="produceorder",
            name="support_request",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="quarantine.supportrequest",
                verbose_name="living-support request",
            ),
        ),
    ]
