import os

from django.urls import path

from frontline.checkpoints import views, views_register

app_name = "checkpoints"
urlpatterns = [
    path("", views.checkpoint_list, name="list"),
    path("new/", views.checkpoint_create, name="create"),
    path("<int:pk>/", views.checkpoint_detail, name="detail"),
    path("<int:pk>/edit/", views.checkpoint_edit, name="edit"),
    path("<int:pk>/roster/", views.roster_add, name="roster_add"),
    path("<int:pk>/roster/candidates/", views.roster_candidates, name="roster_candidates"),
    path("assignments/<int:pk>/remove/", views.roster_remove, name="roster_remove"),
    path("assignments/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("assignments/<int:pk>/check-out/", views.check_out, name="check_out"),
    path("my-shifts/", views.my_shifts, name="my_shifts"),
    path("unstaffed/", views.unstaffed, name="unstaffed"),
    path("risk-areas/", views.risk_areas, name="risk_areas"),
    path("register/", views_register.register, name="register"),
    path("places/", views_register.places, name="places"),
    path("registrations/", views_register.registration_list, name="registrations"),
    path("registrations/<int:pk>/", views_register.registration_detail, name="registration"),
    path("registrations/export/", views_register.registration_export, name="registrations_export"),
    path("stats/", views_register.stats, name="stats"),
    path("stats/export/", views_register.stats_export, name="stats_export"),
    path("alerts/", views_register.alert_list, name="alerts"),
    path("alerts/<int:pk>/", views_register.alert_update, name="alert_update"),
]

# bench/bench_checkpoints.py compares a registration POST with the cheapest Django view served by
# the same gunicorn workers. That view exists only when the benchmark sets FRONTLINE_BENCH=1.
if os.environ.get("FRONTLINE_BENCH") == "1":
    urlpatterns.append(path("bench-bare/", views_register.bench_bare, name="bench_bare"))
