"""The fixed cast shared by every app's tests (Healthchecks' alice/bob/charlie idea).

Divisions: county 360732; townships 高兴镇 360732104, 均村乡 360732209, 长冈乡 360732217; villages
园塘村 360732217203 and 塘石村 360732217204 (长冈乡), 水头村 360732104201 (高兴镇); a grid in 园塘村.
Users mirror the demo accounts plus a neighbour village secretary.
"""

from __future__ import annotations

from frontline.accounts.models import User
from frontline.demo.synth import Synth
from frontline.people.identifiers import parse_id_number
from frontline.people.models import Person
from frontline.people.protection import protected_id_fields, protected_phone_fields
from frontline.regions.models import Division

COUNTY = "360732"
GAOXING = "360732104"
JUNCUN = "360732209"
CHANGGANG = "360732217"
YUANTANG = "360732217203"
TANGSHI = "360732217204"
SHUITOU = "360732104201"
YUANTANG_GRID = "360732217203001"

DIVISIONS = [
    (COUNTY, "兴国县", "county", None),
    (GAOXING, "高兴镇", "township", COUNTY),
    (JUNCUN, "均村乡", "township", COUNTY),
    (CHANGGANG, "长冈乡", "township", COUNTY),
    (YUANTANG, "园塘村", "village", CHANGGANG),
    (TANGSHI, "塘石村", "village", CHANGGANG),
    (SHUITOU, "水头村", "village", GAOXING),
    (YUANTANG_GRID, "园塘村第一网格", "grid", YUANTANG),
]

CAST = {
    "county_admin": (COUNTY, ["county_admin"]),
    "county_leader": (COUNTY, ["county_leader"]),
    "county_discipline": (COUNTY, ["discipline_inspector"]),
    "county_finance": (COUNTY, ["finance"]),
    "county_publicity": (COUNTY, ["publicity_editor"]),
    "gaoxing_admin": (GAOXING, ["township_admin"]),
    "junchun_admin": (JUNCUN, ["township_admin"]),
    "changgang_admin": (CHANGGANG, ["township_admin"]),
    "yuantang_secretary": (YUANTANG, ["first_secretary", "village_secretary"]),
    "tangshi_secretary": (TANGSHI, ["village_secretary"]),
    "yuantang_grid": (YUANTANG_GRID, ["grid_leader"]),
    "yuantang_doctor": (YUANTANG, ["medical"]),
    "xgwest_duty": (GAOXING, ["checkpoint_duty"]),
}

PASSWORD = "test-password-123"  # noqa: S105


def make_divisions():
    for code, name, level, parent in DIVISIONS:
        Division.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "parent_id": parent, "full_name": name}
        )


def make_users() -> dict[str, User]:
    users = {}
    for username, (division, roles) in CAST.items():
        user = User(username=username, division_id=division, roles=roles, is_staff=username == "county_admin")
        user.set_password(PASSWORD)
        users[username] = user
    User.objects.bulk_create(users.values())
    return {u.username: u for u in User.objects.filter(username__in=CAST)}


_synth = Synth(seed=11643)


def valid_id(birth=None, gender=None) -> str:
    """A fresh synthetic, valid ID number."""
    return _synth.id_number(birth, gender)[0]


def valid_mobile() -> str:
    return _synth.mobile()


def make_person(
    division_code: str, name: str = "测试人", id_number: str | None = None, phone: str | None = None
):
    """A Person written directly (tests of reads); services are tested through their own entrances."""
    id_number = id_number if id_number is not None else valid_id()
    idn = parse_id_number(id_number) if id_number else None
    return Person.objects.create(
        name=name,
        division_code=division_code,
        **protected_id_fields(idn),
        **protected_phone_fields(phone if phone is not None else valid_mobile()),
    )


def index_definitions(table: str) -> dict[str, str]:
    """Index name → definition (column list) of a table, on either database."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
            return dict(cursor.fetchall())
        constraints = connection.introspection.get_constraints(cursor, table)
        return {
            name: ", ".join(c["columns"])
            for name, c in constraints.items()
            if (c["index"] or c["unique"]) and not c["primary_key"]
        }
