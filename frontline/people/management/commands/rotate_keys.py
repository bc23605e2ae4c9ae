"""Re-encrypt every protected identifier under the first key of FRONTLINE_FIELD_KEYS, in the current
token format (v2, AES-GCM): Fernet tokens written before v2 are moved too (see core/crypto.py).

Rotation: prepend a new Fernet key to FRONTLINE_FIELD_KEYS (keep the old one after it), restart,
run this command, then drop the old key. Keyed hashes (FRONTLINE_HASH_KEY) are not touched.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from frontline.audit.services import audit_record
from frontline.core.crypto import rotate
from frontline.people.models import Person


class Command(BaseCommand):
    help = "Re-encrypt protected identifiers under the newest key."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000)

    def handle(self, *args, batch, **options):
        total, last = 0, 0
        while True:
            with transaction.atomic():
                people = list(
                    Person.objects.filter(pk__gt=last)
                    .order_by("pk")
                    .only("pk", "id_number_enc", "phone_enc")[:batch]
                )
                if not people:
                    break
                for p in people:
                    p.id_number_enc = rotate(p.id_number_enc)
                    p.phone_enc = rotate(p.phone_enc)
                Person.objects.bulk_update(people, ["id_number_enc", "phone_enc"])
                last = people[-1].pk
                total += len(people)
        with transaction.atomic():
            audit_record(
                actor=None,
                actor_username="rotate_keys",
                action="bulk_update",
                object_type="people.person",
                count=total,
                detail={"reason": "key rotation"},
            )
        self.stdout.write(f"re-encrypted {total} people")
