from django import template

from frontline.community.services.common import fen_display

register = template.Library()


@register.filter
def yuan(fen) -> str:
    """Integer fen → '12.50' (never through a float)."""
    return fen_display(int(fen or 0))


@register.filter
def can(policy, perm: str) -> bool:
    """{% if policy|can:"community.change" %}: show write actions only to roles that may write."""
    return bool(policy is not None and policy.has(perm))
