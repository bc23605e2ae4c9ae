from django.apps import AppConfig


class CheckpointsConfig(AppConfig):
    name = "frontline.checkpoints"
    label = "checkpoints"
