from ninja import Router, Schema
from ninja.pagination import paginate

from frontline.core.api_support import LimitOffsetPagination, api_policy
from frontline.regions import selectors

router = Router(tags=["divisions"])


class DivisionOut(Schema):
    id: str
    code: str
    division_code: str
    name: str
    full_name: str
    level: str
    kind: str
    parent: str | None

    @staticmethod
    def resolve_id(obj):
        return obj.code

    @staticmethod
    def resolve_parent(obj):
        return obj.parent_id


@router.get("/divisions/", response=list[DivisionOut])
@paginate(LimitOffsetPagination)
def list_divisions(request, level: str | None = None, parent: str | None = None):
    return selectors.division_list(policy=api_policy(request, "regions.view"), level=level, parent=parent)


@router.get("/divisions/{code}", response=DivisionOut)
def get_division(request, code: str):
    return selectors.division_get(policy=api_policy(request, "regions.view"), code=code)
