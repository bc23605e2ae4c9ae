"""A checkpoint registration's occupant turned into a returnee screening in one step (issue 4).

The registration and alert pages of the checkpoints app carry one "转为返乡摸排" button per occupant,
posting here. Most registrations tell the village the person stays in and the answer is one click;
at a highway exit only the township is known, and this page asks for the village first.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from frontline.checkpoints.models import Occupant
from frontline.core.scoping import scoped
from frontline.quarantine import services
from frontline.quarantine.models import RiskClass
from frontline.quarantine.services.checkpoint import campaign_for, stay_division
from frontline.regions.models import Division


def _occupant(request, registration_pk: int, pk: int) -> Occupant:
    request.policy.require("checkpoints.view")
    return request.policy.get_or_404(
        Occupant.objects.select_related("registration__checkpoint", "person"),
        pk=pk,
        registration_id=registration_pk,
    )


def _villages(policy, occupant):
    township = occupant.registration.division_code[:9]
    return list(
        Division.objects.filter(policy.q("code"), code__startswith=township, level__in=["village", "grid"])
        .order_by("code")
        .values_list("code", "name")[:500]
    )


def _to_record(request, returnee, registration_pk):
    if request.policy.has("quarantine.view") and request.policy.covers(returnee.division_code):
        return redirect("quarantine:returnee", pk=returnee.pk)
    return redirect("checkpoints:registration", pk=registration_pk)


@scoped("quarantine.screen")
@never_cache
def occupant_screen(request, registration_pk: int, pk: int):
    occupant = _occupant(request, registration_pk, pk)
    policy = request.policy
    errors = {}
    chosen = ""
    if request.method == "POST":
        chosen = request.POST.get("division_code", "")
        try:
            record = services.returnee_from_checkpoint(
                actor=request.user, occupant=occupant, division_code=chosen
            )
        except services.DuplicateScreening as exc:
            messages.warning(request, " ".join(exc.messages))
            return _to_record(request, exc.existing, registration_pk)
        except ValidationError as exc:
            errors = (
                {k: v[0] for k, v in exc.message_dict.items()}
                if hasattr(exc, "error_dict")
                else {"__all__": exc.messages[0]}
            )
        else:
            text = _("Screening recorded: %(risk)s.") % {"risk": record.get_risk_class_display()}
            if (
                record.risk_class == RiskClass.HOME_QUARANTINE
                and policy.has("quarantine.manage")
                and policy.has("quarantine.view")
            ):
                text += " " + _("Start the home quarantine below.")
            messages.success(request, text)
            return _to_record(request, record, registration_pk)
    reg = occupant.registration
    return render(
        request,
        "quarantine/checkpoint_screen.html",
        {
            "o": occupant,
            "reg": reg,
            "campaign": campaign_for(policy),
            "villages": _villages(policy, occupant),
            "chosen": chosen or stay_division(occupant, policy) or "",
            "errors": errors,
        },
        status=422 if errors else 200,
    )
