"""What each app's demo.py receives: seed(ctx). Apps seed their own records in bulk, scoped and dated
around the demo day (2020-02-19), and return a dict of counts that seed_demo prints."""

import datetime as dt
from dataclasses import dataclass, field

from frontline.demo.synth import Synth

DEMO_DAY = dt.date(2020, 2, 19)
COUNTY = "360732"
GAOXING = "360732104"
JUNCUN = "360732209"
CHANGGANG = "360732217"
YUANTANG = "360732217203"
DEMO_PASSWORD = "Xingguo@2020"  # noqa: S105 - the published demo password


@dataclass
class DemoContext:
    synth: Synth
    members: int = 20_400
    day: dt.date = DEMO_DAY
    log: list[str] = field(default_factory=list)

    @property
    def rng(self):
        return self.synth.rng

    def user(self, username: str):
        from frontline.accounts.models import User

        return User.objects.get(username=username)

    def villages(self, prefix: str = COUNTY) -> list[str]:
        from frontline.regions.models import Division

        return list(
            Division.objects.filter(level="village", code__startswith=prefix).values_list("code", flat=True)
        )

    def townships(self) -> list[str]:
        from frontline.regions.models import Division

        return list(Division.objects.filter(level="township").values_list("code", flat=True))
