from django import template

from frontline.care.money import format_fen

register = template.Library()


@register.filter
def yuan(fen):
    """Integer fen → '1,234.56' (exact)."""
    return format_fen(fen)


@register.filter
def lookup(mapping, key):
    return mapping.get(key, key)
