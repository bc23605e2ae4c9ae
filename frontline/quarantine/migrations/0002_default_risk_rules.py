"""The default risk table (county admins edit it): as applied in Jiangxi in February 2020."""

from django.db import migrations

DEFAULT_RULES = [
    # order, name, fever, symptoms, contact, area prefixes, within days, class
    (10, "发热：转诊发热门诊", True, False, "", "", None, "referral"),
    (20, "与确诊或疑似病例有接触：居家隔离", False, False, "suspected,confirmed", "", None, "home_quarantine"),
    (30, "14天内从湖北返回：居家隔离", False, False, "", "42", 14, "home_quarantine"),
    (40, "有咳嗽等症状：转诊发热门诊", False, True, "", "", None, "referral"),
]


def create(apps, schema_editor):
    RiskRule = apps.get_model("quarantine", "RiskRule")
    if RiskRule.objects.exists():
        return
    RiskRule.objects.bulk_create(
        RiskRule(
            order=o,
            name=n,
            requires_fever=f,
            requires_symptoms=s,
            contact_levels=c,
            area_prefixes=a,
            within_days=w,
            risk_class=r,
        )
        for o, n, f, s, c, a, w, r in DEFAULT_RULES
    )


class Migration(migrations.Migration):
    dependencies = [("quarantine", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
