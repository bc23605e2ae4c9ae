from django.apps import AppConfig


class QuarantineConfig(AppConfig):
    name = "frontline.quarantine"
    label = "quarantine"
