from decimal import Decimal

from django import template

from frontline.care.money import format_fen

register = template.Library()


@register.filter
def yuan(fen):
    """Integer fen → '1,234.56' (exact)."""
    return format_fen(fen)


@register.filter
def figure_number(value):
    """A figure's number: yuan with two decimals and separators when fractional, else grouped."""
    if isinstance(value, float):
        return format_fen(int((Decimal(str(value)) * 100).to_integral_value()))
    if isinstance(value, int):
        return f"{value:,}"
    return value


@register.filter
def lookup(mapping, key):
    return mapping.get(key, key)
