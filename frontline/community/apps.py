from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "frontline.community"
    label = "community"
