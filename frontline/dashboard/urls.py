from django.urls import path

from frontline.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard, name="home"),
    path("<str:code>/", views.dashboard, name="division"),
]
