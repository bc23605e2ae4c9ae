from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "frontline.dashboard"
    label = "dashboard"
