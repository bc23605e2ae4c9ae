from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "frontline.core"
    label = "core"
    verbose_name = "Frontline core"

    def ready(self):
        # Each app declares its permissions in permissions.py, its home-page entries in nav.py and
        # its reactions to other modules' work in handlers.py.
        autodiscover_modules("permissions")
        autodiscover_modules("nav")
        autodiscover_modules("handlers")
        from frontline.core import files

        files.connect()
