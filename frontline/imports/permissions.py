from frontline.core.permissions import COUNTY, register

VILLAGE_UP = {"county_admin", "township_admin", "village_secretary", "first_secretary"}

register(
    {
        # The import page, templates and one's own import history.
        "imports.view": VILLAGE_UP | {"grid_leader", "checkpoint_duty"},
        "imports.members": VILLAGE_UP,
        "imports.returnees": VILLAGE_UP | {"grid_leader"},
        "imports.registrations": VILLAGE_UP | {"checkpoint_duty"},
        # Export-limit alerts (audit events "alert"): county administrators.
        "imports.alerts": COUNTY,
    }
)
