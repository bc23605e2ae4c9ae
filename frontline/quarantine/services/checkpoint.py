"""A checkpoint registration (or its alert) turned into a returnee screening in one step (issue 4).

The checkpoint app recorded who came, from where, when, by what vehicle and at what temperature; the
screening takes all of it over, so the cadre only confirms. Who may do it: a role that may screen
(quarantine.screen) and may see the registration (checkpoints.view), in whose jurisdiction both the
registration and the village the person stays in lie.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from frontline.checkpoints.models import Occupant, Registration, VehicleType
from frontline.checkpoints.places import place_name
from frontline.core.policy import policy_for
from frontline.quarantine.models import Campaign, Returnee, Source, TravelMode
from frontline.quarantine.selectors import active_campaigns
from frontline.quarantine.services.screening import returnee_screen
from frontline.regions.models import Division

# A truck is driven by its own crew like a private car: no shared cabin with strangers.
TRAVEL_MODE_OF_VEHICLE = {
    VehicleType.CAR: TravelMode.CAR,
    VehicleType.TRUCK: TravelMode.CAR,
    VehicleType.BUS: TravelMode.BUS,
}


def registration_source_ref(registration: Registration | int) -> str:
    return f"checkpoints.registration:{getattr(registration, 'pk', registration)}"


def _is_village(code: str) -> bool:
    return len(code or "") in (12, 15)


def stay_division(occupant: Occupant, policy=None) -> str | None:
    """The village (or grid) where the person stays, if the registration tells: the person's own
    division, else where the vehicle was going, else the checkpoint's village. None when only a
    township is known (a highway exit): the cadre then chooses the village."""
    reg = occupant.registration
    candidates = [occupant.person.division_code, reg.destination_code, reg.division_code]
    for code in candidates:
        if (
            _is_village(code)
            and (policy is None or policy.covers(code))
            and Division.objects.filter(code=code).exists()
        ):
            return code
    return None


def campaign_for(policy) -> Campaign | None:
    """The newest active campaign the user may screen in."""
    return active_campaigns(policy=policy).order_by("-starts_on", "-pk").first()


def returnee_from_checkpoint(*, actor, occupant: Occupant, division_code: str = "") -> Returnee:
    """Screen one occupant of a registration. Raises DuplicateScreening (with `existing`) when the
    person was already screened in the campaign, ValidationError({"division_code"}) when the village
    must be chosen, ValidationError({"campaign"}) when no campaign is open."""
    policy = policy_for(actor)
    policy.require("quarantine.screen")
    policy.require("checkpoints.view")
    reg = occupant.registration
    policy.require_covers(reg.division_code)
    code = (division_code or "").strip() or stay_division(occupant, policy)
    if not code:
        raise ValidationError(
            {"division_code": _("Choose the village (or grid) where the person is staying.")}
        )
    campaign = campaign_for(policy)
    if campaign is None:
        raise ValidationError(
            {
                "campaign": _(
                    "No screening campaign is open: ask the county organization department to open one."
                )
            }
        )
    return returnee_screen(
        actor=actor,
        campaign=campaign,
        person=occupant.person,
        division_code=code,
        returned_from_code=reg.origin_code,
        returned_from_text=reg.origin_text or place_name(reg.origin_code),
        return_date=timezone.localtime(reg.registered_at).date(),
        travel_mode=TRAVEL_MODE_OF_VEHICLE.get(reg.vehicle_type, TravelMode.OTHER),
        travel_number=reg.plate,
        temperature=occupant.temperature,
        symptoms=["fever"] if occupant.is_fever else [],
        source=Source.CHECKPOINT,
        source_ref=registration_source_ref(reg),
    )
