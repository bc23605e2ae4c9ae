"""Field encryption: the v2 (AES-GCM) format, old Fernet tokens, key ids and rotation, keyed hashes."""

import base64
import hashlib
import hmac

import pytest
from cryptography.fernet import Fernet

from frontline.core import crypto

VALUE = "360732199001011234"


@pytest.fixture
def keys(settings):
    settings.FRONTLINE_FIELD_KEYS = [Fernet.generate_key().decode()]
    return settings


def test_v2_token_round_trips_and_hides_the_value(keys):
    token = crypto.encrypt(VALUE)
    assert token.startswith("v2.") and VALUE not in token and VALUE[-4:] not in token
    assert crypto.decrypt(token) == VALUE
    assert crypto.encrypt(VALUE) != token  # a fresh nonce every time


def test_empty_values_stay_empty(keys):
    assert crypto.encrypt("") == "" and crypto.decrypt("") == "" and crypto.rotate("") == ""
    assert crypto.encrypt_many(["", VALUE, ""])[0::2] == ["", ""]


def test_encrypt_many_equals_encrypt_one_by_one(keys):
    values = [f"1708287{i:04d}" for i in range(50)]
    tokens = crypto.encrypt_many(values)
    assert [crypto.decrypt(t) for t in tokens] == values
    assert len({t[3:27] for t in tokens}) == len(tokens)  # no nonce reused within a batch


def test_fernet_tokens_written_before_v2_are_still_read(keys):
    legacy = Fernet(keys.FRONTLINE_FIELD_KEYS[0].encode()).encrypt(VALUE.encode()).decode()
    assert crypto.decrypt(legacy) == VALUE


def test_a_token_of_an_older_key_is_read_while_that_key_is_configured(keys):
    token = crypto.encrypt(VALUE)
    keys.FRONTLINE_FIELD_KEYS = [Fernet.generate_key().decode(), *keys.FRONTLINE_FIELD_KEYS]
    assert crypto.decrypt(token) == VALUE
    rotated = crypto.rotate(token)
    kid = base64.urlsafe_b64decode(rotated[3:])[:4]
    assert (
        rotated.startswith("v2.")
        and kid == crypto._current().first_kid != base64.urlsafe_b64decode(token[3:])[:4]
    )
    keys.FRONTLINE_FIELD_KEYS = keys.FRONTLINE_FIELD_KEYS[:1]  # the old key dropped
    assert crypto.decrypt(rotated) == VALUE
    with pytest.raises(ValueError, match="cannot be decrypted"):
        crypto.decrypt(token)


def test_rotate_moves_fernet_tokens_to_v2_under_the_first_key(keys):
    old = keys.FRONTLINE_FIELD_KEYS[0]
    legacy = Fernet(old.encode()).encrypt(VALUE.encode()).decode()
    keys.FRONTLINE_FIELD_KEYS = [Fernet.generate_key().decode(), old]
    rotated = crypto.rotate(legacy)
    keys.FRONTLINE_FIELD_KEYS = keys.FRONTLINE_FIELD_KEYS[:1]
    assert rotated.startswith("v2.") and crypto.decrypt(rotated) == VALUE


@pytest.mark.parametrize("damage", ["flip", "truncate", "kid", "garbage", "header"])
def test_a_damaged_or_foreign_token_is_refused(keys, damage):
    token = crypto.encrypt(VALUE)
    blob = bytearray(base64.urlsafe_b64decode(token[3:]))
    if damage == "flip":
        blob[-1] ^= 1
    elif damage == "truncate":
        blob = blob[:10]
    elif damage == "kid":
        blob[0] ^= 1
    bad = {
        "garbage": "v2.@@not base64@@",
        "header": "v3." + token[3:],
    }.get(damage) or "v2." + base64.urlsafe_b64encode(bytes(blob)).decode()
    with pytest.raises(ValueError, match="cannot be decrypted"):
        crypto.decrypt(bad)


def test_the_header_is_authenticated_too(keys):
    """Swapping the key id for another configured key's id must not decrypt (AAD binds it)."""
    token = crypto.encrypt(VALUE)
    keys.FRONTLINE_FIELD_KEYS = [*keys.FRONTLINE_FIELD_KEYS, Fernet.generate_key().decode()]
    other_kid = [k for k in crypto._current().aead if k != crypto._current().first_kid][0]
    blob = base64.urlsafe_b64decode(token[3:])
    swapped = "v2." + base64.urlsafe_b64encode(other_kid + blob[4:]).decode()
    with pytest.raises(ValueError):
        crypto.decrypt(swapped)


def test_keyed_hasher_equals_keyed_hash_and_plain_hmac(settings):
    digest = crypto.keyed_hasher("ric")
    expected = hmac.new(
        settings.FRONTLINE_HASH_KEY.encode(), f"ric:{VALUE}".encode(), hashlib.sha256
    ).hexdigest()
    assert digest(VALUE) == crypto.keyed_hash("ric", VALUE) == expected
    assert crypto.keyed_hash("mobile", VALUE) != expected and digest("") == ""
