"""The cadre search comes by POST: names never reach a URL; choice filters (profession) stay in GET."""

from frontline.people.models import Cadre
from frontline.testing import GAOXING, make_person


def test_cadre_search_by_post_finds_by_name(client_for, cadres):
    body = client_for("county_admin").post("/evaluation/", {"q": "水头"}).content.decode()
    assert "水头书记" in body and "园塘委员" not in body


def test_cadre_search_in_the_url_does_not_search(client_for, cadres):
    body = client_for("county_admin").get("/evaluation/", {"q": "水头"}).content.decode()
    assert "水头书记" in body and "园塘委员" in body


def test_searched_cadres_page_by_key_and_keep_the_profession_filter(client_for, cadres):
    for i in range(52):
        Cadre.objects.create(
            person=make_person(GAOXING, f"钟医生{i:02d}"),
            kind="cadre",
            division_code=GAOXING,
            profession="medical",
        )
    Cadre.objects.create(person=make_person(GAOXING, "钟书记"), kind="cadre", division_code=GAOXING)
    client = client_for("county_admin")
    first = client.post("/evaluation/?profession=medical", {"q": "钟"}).content.decode()
    assert "钟书记" not in first and "钟医生00" in first
    link = next(part for part in first.split('"') if part.startswith("?") and "page=2" in part).replace(
        "&amp;", "&"
    )
    assert "profession=medical" in link and "s=" in link and "q=" not in link
    second = client.get("/evaluation/" + link).content.decode()
    assert "钟医生51" in second and "钟书记" not in second and "卫生院医生" not in second
