"""Protection of personal identifiers at rest.

encrypt()/decrypt()/rotate(): authenticated encryption under FRONTLINE_FIELD_KEYS, a list of Fernet
keys (as before): the first key encrypts, every key decrypts, so keys are rotated by prepending a new
key, running `manage.py rotate_keys`, then dropping the old one.

Token formats, told apart by their first characters:
- "v2.<base64url(key id ‖ nonce ‖ ciphertext ‖ tag)>", written by encrypt(): AES-256-GCM (one C call,
  ~1 µs; Fernet's AES-CBC + HMAC with its Python-level framing costs ~15 µs, which was a quarter of a
  bulk import's time per row). The AES key is derived from the configured Fernet key with HKDF-SHA256
  (so settings and key files do not change); the 4-byte key id, also derived from it, says which
  configured key made the token, so decryption tries one key, not all. The nonce is 96 random bits
  from os.urandom: with random nonces one key should encrypt fewer than 2^32 values (NIST SP 800-38D),
  far beyond a county's identifiers; rotate keys long before. The header (version and key id) is
  authenticated as associated data.
- Fernet tokens ("gAAAAA…", written before v2): still decrypted with MultiFernet over the same keys;
  rotate() (and so rotate_keys) rewrites them as v2 tokens under the first key.

keyed_hash(): HMAC-SHA256 under FRONTLINE_HASH_KEY, with a purpose label so an ID-number hash can never
be compared with a phone hash. Used for exact lookup and deduplication without decrypting.
Keys come from settings/environment only.
"""

import base64
import binascii
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

V2 = "v2."
_V2_BYTES = b"v2"
_KID_LEN = 4
_NONCE_LEN = 12


class _Keyring:
    """The configured keys, parsed once: Fernet for old tokens, AES-GCM (by key id) for v2 tokens."""

    def __init__(self, keys: tuple[str, ...]):
        raw = [k.encode() if isinstance(k, str) else k for k in keys]
        self.fernet = MultiFernet([Fernet(k) for k in raw])
        self.aead: dict[bytes, AESGCM] = {}
        self.first_kid = b""
        for i, k in enumerate(raw):
            secret = base64.urlsafe_b64decode(k)
            material = HKDF(
                algorithm=hashes.SHA256(), length=32 + _KID_LEN, salt=None, info=b"frontline field v2"
            ).derive(secret)
            kid = material[32:]
            self.aead.setdefault(kid, AESGCM(material[:32]))
            if i == 0:
                self.first_kid = kid
        self.first = self.aead[self.first_kid]

    def encrypt(self, value: str, nonce: bytes | None = None) -> str:
        nonce = nonce or os.urandom(_NONCE_LEN)
        kid = self.first_kid
        sealed = self.first.encrypt(nonce, value.encode(), _V2_BYTES + kid)
        return V2 + base64.urlsafe_b64encode(kid + nonce + sealed).decode()

    def encrypt_many(self, values: list[str]) -> list[str]:
        """encrypt() of each value ("" stays ""), the nonces drawn from one os.urandom call."""
        pool = os.urandom(_NONCE_LEN * len(values))
        seal = self.encrypt
        return [
            seal(v, pool[i * _NONCE_LEN : (i + 1) * _NONCE_LEN]) if v else "" for i, v in enumerate(values)
        ]

    def decrypt(self, token: str) -> str:
        if not token.startswith(V2):
            return self.fernet.decrypt(token.encode()).decode()
        try:
            blob = base64.urlsafe_b64decode(token[len(V2) :])
        except (binascii.Error, ValueError):
            raise InvalidToken from None
        kid, nonce, sealed = (
            blob[:_KID_LEN],
            blob[_KID_LEN : _KID_LEN + _NONCE_LEN],
            blob[_KID_LEN + _NONCE_LEN :],
        )
        aead = self.aead.get(kid)
        if aead is None or len(nonce) != _NONCE_LEN:
            raise InvalidToken
        try:
            return aead.decrypt(nonce, sealed, _V2_BYTES + kid).decode()
        except InvalidTag:
            raise InvalidToken from None


@lru_cache(maxsize=8)
def _keyring(keys: tuple[str, ...]) -> _Keyring:
    return _Keyring(keys)


def _current() -> _Keyring:
    return _keyring(tuple(settings.FRONTLINE_FIELD_KEYS))


def encrypt(value: str) -> str:
    if not value:
        return ""
    return _current().encrypt(value)


def encrypt_many(values: list[str]) -> list[str]:
    """[encrypt(v) for v in values] for bulk paths, without the per-call key lookup."""
    return _current().encrypt_many(values)


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _current().decrypt(token)
    except InvalidToken as exc:  # a key was dropped before rotation finished
        raise ValueError("identifier cannot be decrypted with the configured keys") from exc


def rotate(token: str) -> str:
    """Re-encrypt under the first (newest) key, in the current (v2) format."""
    if not token:
        return ""
    return encrypt(decrypt(token))


@lru_cache(maxsize=8)
def _hmac_base(key: str):
    return hmac.new(key.encode(), digestmod=hashlib.sha256)


def keyed_hash(purpose: str, value: str) -> str:
    if not value:
        return ""
    mac = _hmac_base(settings.FRONTLINE_HASH_KEY).copy()
    mac.update(f"{purpose}:{value}".encode())
    return mac.hexdigest()


def keyed_hasher(purpose: str):
    """keyed_hash(purpose, ·) with the key looked up once, for bulk paths."""
    base = _hmac_base(settings.FRONTLINE_HASH_KEY)
    prefix = f"{purpose}:".encode()

    def digest(value: str) -> str:
        if not value:
            return ""
        mac = base.copy()
        mac.update(prefix + value.encode())
        return mac.hexdigest()

    return digest
