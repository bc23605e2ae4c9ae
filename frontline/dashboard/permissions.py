from frontline.core.permissions import ALL_ROLES, register

register({"dashboard.view": ALL_ROLES - {"checkpoint_duty"}, "stats.view": ALL_ROLES - {"checkpoint_duty"}})
