from frontline.core.permissions import ALL_ROLES, COUNTY, register

register(
    {
        # Reading people of one's jurisdiction (masked).
        "people.view": ALL_ROLES - {"finance"},
        "people.change": {
            "county_admin",
            "township_admin",
            "village_secretary",
            "first_secretary",
            "grid_leader",
        },
        # Seeing a whole ID number or mobile: those who must call or verify someone (audited each time).
        "people.unmask": {
            "county_admin",
            "township_admin",
            "village_secretary",
            "first_secretary",
            "medical",
            "police",
        },
        "people.export": {"county_admin", "township_admin", "village_secretary", "first_secretary"},
        "organizations.view": ALL_ROLES,
        "organizations.change": COUNTY | {"township_admin"},
        "members.view": ALL_ROLES - {"checkpoint_duty", "medical", "police", "finance"},
        "members.change": COUNTY | {"township_admin", "village_secretary", "first_secretary"},
    }
)
