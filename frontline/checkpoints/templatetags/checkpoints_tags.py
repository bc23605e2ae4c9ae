from django import template

from frontline.checkpoints.places import place_name

register = template.Library()


@register.simple_tag
def place(code, text=""):
    """'湖北省 武汉火车站' from a place code and free text."""
    name = place_name(code) if code else ""
    return " ".join(x for x in (name, text) if x) or "—"
