"""ProfileSection.listing: the section shape every cadre-profile provider uses."""

from frontline.evaluation.profile import ProfileItem, ProfileSection
from frontline.people.models import Person
from frontline.testing import YUANTANG, make_person


def test_a_listing_counts_every_record_and_lists_only_the_first_ones_in_order(db):
    people = [make_person(YUANTANG, f"党员{i}") for i in range(4)]
    records = Person.objects.filter(pk__in=[p.pk for p in people]).order_by("-id")
    section = ProfileSection.listing(
        "Shifts", records, lambda p: ProfileItem(text=p.name), key="app.shifts", url="/all/", limit=3
    )
    assert section.count == 4
    assert [i.text for i in section.items] == ["党员3", "党员2", "党员1"]
    assert (section.title, section.key, section.url, section.unavailable) == (
        "Shifts",
        "app.shifts",
        "/all/",
        False,
    )
