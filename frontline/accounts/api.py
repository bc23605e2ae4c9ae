from ninja import Router, Schema

from frontline.core.api_support import api_policy

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    display_name: str
    division_code: str
    roles: list[str]


@router.get("/me", response=MeOut)
def me(request):
    policy = api_policy(request, "accounts.me")
    user = policy.user
    return {
        "username": user.username,
        "display_name": user.display_name,
        "division_code": user.division_code,
        "roles": sorted(policy.roles),
    }
