"""Registering a vehicle and its occupants at a checkpoint: the one service behind the phone page,
the API and the Excel import. Safe to retry: the client's UUID is unique, a resubmission returns the
original record and creates nothing (also when two copies race: the unique constraint decides)."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, router, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.checkpoints.models import (
    Alert,
    AlertKind,
    Checkpoint,
    Direction,
    HighRiskArea,
    Occupant,
    Registration,
    Shift,
    ShiftAssignment,
    VehicleType,
)
from frontline.checkpoints.places import is_known_place, place_name
from frontline.checkpoints.plates import parse_plate
from frontline.checkpoints.temperature import is_fever, parse_temperature
from frontline.core import clock
from frontline.core.events import emit_work_done
from frontline.core.fastsql import insert_objects
from frontline.core.policy import Policy, policy_for
from frontline.people.identifiers import mask_id, parse_id_number, parse_mobile
from frontline.people.models import Person
from frontline.people.protection import id_hash, protected_phone_fields
from frontline.people.services import PersonRow, people_bulk_upsert_ids

MAX_OCCUPANTS = 60  # a coach
FUTURE_TOLERANCE = dt.timedelta(minutes=10)  # phone clocks drift
OFFLINE_WINDOW = dt.timedelta(hours=72)  # how long an entry may wait in a phone's offline queue


@dataclass(frozen=True)
class Place:
    code: str
    text: str


def _place(value, field: str, errors: dict) -> Place:
    if isinstance(value, dict):
        code, text = str(value.get("code") or "").strip(), str(value.get("text") or "").strip()
    elif hasattr(value, "code"):
        code, text = (value.code or "").strip(), (value.text or "").strip()
    else:
        code, text = "", str(value or "").strip()
    if code and not is_known_place(code):
        errors[field] = _("Unknown place code %(code)s: pick a place from the list or type its name.") % {
            "code": code
        }
    elif not code and not text:
        errors[field] = _("Say where the vehicle comes from or goes to (pick a place or type it).")
    elif len(text) > 100:
        errors[field] = _("At most %(n)s characters.") % {"n": 100}
    return Place(code, text)


def may_register_at(policy: Policy, actor, checkpoint: Checkpoint, at: dt.datetime) -> bool:
    """Township and county admins anywhere in their jurisdiction; duty members only at a checkpoint
    where they are on the shift covering `at` (matched by account or by their person)."""
    if not policy.has("checkpoints.register") or not policy.covers(checkpoint.division_code):
        return False
    if policy.has("checkpoints.manage"):
        return True
    return on_shift(actor, checkpoint, at)


def on_shift(actor, checkpoint: Checkpoint, at: dt.datetime) -> bool:
    """Asked on every registration a duty member makes: one indexed EXISTS, written out because the
    ORM takes ~10× longer to build this statement than the database takes to answer it."""
    shifts, assignments = Shift._meta, ShiftAssignment._meta
    at_db = shifts.get_field("start").get_db_prep_value(at, connection)
    qn = connection.ops.quote_name
    sql = (
        f"SELECT 1 FROM {qn(assignments.db_table)} a JOIN {qn(shifts.db_table)} s ON s.id = a.shift_id "  # noqa: S608
        f"WHERE s.checkpoint_id = %s AND s.{qn('start')} <= %s AND s.{qn('end')} > %s "
        "AND (a.user_id = %s OR a.person_id = %s) LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [checkpoint.pk, at_db, at_db, actor.pk, getattr(actor, "person_id", None) or -1])
        return cursor.fetchone() is not None


def _parse_occupants(occupants, errors: dict) -> list[dict]:
    out = []
    if not occupants:
        errors["occupants"] = _("Register at least one person (the driver).")
        return out
    if len(occupants) > MAX_OCCUPANTS:
        errors["occupants"] = _("At most %(n)s people per vehicle.") % {"n": MAX_OCCUPANTS}
        return out
    today = clock.today()
    seen = set()
    for i, occ in enumerate(occupants):
        occ = occ if isinstance(occ, dict) else occ.dict()
        row = {"position": i}
        name = " ".join(str(occ.get("name") or "").split())
        if not name:
            errors[f"occupants.{i}.name"] = _("Name is required.")
        elif len(name) > 50:
            errors[f"occupants.{i}.name"] = _("At most %(n)s characters.") % {"n": 50}
        row["name"] = name
        try:
            idn = parse_id_number(occ.get("id_number"), today=today)
            if idn.value in seen:
                errors[f"occupants.{i}.id_number"] = _("The same ID number is entered twice.")
            seen.add(idn.value)
            row["idn"] = idn
        except ValidationError as exc:
            errors[f"occupants.{i}.id_number"] = exc.messages[0]
        phone = occ.get("phone") or ""
        try:
            row["phone"] = parse_mobile(phone) if (phone or i == 0) else ""
        except ValidationError as exc:
            msg = exc.messages[0]
            if i == 0 and not str(phone).strip():
                msg = _("The driver's mobile number is required.")
            errors[f"occupants.{i}.phone"] = msg
        try:
            row["temperature"] = parse_temperature(occ.get("temperature"))
        except ValidationError as exc:
            errors[f"occupants.{i}.temperature"] = exc.messages[0]
        out.append(row)
    return out


def _registered_at(value, source: str, errors: dict) -> dt.datetime:
    now = clock.now()
    if value in (None, ""):
        return now
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            errors["registered_at"] = _("Enter a date and time as YYYY-MM-DDTHH:MM.")
            return now
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_current_timezone())
    if value > now + FUTURE_TOLERANCE:
        errors["registered_at"] = _("The registration time is in the future: check the phone's clock.")
    elif source != "import" and value < now - OFFLINE_WINDOW:
        errors["registered_at"] = _("Entries older than 72 hours are brought in by Excel import.")
    return value


# The dated list of high-risk areas is read on every registration and changes a few times a month:
# each process keeps it for RISK_AREAS_TTL seconds (a change reaches every process within that time;
# saving an area through the service clears this process's copy at once).
RISK_AREAS_TTL = 30.0
_risk_areas: tuple[float, list] = (0.0, [])


def _all_risk_areas() -> list[HighRiskArea]:
    global _risk_areas
    loaded_at, areas = _risk_areas
    now = time.monotonic()
    if now - loaded_at > RISK_AREAS_TTL:
        areas = list(HighRiskArea.objects.all())
        _risk_areas = (now, areas)
    return areas


@receiver([post_save, post_delete], sender=HighRiskArea, dispatch_uid="checkpoints.risk_areas_changed")
def risk_areas_changed(**kwargs) -> None:
    global _risk_areas
    _risk_areas = (0.0, [])


def active_risk_areas(division_code: str, day: dt.date) -> list[HighRiskArea]:
    return [
        a
        for a in _all_risk_areas()
        if a.valid_from <= day
        and division_code.startswith(a.division_code)
        and (a.valid_to is None or a.valid_to >= day)
    ]


@dataclass
class Entry:
    """A registration that passed every check, not yet written (see _write)."""

    checkpoint: Checkpoint
    client_uuid: uuid.UUID
    plate: object  # plates.Plate
    vehicle_type: str
    direction: str
    origin: Place
    destination: Place
    at: dt.datetime
    rows: list[dict]  # per occupant: position, name, idn, phone, temperature
    source: str


def registration_create(
    *,
    actor,
    checkpoint: Checkpoint,
    client_uuid,
    plate: str,
    vehicle_type: str,
    direction: str,
    origin,
    destination,
    registered_at=None,
    occupants: list,
    source: str = "web",
    request=None,
) -> tuple[Registration, bool]:
    """Returns (registration, created). Raises ValidationError (field dict), Http404 outside the
    jurisdiction, PermissionDenied for a role that may not register."""
    policy = policy_for(actor)
    policy.require("checkpoints.register")
    try:
        client_uuid = uuid.UUID(str(client_uuid))
    except ValueError:
        raise ValidationError({"client_uuid": _("Enter a valid UUID.")}) from None
    # No look-up of the UUID before writing: the unique constraint answers a retry (see below),
    # and a retry that no longer validates (shift over, checkpoint closed) is answered here.
    policy.require_covers(checkpoint.division_code)
    try:
        entry = _validate(
            policy,
            actor,
            checkpoint,
            client_uuid,
            plate,
            vehicle_type,
            direction,
            origin,
            destination,
            registered_at,
            occupants,
            source,
        )
    except ValidationError:
        existing = _existing(policy, client_uuid)
        if existing is not None:
            return existing, False
        raise
    return _create(actor, policy, entry, request=request)


def _create(actor, policy, entry: Entry, *, request=None) -> tuple[Registration, bool]:
    try:
        (reg,) = _write(actor, [entry], request=request)
        return reg, True
    except IntegrityError:
        # A retry, or another copy of the same submission that won the race: answer with it. The
        # registration row is the transaction's first write, so nothing else was written (and no
        # savepoint is needed unless the caller holds a transaction).
        existing = _existing(policy, entry.client_uuid)
        if existing is None:
            raise
        return existing, False


def _validate(
    policy,
    actor,
    checkpoint,
    client_uuid,
    plate,
    vehicle_type,
    direction,
    origin,
    destination,
    registered_at,
    occupants,
    source,
) -> Entry:
    """Every check of one registration, the same for page, API and import: an Entry, or a
    ValidationError with a message per field."""
    errors: dict[str, str] = {}
    parsed_plate = None
    try:
        parsed_plate = parse_plate(plate)
    except ValidationError as exc:
        errors["plate"] = exc.messages[0]
    if vehicle_type not in VehicleType.values:
        errors["vehicle_type"] = _("Choose the vehicle type.")
    if direction not in Direction.values:
        errors["direction"] = _("Choose entering or leaving.")
    origin_place = _place(origin, "origin", errors)
    destination_place = _place(destination, "destination", errors)
    at = _registered_at(registered_at, source, errors)
    rows = _parse_occupants(occupants, errors)
    if "registered_at" not in errors:
        if not checkpoint.is_active_on(timezone.localtime(at).date()):
            errors["checkpoint_id"] = _("This checkpoint is not active on that day.")
        elif not may_register_at(policy, actor, checkpoint, at):
            errors["checkpoint_id"] = _(
                "You are not on a shift at this checkpoint at that time: ask your township to add you to the roster."
            )
    if errors:
        raise ValidationError(errors)
    return Entry(
        checkpoint,
        client_uuid,
        parsed_plate,
        vehicle_type,
        direction,
        origin_place,
        destination_place,
        at,
        rows,
        source,
    )


@transaction.atomic
def _write(actor, entries: list[Entry], *, request=None) -> list[Registration]:
    """Write validated registrations with a few statements whatever their number: the
    registrations (first, so that a known client UUID stops the transaction before anything else
    is written), the people met (one upsert by ID hash), occupants, alerts. One audit event per
    registration from the page or the API, one for the batch from an import; the 十带头 deed of
    the duty member for each registration they made on the spot (a paper sheet typed in later is
    not the typist's checkpoint duty)."""
    by = actor if getattr(actor, "is_authenticated", False) else None
    regs = []
    for e in entries:
        regs.append(
            Registration(
                client_uuid=e.client_uuid,
                checkpoint=e.checkpoint,
                plate=e.plate.value,
                plate_province=e.plate.province_code,
                vehicle_type=e.vehicle_type,
                direction=e.direction,
                origin_code=e.origin.code,
                origin_text=e.origin.text,
                destination_code=e.destination.code,
                destination_text=e.destination.text,
                registered_at=e.at,
                registered_by=by,
                occupant_count=len(e.rows),
                has_fever=any(is_fever(r["temperature"]) for r in e.rows),
                division_code=e.checkpoint.division_code,
            )
        )
    insert_objects(regs)
    people = people_bulk_upsert_ids(
        rows=[
            PersonRow(
                name=r["name"],
                division_code=e.checkpoint.division_code,
                id_value=r["idn"].value,
                birth_date=r["idn"].birth_date,
                gender=r["idn"].gender,
                phone=r["phone"],
            )
            for e in entries
            for r in e.rows
        ],
        update_existing=False,  # a checkpoint entry never rewrites someone's record
    )
    occupants_of = []
    for reg, e in zip(regs, entries, strict=True):
        occupants = []
        for r in e.rows:
            occ = Occupant(
                registration=reg,
                person_id=people[id_hash(r["idn"].value)],
                position=r["position"],
                name=r["name"],
                temperature=r["temperature"],
                is_fever=is_fever(r["temperature"]),
                division_code=reg.division_code,
                **protected_phone_fields(r["phone"]),
            )
            occ.id_masked = mask_id(r["idn"].value)  # for registration_answer
            occupants.append(occ)
        occupants_of.append(occupants)
    insert_objects([o for occupants in occupants_of for o in occupants])
    alerts_of = [
        _alerts_for(reg, occupants, e.plate, e.origin, e.at)
        for reg, e, occupants in zip(regs, entries, occupants_of, strict=True)
    ]
    insert_objects([a for alerts in alerts_of for a in alerts])
    for reg, occupants, alerts in zip(regs, occupants_of, alerts_of, strict=True):
        reg.alert_codes = sorted({a.kind for a in alerts})
        # The caller answers with the record: hand it what it needs without querying it back.
        reg._prefetched_objects_cache = {
            "occupants": _filled(reg.occupants.all(), occupants),
            "alerts": _filled(reg.alerts.all(), alerts),
        }
    on_the_spot = [(reg, e) for reg, e in zip(regs, entries, strict=True) if e.source != "import"]
    for reg, e in on_the_spot:
        audit_record(
            actor=actor,
            action="create",
            obj=reg,
            request=request,
            detail={
                "plate": reg.plate,
                "occupants": len(e.rows),
                "alerts": reg.alert_codes,
                "source": e.source,
            },
        )
        emit_work_done(
            kind="registration_done",
            person=_person_of(actor),
            obj=reg,
            division_code=reg.division_code,
            at=e.at,
            actor=actor,
        )
    if len(on_the_spot) < len(regs):
        imported = [reg for reg, e in zip(regs, entries, strict=True) if e.source == "import"]
        audit_record(
            actor=actor,
            action="create",
            object_type=Registration._meta.label_lower,
            division_code=policy_for(actor).prefix or "",  # as the import's own event
            ids=[reg.pk for reg in imported],
            detail={"source": "import", "occupants": sum(reg.occupant_count for reg in imported)},
            request=request,
        )
    return regs


def _existing(policy: Policy, client_uuid) -> Registration | None:
    existing = Registration.objects.filter(client_uuid=client_uuid).first()
    if existing is not None:
        policy.require_covers(existing.division_code)
    return existing


def _person_of(actor):
    """The duty member's person (the 十带头 deed is theirs). Their key is all the usual case needs
    (count + 1 on today's deed): a deferred instance, whose other fields Django loads on first use
    (when the day's first registration creates the deed)."""
    person_id = getattr(actor, "person_id", None)
    if person_id is None:
        return None
    # actor may be request.user, a lazy object: ask the model class, not type(actor).
    if not get_user_model()._meta.get_field("person").is_cached(actor):
        actor.person = Person.from_db(router.db_for_read(Person), ["id"], [person_id])
    return actor.person


def _filled(qs, rows):
    qs._result_cache, qs._prefetch_done = list(rows), True
    return qs


def _alerts_for(reg, occupants, plate, origin, at) -> list[Alert]:
    day = timezone.localtime(at).date()
    areas = active_risk_areas(reg.division_code, day)
    out = []
    common = {"registration": reg, "raised_at": at, "division_code": reg.division_code}
    for occ in occupants:
        if occ.is_fever:
            out.append(
                Alert(kind=AlertKind.FEVER, occupant=occ, detail=f"{occ.name} {occ.temperature}°C", **common)
            )
    for area in areas:
        if (origin.code and origin.code.startswith(area.code)) or (area.name and area.name in origin.text):
            out.append(Alert(kind=AlertKind.HIGH_RISK_ORIGIN, detail=area.name, **common))
            break
    for area in areas:
        if plate.province_code and len(area.code) == 2 and plate.province_code == area.code:
            out.append(Alert(kind=AlertKind.HIGH_RISK_PLATE, detail=f"{reg.plate} {area.name}", **common))
            break
    return out


def registration_answer(reg: Registration, checkpoint: Checkpoint) -> dict:
    """The API's answer for a registration _write has just made (the fields of api.RegistrationOut),
    from the instances in hand: no query."""
    return {
        "id": reg.pk,
        "division_code": reg.division_code,
        "client_uuid": reg.client_uuid,
        "checkpoint_id": checkpoint.pk,
        "checkpoint": checkpoint.name,
        "plate": reg.plate,
        "plate_province": reg.plate_province,
        "vehicle_type": reg.vehicle_type,
        "direction": reg.direction,
        "origin": {"code": reg.origin_code, "name": place_name(reg.origin_code), "text": reg.origin_text},
        "destination": {
            "code": reg.destination_code,
            "name": place_name(reg.destination_code),
            "text": reg.destination_text,
        },
        "registered_at": reg.registered_at.astimezone(dt.UTC),
        "occupants": [
            {
                "name": o.name,
                "id_number": o.id_masked,
                "phone": o.phone_masked,
                "temperature": o.temperature,
                "is_fever": o.is_fever,
            }
            for o in reg.occupants.all()
        ],
        "alerts": reg.alert_codes,
    }


def alert_codes(reg: Registration) -> list[str]:
    codes = getattr(reg, "alert_codes", None)
    if codes is None:
        codes = sorted({a.kind for a in reg.alerts.all()})
    return codes


def require_registration_role(policy: Policy) -> None:
    if not policy.has("checkpoints.register"):
        raise PermissionDenied("checkpoints.register")


IMPORT_NAMESPACE = uuid.UUID("6f1c3a52-2f1e-4c55-9a57-7b1d0c1e2a60")


def registration_bulk_create(*, actor, rows: list[dict], dry_run: bool = False) -> dict:
    """Paper checkpoint sheets typed in at night (the Excel import's `registrations` kind).

    One row per person; rows with the same checkpoint, time and plate form one vehicle. Each vehicle
    goes through registration_create (same rules as the phone page, source="import") under a
    client UUID derived from checkpoint, time, plate and the people in it, so importing the same
    sheet again finds the original registrations and changes nothing. Returns counts, ids and
    per-row errors [(row, message)]; the import engine holds the transaction and rolls back dry runs.
    """
    policy = policy_for(actor)
    policy.require("checkpoints.register")
    names = {r["checkpoint"] for r in rows if r.get("checkpoint")}
    checkpoints = {c.name: c for c in policy.scope(Checkpoint.objects.filter(name__in=names))}
    vehicles: dict[tuple, list[dict]] = {}
    errors: list[tuple[int, str]] = []
    for r in rows:
        cp = checkpoints.get(r.get("checkpoint"))
        if cp is None:
            errors.append(
                (
                    r["_row"],
                    _("No checkpoint named %(name)s in your jurisdiction.") % {"name": r.get("checkpoint")},
                )
            )
            continue
        if not r.get("plate"):
            errors.append((r["_row"], _("Plate is required for a checkpoint registration.")))
            continue
        if not r.get("id_number"):
            errors.append((r["_row"], _("ID number is required.")))
            continue
        vehicles.setdefault((cp.pk, r["at"], r["plate"]), []).append(r)
    by_pk = {c.pk: c for c in checkpoints.values()}
    keyed = {}
    for (cp_pk, at, plate), group in vehicles.items():
        people = sorted(id_hash(r["id_number"].value) for r in group)
        keyed[uuid.uuid5(IMPORT_NAMESPACE, f"{cp_pk}|{at.isoformat()}|{plate}|{','.join(people)}")] = (
            by_pk[cp_pk],
            at,
            plate,
            group,
        )
    # Vehicles of an earlier import of the same sheet are known by their derived UUID: unchanged.
    known = set(
        Registration.objects.filter(client_uuid__in=list(keyed)).values_list("client_uuid", flat=True)
    )
    unchanged = sum(len(keyed[u][3]) for u in known)
    entries, groups = [], []
    for client_uuid, (cp, at, plate, group) in keyed.items():
        if client_uuid in known:
            continue
        first = group[0]
        occupants = [
            {
                "name": r.get("name"),
                "id_number": r["id_number"].value,
                "phone": r.get("mobile") or "",
                "temperature": str(r.get("temperature") or ""),
            }
            for r in group
        ]
        try:
            entries.append(
                _validate(
                    policy,
                    actor,
                    cp,
                    client_uuid,
                    plate,
                    "other",
                    "in",
                    first.get("origin") or "",
                    first.get("destination") or "",
                    at,
                    occupants,
                    "import",
                )
            )
            groups.append(group)
        except ValidationError as exc:
            text = "；".join(f"{m}" for msgs in exc.message_dict.values() for m in msgs)
            errors.extend((r["_row"], text) for r in group)
    # One write for the whole sheet, inside the import's transaction (a dry run is rolled back).
    regs = _write(actor, entries) if entries else []
    created = sum(len(g) for g in groups)
    ids = [reg.pk for reg in regs]
    return {"created": created, "updated": 0, "unchanged": unchanged, "ids": ids, "errors": errors}
