from django.apps import AppConfig


class CheckpointsConfig(AppConfig):
    name = "frontline.checkpoints"
    label = "checkpoints"

    def ready(self):
        # Connects the receiver that drops this process's copy of the high-risk areas on a change.
        from frontline.checkpoints import registration  # noqa: F401
