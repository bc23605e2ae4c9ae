import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from frontline import testing
from frontline.audit.models import AuditEvent
from frontline.checkpoints.models import Alert, Occupant, Registration
from frontline.checkpoints.registration import _create, registration_create
from frontline.checkpoints.tests.conftest import occupant, payload, put_on_shift, register
from frontline.core import clock
from frontline.core.events import work_done
from frontline.core.policy import policy_for
from frontline.people.models import Person


def test_duty_member_registers_at_the_checkpoint_of_their_shift(users, on_duty, xgwest):
    reg, created = register(users["xgwest_duty"], xgwest)
    assert created and reg.division_code == xgwest.division_code
    assert reg.occupant_count == 2 and reg.occupants.count() == 2
    assert reg.plate_province == "36" and not reg.has_fever
    driver = reg.occupants.get(position=0)
    assert driver.phone_masked.count("*") == 4 and "*" in driver.person.id_masked
    assert AuditEvent.objects.filter(action="create", object_type="checkpoints.registration").count() == 1


def test_duty_member_refused_at_a_checkpoint_they_are_not_on(users, on_duty, shuitou_cp):
    with pytest.raises(ValidationError) as exc:
        register(users["xgwest_duty"], shuitou_cp)
    assert "checkpoint_id" in exc.value.message_dict
    assert Registration.objects.count() == 0


def test_duty_member_refused_outside_their_shift(users, on_duty, xgwest):
    later = clock.now() + dt.timedelta(minutes=5) - dt.timedelta(hours=13)
    with pytest.raises(ValidationError) as exc:
        register(users["xgwest_duty"], xgwest, registered_at=later)
    assert "checkpoint_id" in exc.value.message_dict


def test_duty_member_matched_by_account_when_assignment_names_only_the_user(users, xgwest):
    put_on_shift(xgwest, users["xgwest_duty"], with_person=False)
    _reg, created = register(users["xgwest_duty"], xgwest)
    assert created


def test_township_admin_registers_anywhere_in_the_township(users, shuitou_cp):
    _reg, created = register(users["gaoxing_admin"], shuitou_cp)
    assert created


def test_other_townships_checkpoint_does_not_exist_for_the_user(users, junchun_cp):
    with pytest.raises(Http404):
        register(users["gaoxing_admin"], junchun_cp)


def test_role_without_registration_permission_is_refused(users, xgwest):
    with pytest.raises(PermissionDenied):
        register(users["county_leader"], xgwest)


def test_same_uuid_twice_gives_one_record(users, on_duty, xgwest):
    data = payload(xgwest)
    data.pop("checkpoint_id")
    first, created1 = registration_create(actor=users["xgwest_duty"], checkpoint=xgwest, **data)
    data["plate"] = "赣B99999"  # a resend never changes the original
    second, created2 = registration_create(actor=users["xgwest_duty"], checkpoint=xgwest, **data)
    assert (created1, created2) == (True, False) and first.pk == second.pk and second.plate == "赣B12345"
    assert Registration.objects.count() == 1 and Occupant.objects.count() == 2


def test_resend_after_the_shift_ended_still_answers_the_original(users, on_duty, xgwest):
    """An offline phone sends its queue late: the original is returned, not a shift error."""
    data = payload(xgwest)
    data.pop("checkpoint_id")
    first, _ = registration_create(actor=users["xgwest_duty"], checkpoint=xgwest, **data)
    on_duty.delete()  # off the roster now: a new entry would be refused
    again, created = registration_create(actor=users["xgwest_duty"], checkpoint=xgwest, **data)
    assert not created and again.pk == first.pk
    data["client_uuid"] = str(uuid.uuid4())
    with pytest.raises(ValidationError):
        registration_create(actor=users["xgwest_duty"], checkpoint=xgwest, **data)


def test_a_uuid_known_in_another_township_reveals_nothing(users, xgwest, junchun_cp):
    """Re-using another township's client UUID must not answer with that township's record."""
    theirs, _ = register(users["junchun_admin"], junchun_cp)
    data = payload(xgwest, client_uuid=str(theirs.client_uuid))
    data.pop("checkpoint_id")
    with pytest.raises(Http404):
        registration_create(actor=users["gaoxing_admin"], checkpoint=xgwest, **data)
    assert Registration.objects.count() == 1


def test_racing_copy_of_the_same_uuid_returns_the_winner(users, on_duty, xgwest):
    """The loser of a race hits the unique constraint and answers with the winner's record."""
    from frontline.checkpoints.plates import parse_plate
    from frontline.checkpoints.registration import Entry, Place

    winner, _ = register(users["xgwest_duty"], xgwest)
    entry = Entry(
        xgwest,
        winner.client_uuid,
        parse_plate("赣B11111"),
        "car",
        "in",
        Place("4403", ""),
        Place("", "x"),
        clock.now(),
        [],
        "api",
    )
    reg, created = _create(users["xgwest_duty"], policy_for(users["xgwest_duty"]), entry)
    assert reg.pk == winner.pk and not created and Registration.objects.count() == 1


def test_a_uuid_of_another_jurisdiction_answers_404(users, junchun_cp, shuitou_cp):
    reg, _ = register(users["junchun_admin"], junchun_cp)
    with pytest.raises(Http404):
        register(users["gaoxing_admin"], shuitou_cp, client_uuid=str(reg.client_uuid))


@pytest.mark.parametrize(
    "field,change,expected",
    [
        ("plate", {"plate": "赣X1O345"}, "字母"),
        ("occupants.0.id_number", {"occupants": [occupant(id_number="360732199001011235")]}, "校验位"),
        ("occupants.0.phone", {"occupants": [occupant(phone="12345")]}, "手机"),
        ("occupants.0.phone", {"occupants": [occupant(phone="")]}, "驾驶员"),
        ("occupants.0.temperature", {"occupants": [occupant(temperature="45.2")]}, "34"),
        ("occupants.0.name", {"occupants": [occupant(name=" ")]}, "姓名"),
        ("occupants", {"occupants": []}, "驾驶员"),
        ("origin", {"origin": {"code": "", "text": ""}}, "从哪里"),
        ("origin", {"origin": {"code": "9999", "text": ""}}, "9999"),
        ("vehicle_type", {"vehicle_type": "tank"}, "车辆类型"),
        ("direction", {"direction": "up"}, "进"),
    ],
)
def test_bad_input_gets_a_clear_chinese_message_on_its_field(users, on_duty, xgwest, field, change, expected):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        register(users["xgwest_duty"], xgwest, **change)
    assert expected in exc.value.message_dict[field][0]
    assert Registration.objects.count() == 0 and Person.objects.filter(name="钟芳").count() == 0


def test_the_same_id_twice_in_one_vehicle_is_refused(users, on_duty, xgwest):
    idn = testing.valid_id()
    with pytest.raises(ValidationError) as exc:
        register(
            users["xgwest_duty"],
            xgwest,
            occupants=[occupant(id_number=idn), occupant(id_number=idn, phone="")],
        )
    assert "occupants.1.id_number" in exc.value.message_dict


def test_registration_time_in_the_future_or_too_old_is_refused(users, xgwest):
    with pytest.raises(ValidationError) as exc:
        register(users["gaoxing_admin"], xgwest, registered_at=clock.now() + dt.timedelta(hours=1))
    assert "registered_at" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        register(users["gaoxing_admin"], xgwest, registered_at=clock.now() - dt.timedelta(days=4))
    assert "registered_at" in exc.value.message_dict


def test_fever_raises_an_alert_for_that_person(users, on_duty, xgwest):
    reg, _ = register(
        users["xgwest_duty"], xgwest, occupants=[occupant(), occupant(temperature="37.3", phone="")]
    )
    assert reg.has_fever and reg.alert_codes == ["fever"]
    alert = Alert.objects.get()
    assert alert.kind == "fever" and str(alert.occupant.temperature) == "37.3" and alert.status == "open"
    assert alert.division_code == xgwest.division_code


def test_high_risk_origin_and_plate_raise_alerts(users, on_duty, xgwest, hubei):
    reg, _ = register(users["xgwest_duty"], xgwest, plate="鄂A12345", origin={"code": "4201", "text": ""})
    assert reg.alert_codes == ["high_risk_origin", "high_risk_plate"]
    reg2, _ = register(users["xgwest_duty"], xgwest, origin={"code": "", "text": "湖北省孝感市"})
    assert reg2.alert_codes == ["high_risk_origin"]
    reg3, _ = register(users["xgwest_duty"], xgwest)
    assert reg3.alert_codes == []


def test_high_risk_area_applies_only_from_its_date(users, xgwest):
    from frontline.checkpoints.models import HighRiskArea

    HighRiskArea.objects.create(
        code="44", name="广东", valid_from=clock.today() + dt.timedelta(days=1), division_code="360732"
    )
    reg, _ = register(users["gaoxing_admin"], xgwest, plate="粤B12345")
    assert reg.alert_codes == []


def test_existing_person_is_reused_and_never_rewritten(users, on_duty, xgwest):
    idn = testing.valid_id()
    known = testing.make_person(testing.YUANTANG, "园塘人", id_number=idn)
    reg, _ = register(users["xgwest_duty"], xgwest, occupants=[occupant(name="别名", id_number=idn)])
    known.refresh_from_db()
    assert (
        reg.occupants.get().person == known
        and known.name == "园塘人"
        and known.division_code == testing.YUANTANG
    )


def test_registration_announces_work_done_by_the_duty_member(users, on_duty, xgwest):
    seen = []

    def receiver(sender, event, **kw):
        seen.append(event)

    work_done.connect(receiver)
    try:
        register(users["xgwest_duty"], xgwest)
    finally:
        work_done.disconnect(receiver)
    assert [e.kind for e in seen] == ["registration_done"] and seen[0].person == users["xgwest_duty"].person


def test_audit_event_holds_no_whole_identifier(users, on_duty, xgwest):
    idn = testing.valid_id()
    register(users["xgwest_duty"], xgwest, occupants=[occupant(id_number=idn)])
    assert idn not in str(list(AuditEvent.objects.values_list("detail", flat=True)))


def test_uuid_must_be_a_uuid(users, xgwest):
    with pytest.raises(ValidationError):
        register(users["gaoxing_admin"], xgwest, client_uuid="not-a-uuid")
    assert uuid.UUID(payload(xgwest)["client_uuid"])


def _sheet_row(n, checkpoint, at, plate, temperature="36.5", id_number=None):
    from frontline.people.identifiers import parse_id_number

    return {
        "_row": n,
        "checkpoint": checkpoint.name,
        "at": at,
        "plate": plate,
        "name": f"乘客{n}",
        "id_number": parse_id_number(id_number or testing.valid_id()),
        "mobile": testing.valid_mobile() if n % 2 else "",
        "temperature": temperature,
        "origin": "广东深圳",
        "destination": "高兴镇",
    }


def test_a_typed_sheet_is_written_in_one_batch_each_alert_on_its_own_vehicle(users, xgwest, hubei):
    """Paper sheets (the import's registrations kind): vehicles are validated one by one, the valid
    ones written together; a bad vehicle's rows are reported and the rest still land; the fever
    alert points at the feverish occupant of the right vehicle; one audit event for the batch and
    no 十带头 deed for the one who typed it in; the same sheet again changes nothing."""
    from frontline.checkpoints.registration import registration_bulk_create
    from frontline.discipline.models import Deed

    admin = users["gaoxing_admin"]
    base = (clock.now() - dt.timedelta(days=3)).replace(tzinfo=None, microsecond=0)
    later = base + dt.timedelta(minutes=10)
    rows = [
        _sheet_row(3, xgwest, base, "赣B10001"),
        _sheet_row(4, xgwest, base, "赣B10001"),
        _sheet_row(5, xgwest, later, "鄂A20002"),
        _sheet_row(6, xgwest, later, "鄂A20002", temperature="38.4"),
        _sheet_row(7, xgwest, later + dt.timedelta(minutes=5), "赣B30003", temperature="51"),
    ]
    audits = AuditEvent.objects.count()
    result = registration_bulk_create(actor=admin, rows=rows)
    assert result["created"] == 4 and result["unchanged"] == 0
    assert [row for row, _msg in result["errors"]] == [7] and "体温" in result["errors"][0][1]
    assert Registration.objects.count() == 2 == len(result["ids"])
    hubei_car = Registration.objects.get(plate="鄂A20002")
    fever = Alert.objects.get(kind="fever")
    assert fever.registration_id == hubei_car.pk
    assert fever.occupant_id == Occupant.objects.get(registration=hubei_car, is_fever=True).pk
    assert fever.occupant.name == "乘客6"
    assert set(hubei_car.alerts.values_list("kind", flat=True)) == {"fever", "high_risk_plate"}
    assert not Registration.objects.get(plate="赣B10001").alerts.exists()
    assert [o.name for o in Registration.objects.get(plate="赣B10001").occupants.order_by("position")] == [
        "乘客3",
        "乘客4",
    ]
    batch = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == audits + 1
    assert batch.detail["source"] == "import" and sorted(batch.detail["ids"]) == sorted(
        str(i) for i in result["ids"]
    )
    assert not Deed.objects.exists()
    again = registration_bulk_create(actor=admin, rows=rows)
    assert again["created"] == 0 and again["unchanged"] == 4 and Registration.objects.count() == 2
