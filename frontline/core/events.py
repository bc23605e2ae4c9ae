"""Work events: what a service announces when real front-line work is done, so other modules can
react without importing each other (the 十带头 deeds of discipline, the cadre profile of evaluation).

A service emits inside its transaction, after writing its own rows:

    emit_work_done(kind="shift_served", person=member_person, obj=shift, division_code=…, at=…, actor=user)

Handlers run synchronously in the same transaction; a handler that fails rolls the work back, so
handlers must be small and total. Kinds in use: shift_served, registration_done, checkin_done,
support_delivered, patrol_done, gathering_persuaded, produce_order_delivered, supervision_visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.dispatch import Signal

work_done = Signal()


@dataclass(frozen=True)
class WorkDone:
    kind: str
    person: object  # people.Person who did the work
    obj: object  # the model instance that records it
    division_code: str
    at: dt.datetime
    actor: object = None


def emit_work_done(*, kind: str, person, obj, division_code: str, at: dt.datetime, actor=None) -> None:
    if person is None:
        return
    work_done.send(sender=type(obj), event=WorkDone(kind, person, obj, division_code, at, actor))
