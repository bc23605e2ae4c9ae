import pytest

from frontline.people.models import Cadre, Organization
from frontline.testing import COUNTY, GAOXING, SHUITOU, YUANTANG, make_person


@pytest.fixture
def cadres(users):
    centre = Organization.objects.create(name="高兴镇卫生院", kind="department", division_code=GAOXING)

    def cadre(division, name, kind="village_cadre", profession="", unit=None):
        return Cadre.objects.create(
            person=make_person(division, name),
            kind=kind,
            division_code=division,
            profession=profession,
            unit=unit,
            position="书记",
        )

    return {
        "shuitou": cadre(SHUITOU, "水头书记"),
        "yuantang": cadre(YUANTANG, "园塘委员"),
        "county": cadre(COUNTY, "部机关干部", kind="org_cadre"),
        "doctor": cadre(GAOXING, "卫生院医生", kind="cadre", profession="medical", unit=centre),
    }


OBSERVATION = {
    "observed_on": "2020-02-10",
    "event": "哨卡值守",
    "conduct": "两班倒值守，逐车登记测温。",
    "rating": "outstanding",
    "observer": "县委组织部考察组",
}
