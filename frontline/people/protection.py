"""From validated identifiers to the protected columns of Person (encrypted + keyed hash + masked)."""

from frontline.core.crypto import decrypt, encrypt, keyed_hash
from frontline.people.identifiers import IdNumber, mask_id, mask_phone


def id_hash(value: str) -> str:
    return keyed_hash("ric", value) if value else ""


def phone_hash(value: str) -> str:
    return keyed_hash("mobile", value) if value else ""


def protected_id_fields(idn: IdNumber | None) -> dict:
    if idn is None:
        return {"id_number_enc": "", "id_hash": None, "id_masked": ""}
    return {
        "id_number_enc": encrypt(idn.value),
        "id_hash": id_hash(idn.value),
        "id_masked": mask_id(idn.value),
        "gender": idn.gender,
        "birth_date": idn.birth_date,
    }


def protected_phone_fields(phone: str | None) -> dict:
    if not phone:
        return {"phone_enc": "", "phone_hash": "", "phone_masked": ""}
    return {"phone_enc": encrypt(phone), "phone_hash": phone_hash(phone), "phone_masked": mask_phone(phone)}


def reveal(token: str) -> str:
    """Only people.services.person_unmask (and exports the user may unmask) call this."""
    return decrypt(token)
