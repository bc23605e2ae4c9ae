from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from frontline.core.scoping import public, scoped


@public
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@scoped("core.home")
def home(request):
    """A home page per role: the entries each app registers in nav.py, filtered by the user's roles."""
    from frontline.regions.models import Division

    division = Division.objects.filter(code=request.policy.prefix).first()
    return render(request, "core/home.html", {"division": division})
