from frontline.core.permissions import COUNTY, COUNTY_READ, TOWNSHIP, register

register(
    {
        # A township sees the visits, findings and rectifications about itself.
        "supervision.view": COUNTY_READ | TOWNSHIP | {"discipline_inspector"},
        # Department leaders (county administrators) assign areas, record visits and findings.
        "supervision.change": COUNTY,
        # Closing a rectification with evidence: the township that fixed it, or the county.
        "supervision.rectify": COUNTY | TOWNSHIP,
    }
)
