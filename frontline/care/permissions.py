from frontline.core.permissions import COUNTY_READ, register

register(
    {
        # The ledger: the county organization department and its finance office write it; the leading
        # group reads it all; a township reads what went to its own people and organizations.
        "care.view": COUNTY_READ | {"finance", "township_admin"},
        "care.change": {"county_admin", "finance"},
        # Visits are made by the department and by township leadership in their own township.
        "care.visit": {"county_admin", "finance", "township_admin"},
        "care.export": {"county_admin", "county_leader", "finance"},
    }
)
