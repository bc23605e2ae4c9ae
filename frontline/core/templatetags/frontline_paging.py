from django import template

from frontline.core.paging import page_query

register = template.Library()


@register.simple_tag(takes_context=True)
def page_href(context, number):
    """Link to page `number` of the list being shown; a POSTed search travels as its opaque key only."""
    request = context.get("request")
    if request is None:  # rendered without a request (a mail, a file): the page number alone
        return f"?page={int(number)}"
    return page_query(request, number, context.get("search"))
