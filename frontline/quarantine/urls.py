from django.urls import path

from frontline.quarantine import views, views_bulk, views_checkpoint, views_followup

app_name = "quarantine"
urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("area/<str:code>/", views.workbench, name="area"),
    path("returnees/", views.returnee_list, name="returnees"),
    path("returnees/new/", views.returnee_new, name="returnee_new"),
    path("returnees/<int:pk>/", views.returnee_detail, name="returnee"),
    path(
        "checkpoint-registrations/<int:registration_pk>/occupants/<int:pk>/screen/",
        views_checkpoint.occupant_screen,
        name="checkpoint_screen",
    ),
    path("returnees/<int:returnee_pk>/quarantine/", views_followup.quarantine_start, name="start"),
    path("quarantines/", views_followup.quarantine_list, name="list"),
    path("quarantines/<int:pk>/", views_followup.quarantine_detail, name="detail"),
    path("quarantines/<int:pk>/team/", views_followup.quarantine_team, name="team"),
    path("quarantines/<int:pk>/checkin/", views_followup.checkin, name="checkin"),
    path("quarantines/<int:pk>/extend/", views_followup.quarantine_extend, name="extend"),
    path("quarantines/<int:pk>/end/", views_followup.quarantine_end, name="end"),
    path("quarantines/<int:pk>/support/", views_followup.support_new, name="support_new"),
    path("checkins/<int:pk>/alert/", views_followup.alert_update, name="alert"),
    path("support/", views_followup.support_list, name="support"),
    path("support/<int:pk>/<str:action>/", views_followup.support_action, name="support_action"),
    path("grids/", views.grid_list, name="grids"),
    path("grids/<int:pk>/", views.grid_detail, name="grid"),
    path("rules/", views.rule_list, name="rules"),
    path("bulk/", views_bulk.bulk_list, name="bulk"),
    path("bulk/<int:pk>/decide/", views_bulk.bulk_decide, name="bulk_decide"),
]
