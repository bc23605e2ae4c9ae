from frontline.core.permissions import COUNTY, register

register({"audit.view": COUNTY})
