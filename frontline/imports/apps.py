from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "frontline.imports"
    label = "imports"
