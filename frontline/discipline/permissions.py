from frontline.core.permissions import ALL_ROLES, COUNTY, COUNTY_READ, TOWNSHIP, VILLAGE, register

# 负面清单 is the most sensitive record here: discipline and county roles write; county leaders and
# the cadre's own township leadership read (scoped by the cadre's division); nobody else.
NEGATIVE_READ = COUNTY_READ | TOWNSHIP | {"discipline_inspector"}
NEGATIVE_WRITE = COUNTY | {"discipline_inspector"}
BRANCH_WRITE = COUNTY | TOWNSHIP | VILLAGE

register(
    {
        "discipline.view": ALL_ROLES - {"finance"},
        "discipline.rules_view": ALL_ROLES,
        "discipline.rules_change": COUNTY,
        # Recording acknowledgements on a cadre's behalf, and seeing who is missing.
        "discipline.ack_view": COUNTY_READ | TOWNSHIP | {"discipline_inspector"},
        "discipline.ack_record": COUNTY | TOWNSHIP,
        "discipline.negative_view": NEGATIVE_READ,
        "discipline.negative_change": NEGATIVE_WRITE,
        "discipline.pledges_view": ALL_ROLES - {"checkpoint_duty", "medical", "police", "finance"},
        "discipline.pledges_change": BRANCH_WRITE,
        "discipline.assess": BRANCH_WRITE,
        "discipline.teams_view": ALL_ROLES - {"finance"},
        "discipline.teams_change": COUNTY | TOWNSHIP,
        "discipline.groups_view": ALL_ROLES,
    }
)
