from frontline.core.permissions import COUNTY, COUNTY_READ, VILLAGE, register

# Village cadres and grid leaders do this work; the township and the county oversee it.
WRITERS = COUNTY | {"township_admin"} | VILLAGE | {"grid_leader"}

register(
    {
        # Reading teams, patrol logs, gatherings, produce, orders, surveys and jobs of one's jurisdiction.
        # Publicity editors read too: patrols and cancelled banquets are what the daily column reports.
        "community.view": COUNTY_READ | WRITERS | {"publicity_editor"},
        # Recording and changing them.
        "community.change": WRITERS,
    }
)
