from django.apps import AppConfig


class DisciplineConfig(AppConfig):
    name = "frontline.discipline"
    label = "discipline"
