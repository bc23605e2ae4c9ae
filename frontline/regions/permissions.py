from frontline.core.permissions import ALL_ROLES, register

register({"regions.view": ALL_ROLES})
