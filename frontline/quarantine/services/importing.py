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
from frontline.quarantine.services.screening import ReturneeRow, returnees_bulk_screen

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
    policy = policy_for(actor)
    campaign = active_campaigns(policy=policy).order_by("-starts_on", "-pk").first()
    if campaign is None:
        message = _("No active screening campaign: ask the county to open one.")
        return {
            "created": 0,
            "updated": 0,
            "unchanged": 0,
            "ids": [],
            "errors": [(r["_row"], message) for r in rows],
        }
    prepared = []
    fever: dict = {}  # temperature → is_fever(temperature), within this call (the threshold is a setting)
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
    # The engine writes the import's one audit event; the rows come back as ids, not model instances.
    result = returnees_bulk_screen(actor=actor, campaign=campaign, rows=prepared, audit=False, records=False)
    errors = []
    for index, fields in result.errors:
        errors.append((rows[index]["_row"], "；".join(str(m) for m in fields.values())))
    return {
        "created": len(result.created_ids),
        "updated": 0,
        "unchanged": len(result.duplicates),
        "ids": result.created_ids,
        "errors": errors,
    }
