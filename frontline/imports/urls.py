from django.urls import path

from frontline.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/status/", views.job_status, name="job_status"),
    path("jobs/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("jobs/<int:pk>/retry/", views.retry, name="retry"),
    path("jobs/<int:pk>/errors.xlsx", views.errors, name="errors"),
    path("templates/<slug:kind>.xlsx", views.template, name="template"),
    path("history.xlsx", views.history_export, name="history_export"),
    path("alerts/", views.alerts, name="alerts"),
]
