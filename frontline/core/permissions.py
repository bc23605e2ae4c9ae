"""The permission registry: which roles hold which permission.

Each app declares its permissions in its own `permissions.py` with `register({...})`; the core app
imports every one at start-up. A permission that was never registered is a programming error and
is refused (deny by default), never silently allowed.
"""

from collections.abc import Iterable

_REGISTRY: dict[str, frozenset[str]] = {}


class UnknownPermission(LookupError):
    pass


def register(perms: dict[str, Iterable[str]]) -> None:
    for name, roles in perms.items():
        if name in _REGISTRY:
            raise ValueError(f"permission {name!r} registered twice")
        _REGISTRY[name] = frozenset(roles)


def roles_for(perm: str) -> frozenset[str]:
    try:
        return _REGISTRY[perm]
    except KeyError:
        raise UnknownPermission(perm) from None


def all_permissions() -> dict[str, frozenset[str]]:
    return dict(_REGISTRY)


# Role groups reused by many apps' permission tables.
COUNTY = {"county_admin"}
COUNTY_READ = {"county_admin", "county_leader"}
TOWNSHIP = {"township_admin"}
VILLAGE = {"village_secretary", "first_secretary"}
ALL_ROLES = {
    "county_admin",
    "county_leader",
    "township_admin",
    "village_secretary",
    "first_secretary",
    "grid_leader",
    "checkpoint_duty",
    "medical",
    "police",
    "publicity_editor",
    "finance",
    "discipline_inspector",
}

register(
    {
        # Seeing the home page and one's own account.
        "core.home": ALL_ROLES,
    }
)
