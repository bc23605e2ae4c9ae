import importlib

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from frontline.api import api
from frontline.core import views as core_views
from frontline.core.scoping import public

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path(
        "accounts/login/",
        public(
            auth_views.LoginView.as_view(template_name="core/login.html", redirect_authenticated_user=True)
        ),
        name="login",
    ),
    path("accounts/logout/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("jsi18n/", public(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

# Each domain app serves its pages under /<label>/ from its own urls.py (app_name = label).
for app in settings.FRONTLINE_APPS:
    try:
        importlib.import_module(f"{app}.urls")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.urls":
            raise
        continue
    label = apps.get_app_config(app.rsplit(".", 1)[-1]).label
    urlpatterns.append(path(f"{label}/", include(f"{app}.urls")))
