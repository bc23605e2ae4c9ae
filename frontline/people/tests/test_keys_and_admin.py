import io

from cryptography.fernet import Fernet
from django.core.management import call_command

from frontline.core import crypto
from frontline.people.models import Person
from frontline.people.protection import reveal
from frontline.testing import YUANTANG, make_person


def test_rotation_reencrypts_under_the_new_key(users, settings):
    person = make_person(YUANTANG, "园塘人")
    whole = reveal(person.id_number_enc)
    old = settings.FRONTLINE_FIELD_KEYS
    settings.FRONTLINE_FIELD_KEYS = [Fernet.generate_key().decode(), *old]
    call_command("rotate_keys", stdout=io.StringIO())
    settings.FRONTLINE_FIELD_KEYS = settings.FRONTLINE_FIELD_KEYS[:1]  # old key dropped
    person = Person.objects.get(pk=person.pk)
    assert reveal(person.id_number_enc) == whole


def test_rotation_moves_fernet_tokens_written_before_v2_to_the_new_format(users, settings):
    person = make_person(YUANTANG, "园塘人")
    whole, phone = reveal(person.id_number_enc), reveal(person.phone_enc)
    legacy = crypto._current().fernet  # what encrypt() wrote before the v2 format
    Person.objects.filter(pk=person.pk).update(
        id_number_enc=legacy.encrypt(whole.encode()).decode(),
        phone_enc=legacy.encrypt(phone.encode()).decode(),
    )
    assert reveal(Person.objects.get(pk=person.pk).id_number_enc) == whole  # still readable
    settings.FRONTLINE_FIELD_KEYS = [Fernet.generate_key().decode(), *settings.FRONTLINE_FIELD_KEYS]
    call_command("rotate_keys", stdout=io.StringIO())
    settings.FRONTLINE_FIELD_KEYS = settings.FRONTLINE_FIELD_KEYS[:1]
    person = Person.objects.get(pk=person.pk)
    assert person.id_number_enc.startswith("v2.") and person.phone_enc.startswith("v2.")
    assert reveal(person.id_number_enc) == whole and reveal(person.phone_enc) == phone


def test_ciphertext_does_not_contain_the_identifier(users):
    person = make_person(YUANTANG, "园塘人")
    whole = reveal(person.id_number_enc)
    assert whole not in person.id_number_enc and whole[-4:] == person.id_masked[-4:]


def test_load_divisions_command_loads_and_updates(db, tmp_path):
    from frontline.regions.models import Division

    csv = tmp_path / "d.csv"
    csv.write_text(
        "code,name,kind\n360732,兴国县,县\n360732104,高兴镇,镇\n360732104201,水头村,村\n", encoding="utf-8"
    )
    call_command("load_divisions", str(csv), stdout=io.StringIO())
    assert Division.objects.get(code="360732104201").parent_id == "360732104"
    csv.write_text("code,name,kind\n360732104201,水头新村,村\n", encoding="utf-8")
    call_command("load_divisions", str(csv), stdout=io.StringIO())
    assert Division.objects.get(code="360732104201").full_name == "兴国县 高兴镇 水头新村"


def test_list_pages_use_a_fixed_number_of_queries(client_for, users, django_assert_max_num_queries):
    from frontline.people.models import Membership, Organization

    branch = Organization.objects.create(name="支部", kind="village_branch", division_code=YUANTANG)
    for i in range(30):
        Membership.objects.create(
            person=make_person(YUANTANG, f"党员{i}"),
            organization=branch,
            kind="party_member",
            division_code=YUANTANG,
        )
    client = client_for("yuantang_secretary")
    for url in ("/people/", "/people/members/", "/people/organizations/"):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


def test_api_lists_use_a_fixed_number_of_queries(api_for, users, django_assert_max_num_queries):
    for i in range(30):
        make_person(YUANTANG, f"人{i}")
    client = api_for("yuantang_secretary")
    for url in ("/api/v1/people/", "/api/v1/members/", "/api/v1/divisions/", "/api/v1/organizations/"):
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200


def test_admin_writes_are_audited(client_for, users):
    from frontline.audit.models import AuditEvent
    from frontline.people.models import Organization

    response = client_for("county_admin").post(
        "/admin/people/organization/add/",
        {"name": "测试工作组", "kind": "working_group", "division_code": "360732", "responsibilities": ""},
    )
    assert response.status_code == 302
    org = Organization.objects.get(name="测试工作组")
    event = AuditEvent.objects.get(object_type="people.organization", object_id=str(org.pk))
    assert event.action == "create" and event.actor_username == "county_admin"
