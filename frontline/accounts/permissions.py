from frontline.core.permissions import ALL_ROLES, register

register({"accounts.me": ALL_ROLES})
