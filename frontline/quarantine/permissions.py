from frontline.core.permissions import COUNTY, COUNTY_READ, VILLAGE, register

FIELD = {"grid_leader", "medical", "police"}

register(
    {
        # Reading returnees, quarantines, check-ins and support requests of one's jurisdiction.
        "quarantine.view": COUNTY_READ | {"township_admin"} | VILLAGE | FIELD,
        # Recording a screening (摸排): village cadres, grid leaders, doctors, checkpoint duty (conversion).
        "quarantine.screen": COUNTY
        | {"township_admin", "checkpoint_duty"}
        | VILLAGE
        | {"grid_leader", "medical"},
        # Recording an explicit second screening of someone already screened in the campaign.
        "quarantine.rescreen": COUNTY | {"township_admin"} | VILLAGE,
        # Starting, extending, releasing a quarantine; setting its 三包一 team.
        "quarantine.manage": COUNTY | {"township_admin"} | VILLAGE | {"medical"},
        # Opening the check-in form at all; the service then requires team membership...
        "quarantine.checkin": COUNTY | {"township_admin"} | VILLAGE | FIELD,
        # ...unless the role may check in any quarantine of its jurisdiction.
        "quarantine.checkin_any": VILLAGE | {"medical"},
        # Following up fever alerts.
        "quarantine.alerts": COUNTY | {"township_admin"} | VILLAGE | {"medical"},
        # Living-support requests: record, assign to a party member, mark delivered.
        "quarantine.support": COUNTY | {"township_admin"} | VILLAGE | {"grid_leader"},
        # Grids and households of a village.
        "quarantine.grids": COUNTY | {"township_admin"} | VILLAGE,
        # The risk table and the campaigns: county level.
        "quarantine.rules": COUNTY,
    }
)
