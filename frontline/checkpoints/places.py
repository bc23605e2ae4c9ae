"""Places a vehicle comes from or goes to: the county's own division tree plus provinces and the
cities most travellers came from (a checkpoint in Xingguo mostly sees Guangdong, Fujian, Zhejiang and
Hubei plates). Codes are GB/T 2260, so a high-risk area code (42 湖北) is a prefix of them."""

from __future__ import annotations

from functools import lru_cache

from django.db.models import Q

from frontline.checkpoints.plates import PROVINCES

CITIES = {
    "4201": "湖北省武汉市",
    "4202": "湖北省黄石市",
    "4209": "湖北省孝感市",
    "4210": "湖北省荆州市",
    "4211": "湖北省黄冈市",
    "4401": "广东省广州市",
    "4403": "广东省深圳市",
    "4419": "广东省东莞市",
    "4406": "广东省佛山市",
    "3502": "福建省厦门市",
    "3303": "浙江省温州市",
    "3301": "浙江省杭州市",
    "3601": "江西省南昌市",
    "3607": "江西省赣州市",
    "3608": "江西省吉安市",
    "3101": "上海市",
}
PROVINCE_FULL = {
    code: name
    + (
        "市"
        if code in ("11", "12", "31", "50")
        else "自治区"
        if code in ("15", "45", "54", "64", "65")
        else "省"
    )
    for code, name in PROVINCES.values()
}


def static_places() -> list[tuple[str, str]]:
    return sorted(PROVINCE_FULL.items()) + sorted(CITIES.items())


@lru_cache(maxsize=4096)
def place_name(code: str) -> str:
    """Display name of a place code (memoized: public geography that practically never changes)."""
    if not code:
        return ""
    if code in PROVINCE_FULL:
        return PROVINCE_FULL[code]
    if code in CITIES:
        return CITIES[code]
    from frontline.regions.models import Division

    d = Division.objects.filter(code=code).only("full_name", "name").first()
    return (d.full_name or d.name) if d else ""


def is_known_place(code: str) -> bool:
    return bool(place_name(code))


def search_places(q: str, limit: int = 15) -> list[dict]:
    """Names containing q: provinces and cities first, then the county's divisions."""
    from frontline.regions.models import Division

    q = (q or "").strip()
    if not q:
        return []
    out = [{"code": c, "name": n} for c, n in static_places() if q in n or c == q]
    rows = (
        Division.objects.filter(Q(name__contains=q) | Q(code=q))
        .exclude(level="grid")
        .order_by("code")
        .values_list("code", "full_name", "name")[: limit * 2]
    )
    out += [{"code": c, "name": full or name} for c, full, name in rows]
    return out[:limit]
