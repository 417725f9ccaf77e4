"""Planning tests create many users: hash their passwords with cheap argon2id parameters."""
import pytest
from argon2 import PasswordHasher

from remiss.auth import passwords


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch):
    # still real argon2id, only with test-sized cost (the defaults take ~0.5 s per hash)
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
