"""The Excel import's `returnees` kind (big-data push lists, village lists): file rows → bulk screening.

Rows arrive parsed and jurisdiction-checked by frontline.imports (see kinds/returnees.py for the row
shape). They are screened in the newest active campaign the importer may screen in; a person already
screened in that campaign is "unchanged", so importing the same list again changes nothing.
"""

from __future__ import annotations

import functools

from django.utils.translation import gettext as _

from frontline.checkpoints.places import CITIES, PROVINCE_FULL
from frontline.checkpoints.temperature import is_fever
from frontline.core.policy import policy_for
from frontline.people.services import PersonRow
from frontline.quarantine.models import Source, TravelMode
from frontline.quarantine.selectors import active_campaigns
from frontline.quarantine.services.screening import ReturneeRow, ScreeningBatch

TRAVEL_WORDS = [
    (("飞机", "航班", "航空", "机场"), TravelMode.FLIGHT),
    (("火车", "高铁", "动车", "列车", "铁路", "车次"), TravelMode.TRAIN),
    (("大巴", "客车", "客运", "巴士", "公交"), TravelMode.BUS),
    (("自驾", "私家车", "小车", "驾车", "汽车", "轿车", "摩托"), TravelMode.CAR),
]


@functools.lru_cache(maxsize=4096)
def travel_mode(text) -> str:
    """The travel mode a free-text transport cell names (cached: lists repeat a handful of words)."""
    text = str(text or "")
    for words, mode in TRAVEL_WORDS:
        if any(w in text for w in words):
            return mode
    return TravelMode.OTHER


@functools.lru_cache(maxsize=4096)
def place_code(text) -> str:
    """The most precise GB/T 2260 code a free-text origin names (a city, else its province). Cached:
    it scans every city name, and a list names the same few origins thousands of times."""
    text = str(text or "")
    for code, name in CITIES.items():
        short = name.replace("省", "").replace("市", "")
        city = short[2:] if len(short) > 2 else short
        if city and city in text:
            return code
    for code, name in PROVINCE_FULL.items():
        if name[:2] in text:
            return code
    return ""


def returnee_import_rows(*, actor, rows: list[dict], dry_run: bool = False) -> dict:
    """The import engine's commit of validated returnee rows (see frontline.imports.kinds.returnees).
    The engine's pipeline uses the same in halves: ReturneeImport (returnee_import_rows.committer)."""
    halves = ReturneeImport(actor=actor, dry_run=dry_run)
    return halves.write(halves.stage(rows))


class ReturneeImport:
    """returnee_import_rows in halves: made once per import inside its transaction (the campaign and
    the lookups of ScreeningBatch), stage(rows) in the reading thread (no database), write(staged) in
    the writer thread. Rows are screened in the newest active campaign the importer may screen in."""

    def __init__(self, *, actor, dry_run: bool = False):
        policy = policy_for(actor)
        campaign = active_campaigns(policy=policy).order_by("-starts_on", "-pk").first()
        self.batch = ScreeningBatch(actor=actor, campaign=campaign) if campaign is not None else None
        self._fever: dict = {}  # temperature → is_fever(temperature) (the threshold is a setting)

    def stage(self, rows: list[dict]):
        numbers = [r["_row"] for r in rows]
        if self.batch is None:
            return numbers, None
        fever = self._fever
        prepared = []
        for r in rows:
            idn = r.get("id_number")
            origin = r.get("origin") or ""
            code = place_code(origin) or ("42" if r.get("via_hubei") else "")
            temperature = r.get("temperature")
            if temperature is not None and temperature not in fever:
                fever[temperature] = is_fever(temperature)
            symptoms = ["fever"] if temperature is not None and fever[temperature] else []
            prepared.append(
                ReturneeRow(
                    person_row=PersonRow(
                        name=r.get("name") or "",
                        division_code=r["division_code"],
                        id_value=idn.value if idn else "",
                        birth_date=idn.birth_date if idn else None,
                        gender=idn.gender if idn else "",
                        phone=r.get("mobile") or "",
                        address=r.get("address") or "",
                    ),
                    return_date=r.get("returned_on"),
                    travel_mode=travel_mode(r.get("transport")),
                    travel_number=str(r.get("trip") or "")[:40],
                    returned_from_code=code,
                    returned_from_text=origin[:100],
                    symptoms=symptoms,
                    temperature=temperature,
                    source=Source.BIG_DATA,
                    source_ref="imports",
                    division_code=r["division_code"],
                )
            )
        return numbers, self.batch.stage(prepared)

    def write(self, staged) -> dict:
        numbers, screenings = staged
        if screenings is None:
            message = _("No active screening campaign: ask the county to open one.")
            return {
                "created": 0,
                "updated": 0,
                "unchanged": 0,
                "ids": [],
                "errors": [(n, message) for n in numbers],
            }
        # The engine writes the import's one audit event; the rows come back as ids, not model instances.
        result = self.batch.write(screenings)
        errors = [
            (numbers[index], "；".join(str(m) for m in fields.values())) for index, fields in result.errors
        ]
        return {
            "created": len(result.created_ids),
            "updated": 0,
            "unchanged": len(result.duplicates),
            "ids": result.created_ids,
            "errors": errors,
        }


returnee_import_rows.committer = ReturneeImport
