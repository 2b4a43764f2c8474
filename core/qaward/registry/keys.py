"""The audit key: a secret held outside the database, so whoever can write the database cannot
also recompute the audit chain's signatures.

Configured by ``QAWARD_AUDIT_KEY_FILE`` (a file holding the secret, readable by the bureau's
qaward account only) or ``QAWARD_AUDIT_KEY`` (the secret itself). Each audit row's hash is then
signed with HMAC-SHA256 (Python's ``hmac``, RFC 2104), and ``registry head --export`` signs the
statement a bureau files. Without a key the chain is a plain SHA-256 chain: it shows edits made
behind qaward's back, but not a forger who recomputes it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from qaward.registry.location import RegistryError

MIN_KEY_BYTES = 16


def audit_key() -> bytes | None:
    """The configured key, or None; a configured key that is unusable is an error, never
    silently no key."""
    path = os.environ.get("QAWARD_AUDIT_KEY_FILE")
    if path:
        try:
            key = Path(path).expanduser().read_bytes().strip()
        except OSError as exc:
            raise RegistryError(f"无法读取审计密钥文件 {path}：{exc.strerror}") from None
    else:
        key = os.environ.get("QAWARD_AUDIT_KEY", "").encode()
        if not key:
            return None
    if len(key) < MIN_KEY_BYTES:
        raise RegistryError(f"审计密钥过短：至少 {MIN_KEY_BYTES} 字节（建议 32 字节随机值）")
    return key


def key_id(key: bytes) -> str:
    """Names the key in a statement without revealing it."""
    return hashlib.sha256(b"qaward audit key id\0" + key).hexdigest()[:16]


def sign(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def signed(key: bytes, message: str, mac: str | None) -> bool:
    return mac is not None and hmac.compare_digest(sign(key, message), mac)
