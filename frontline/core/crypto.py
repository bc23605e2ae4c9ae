"""Protection of personal identifiers at rest.

- encrypt()/decrypt(): MultiFernet over FRONTLINE_FIELD_KEYS (AES-128-CBC + HMAC-SHA256). The first
  key encrypts; every key decrypts, so keys can be rotated with `manage.py rotate_keys`.
- keyed_hash(): HMAC-SHA256 under FRONTLINE_HASH_KEY, with a purpose label so an ID-number hash can
  never be compared with a phone hash. Used for exact lookup and deduplication without decrypting.
Keys come from settings/environment only.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])


def _current() -> MultiFernet:
    return _fernet(tuple(settings.FRONTLINE_FIELD_KEYS))


def encrypt(value: str) -> str:
    if not value:
        return ""
    return _current().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _current().decrypt(token.encode()).decode()
    except InvalidToken as exc:  # a key was dropped before rotation finished
        raise ValueError("identifier cannot be decrypted with the configured keys") from exc


def rotate(token: str) -> str:
    """Re-encrypt under the first (newest) key."""
    if not token:
        return ""
    return _current().rotate(token.encode()).decode()


def keyed_hash(purpose: str, value: str) -> str:
    if not value:
        return ""
    key = settings.FRONTLINE_HASH_KEY.encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()
