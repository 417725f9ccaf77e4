"""Password hashing with argon2id."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters


def configure(*, time_cost: int | None = None, memory_kib: int | None = None) -> None:
    """Set the argon2id cost (config REMISS_ARGON2_TIME_COST / REMISS_ARGON2_MEMORY_KIB)."""
    global _hasher
    defaults = PasswordHasher()
    _hasher = PasswordHasher(time_cost=time_cost or defaults.time_cost,
                             memory_cost=memory_kib or defaults.memory_cost)

MIN_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A hash to verify against when the account does not exist, so timing does not tell.
DUMMY_HASH = _hasher.hash("remiss-dummy-password")


def password_problem(password: str) -> str | None:
    """Return a Swedish reason the password is too weak, or None."""
    if len(password) < MIN_LENGTH:
        return f"Lösenordet måste ha minst {MIN_LENGTH} tecken."
    if password.strip() != password:
        return "Lösenordet får inte börja eller sluta med mellanslag."
    return None
