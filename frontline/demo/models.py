from django.db import models


class DemoStep(models.Model):
    """Which demo steps have run, so seed_demo is idempotent and resumable."""

    name = models.CharField(max_length=50, unique=True)
    done_at = models.DateTimeField(auto_now_add=True)
    detail = models.JSONField(default=dict, blank=True)

    def __str__(self):
        return self.name
