from frontline.core.permissions import ALL_ROLES, COUNTY, COUNTY_READ, TOWNSHIP, VILLAGE, register

EDITORS = COUNTY | {"publicity_editor"}

register(
    {
        # Reading the column, deeds and what was sent upward.
        "publicity.view": ALL_ROLES - {"finance", "checkpoint_duty"},
        # Writing and reviewing column posts, reviewing deeds, recording upward submissions.
        "publicity.write": EDITORS,
        # Anyone who leads people at the front line may nominate a typical deed for review.
        "publicity.nominate": EDITORS | TOWNSHIP | VILLAGE,
        # The daily brief (日报) of one's jurisdiction and producing report templates.
        "reports.brief": COUNTY_READ | TOWNSHIP | VILLAGE | {"publicity_editor"},
        # Defining report templates (no code: figures, order, headers, rows).
        "reports.templates": COUNTY,
    }
)
