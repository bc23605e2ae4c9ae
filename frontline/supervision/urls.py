from django.urls import path

from frontline.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.coverage, name="coverage"),
    path("visits/", views.visit_list, name="visits"),
    path("visits/new/", views.visit_new, name="visit_new"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/<int:pk>/feedback/", views.visit_feedback, name="visit_feedback"),
    path("visits/<int:pk>/findings/", views.finding_new, name="finding_new"),
    path("findings/", views.finding_list, name="findings"),
    path("findings/<int:pk>/rectifications/", views.rectification_new, name="rectification_new"),
    path("rectifications/", views.rectification_list, name="rectifications"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification"),
    path("rectifications/<int:pk>/evidence/", views.rectification_evidence, name="rectification_evidence"),
]
