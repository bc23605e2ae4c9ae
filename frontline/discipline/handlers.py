"""十带头 deeds and commando-task records from real work (frontline.core.events.work_done).

Handlers run inside the transaction of the work itself, so they are small and total: unknown kinds
are ignored, and nothing here raises on ordinary data.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.events import work_done
from frontline.discipline.models import Deed, PledgeItem
from frontline.discipline.teams import task_records_link
from frontline.people.models import Cadre
from frontline.regions.models import Division

# kind → (pledge item, what the deed says). checkin_done is decided per person (see item_for).
DEED_OF_WORK = {
    "shift_served": (PledgeItem.POST, gettext_noop("Served a duty shift")),
    "registration_done": (PledgeItem.POST, gettext_noop("Registered vehicles and occupants at a checkpoint")),
    "checkin_done": (PledgeItem.VOLUNTEER, gettext_noop("Checked on a person under home quarantine")),
    "support_delivered": (
        PledgeItem.VOLUNTEER,
        gettext_noop("Delivered living support to a quarantined household"),
    ),
    "patrol_done": (PledgeItem.STUDY, gettext_noop("Went on a propaganda patrol")),
    "gathering_persuaded": (PledgeItem.ORDER, gettext_noop("Persuaded a household to cancel a gathering")),
    "produce_order_delivered": (
        PledgeItem.VOLUNTEER,
        gettext_noop("Bought or sold produce on behalf of households"),
    ),
    "supervision_visit": (
        PledgeItem.POLICY,
        gettext_noop("Supervised a township's epidemic prevention work"),
    ),
}
# Kinds that happen many times a day: one deed per person per day, with a count.
AGGREGATED = {"registration_done"}


def item_for(event) -> str:
    item, _what = DEED_OF_WORK[event.kind]
    if event.kind == "checkin_done" and Cadre.objects.filter(person=event.person).exists():
        # For a cadre, quarantine check-ins are their post (三包一); for others, volunteer service.
        return PledgeItem.POST
    return item


def record_label(obj) -> str:
    return f"{obj._meta.verbose_name}: {obj}"[:200]


def _count_onto_todays_deed(event, label: str) -> bool:
    """count + 1 on the person's deed of the day for this kind, if there is one. Runs on every
    checkpoint registration: written out, as the ORM's UPDATE costs ~6× the statement itself."""
    start, end = clock.local_day_bounds(timezone.localdate(event.at))
    conn = connections[router.db_for_write(Deed)]
    qn = conn.ops.quote_name
    at = Deed._meta.get_field("happened_at")
    sql = (
        f"UPDATE {qn(Deed._meta.db_table)} SET {qn('count')} = {qn('count')} + 1, source_label = %s "  # noqa: S608
        "WHERE person_id = %s AND source_kind = %s AND happened_at >= %s AND happened_at < %s"
    )
    params = [label, event.person.pk, event.kind]
    params += [at.get_db_prep_value(start, conn), at.get_db_prep_value(end, conn)]
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount > 0


@receiver(work_done, dispatch_uid="discipline.deeds_from_work")
def deed_from_work(sender, event, **kwargs):
    if event.kind not in DEED_OF_WORK or getattr(event.person, "pk", None) is None or event.obj is None:
        return
    label = record_label(event.obj)
    ct = ContentType.objects.get_for_model(type(event.obj))
    _item, what = DEED_OF_WORK[event.kind]
    if event.kind in AGGREGATED:
        # One UPDATE in the common case (the person's second and later registrations of the day).
        if _count_onto_todays_deed(event, label):
            task_records_link(event=event, label=label)
            return
    elif Deed.objects.filter(source_type=ct, source_id=event.obj.pk, person=event.person).exists():
        return  # the same record announced twice (e.g. re-saved): one deed
    deed = Deed.objects.create(
        person=event.person,
        item=item_for(event),
        what=_(what),
        happened_at=event.at,
        place=Division.objects.filter(code=event.division_code).values_list("name", flat=True).first() or "",
        source_kind=event.kind,
        source_type=ct,
        source_id=event.obj.pk,
        source_label=label,
        created_by=event.actor if getattr(event.actor, "pk", None) else None,
        division_code=event.person.division_code,
    )
    audit_record(actor=event.actor, action="create", obj=deed, detail={"source": event.kind, "record": label})
    task_records_link(event=event, label=label)
