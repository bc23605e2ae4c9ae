"""Shared /api/v1 schema pieces (core.api_support)."""

from types import SimpleNamespace

from frontline.core.api_support import PersonRecordOut
from frontline.testing import YUANTANG, make_person, valid_id


class _RecordOut(PersonRecordOut):
    id: int
    name: str
    id_number: str


def test_a_record_about_a_person_answers_the_name_and_only_the_masked_id_number(db):
    id_number = valid_id()
    person = make_person(YUANTANG, "钟福", id_number=id_number)
    out = _RecordOut.from_orm(SimpleNamespace(id=7, person=person)).dict()
    assert out == {"id": 7, "name": "钟福", "id_number": person.id_masked}
    assert id_number not in out["id_number"] and id_number[-4:] in out["id_number"]
