from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "frontline.publicity"
    label = "publicity"
