from frontline.core.permissions import COUNTY, COUNTY_READ, register

register(
    {
        # Seeing checkpoints, their shifts and registrations (identifiers masked).
        "checkpoints.view": COUNTY_READ | {"township_admin", "checkpoint_duty", "medical", "police"},
        # Creating checkpoints, setting shift patterns and rosters.
        "checkpoints.manage": COUNTY | {"township_admin"},
        # Registering vehicles: duty members only at the checkpoints of their shifts.
        "checkpoints.register": COUNTY | {"township_admin", "checkpoint_duty"},
        # One's own shifts: check in and out.
        "checkpoints.duty": COUNTY | {"township_admin", "checkpoint_duty"},
        "checkpoints.alerts": COUNTY_READ | {"township_admin", "medical", "police"},
        # Following an alert up (referred to the fever clinic, cleared …).
        "checkpoints.alerts_handle": COUNTY | {"township_admin", "medical"},
        "checkpoints.export": COUNTY | {"township_admin"},
        # Editing the dated high-risk area list (county-wide configuration).
        "checkpoints.risk_areas": COUNTY,
    }
)
