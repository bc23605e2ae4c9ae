"""Every write of the community app, one function per use case (`<entity>_<action>(*, actor, …)`), each
in a transaction with its audit event. The web forms and the API call these."""

from frontline.community.services.common import fen_display, yuan_to_fen
from frontline.community.services.gatherings import gathering_create, gathering_record_outcome
from frontline.community.services.jobs import (
    employment_survey_create,
    job_match_create,
    job_match_decide,
    job_posting_create,
)
from frontline.community.services.produce import (
    listing_remaining,
    produce_listing_create,
    produce_listing_set_status,
    produce_order_cancel,
    produce_order_create,
    produce_order_deliver,
    produce_order_record_payment,
)
from frontline.community.services.teams import patrol_log_create, team_create, team_disband, team_update

__all__ = [
    "employment_survey_create",
    "fen_display",
    "gathering_create",
    "gathering_record_outcome",
    "job_match_create",
    "job_match_decide",
    "job_posting_create",
    "listing_remaining",
    "patrol_log_create",
    "produce_listing_create",
    "produce_listing_set_status",
    "produce_order_cancel",
    "produce_order_create",
    "produce_order_deliver",
    "produce_order_record_payment",
    "team_create",
    "team_disband",
    "team_update",
    "yuan_to_fen",
]
