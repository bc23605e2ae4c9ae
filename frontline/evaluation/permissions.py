from frontline.core.permissions import register

register(
    {
        # Evaluations are sensitive: the county organization department and township leadership only
        # (scoping then limits a township to its own cadres). Village users, checkpoint staff,
        # discipline and finance do not read them.
        "evaluation.view": {"county_admin", "county_leader", "township_admin"},
        # Recording what a cadre did on the front line, and commendations.
        "evaluation.change": {"county_admin", "township_admin"},
        # Priority pools and adjustments are decisions of the county organization department.
        "evaluation.decide": {"county_admin"},
    }
)
