from django.core.paginator import Paginator


def paginate(request, qs, per_page: int = 50):
    """A page of a scoped queryset. Page number from GET (no personal data in it)."""
    paginator = Paginator(qs, per_page)
    return paginator.get_page(request.GET.get("page") or 1)
