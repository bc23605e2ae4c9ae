"""Every write of the quarantine app, one function per use case (`<entity>_<action>(*, actor, …)`),
each in a transaction with its audit event. The web forms, the API, the Excel import and the
checkpoint conversion all call these."""

from frontline.quarantine.services.checkpoint import returnee_from_checkpoint
from frontline.quarantine.services.grids import grid_create, grid_set_leader, household_create
from frontline.quarantine.services.quarantine import (
    checkin_alert_update,
    checkin_record,
    quarantine_end,
    quarantine_extend,
    quarantine_start,
    quarantine_team_set,
)
from frontline.quarantine.services.screening import (
    BulkScreenResult,
    DuplicateScreening,
    ReturneeRow,
    campaign_create,
    returnee_screen,
    returnees_bulk_screen,
    risk_rule_save,
)
from frontline.quarantine.services.support import (
    support_request_assign,
    support_request_cancel,
    support_request_create,
    support_request_deliver,
    support_request_settle,
)

__all__ = [
    "BulkScreenResult",
    "DuplicateScreening",
    "ReturneeRow",
    "campaign_create",
    "checkin_alert_update",
    "checkin_record",
    "grid_create",
    "grid_set_leader",
    "household_create",
    "quarantine_end",
    "quarantine_extend",
    "quarantine_start",
    "quarantine_team_set",
    "returnee_from_checkpoint",
    "returnee_screen",
    "returnees_bulk_screen",
    "risk_rule_save",
    "support_request_assign",
    "support_request_cancel",
    "support_request_create",
    "support_request_deliver",
    "support_request_settle",
]
