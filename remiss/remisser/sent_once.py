"""A form sent twice registers once (walk17 F11): a double-click on Registrera sent the same form two times; the
second request found the remiss the first had just registered and asked "Remissen kan redan vara registrerad",
so a user who took it for an old one could tick "registrera ändå" and make a duplicate.

Each Registrera form carries a one-time token. The request that registers claims the token (a file created
exclusively in the file store under form-once/, so two requests at once cannot both claim it) and writes the
new remiss's id into it; a second request with the same token is shown the receipt of that remiss instead. No
table: the file is the only record, and files older than MAX_AGE are swept."""
from __future__ import annotations

import os
import re
import secrets
import time as _time
from pathlib import Path

FIELD = "form_once"  # the hidden field of the form
DIR = "form-once"
MAX_AGE_SECONDS = 24 * 3600
WAIT_SECONDS = 10  # how long a second request waits for the first to finish registering
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def new_token() -> str:
    return secrets.token_hex(16)


def _path(files_dir: str, user_id: int, token: str | None) -> Path | None:
    if not token or not _TOKEN.match(token):
        return None  # an old form without a token: registered as before
    return Path(files_dir, DIR, f"{user_id}-{token}")


def claim(files_dir: str, user_id: int, token: str | None) -> bool:
    """True when this request may register: the token is new (now claimed), or there is none."""
    path = _path(files_dir, user_id, token)
    if path is None:
        return True
    path.parent.mkdir(parents=True, exist_ok=True)
    _sweep(path.parent)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def record(files_dir: str, user_id: int, token: str | None, remiss_id: int) -> None:
    path = _path(files_dir, user_id, token)
    if path is not None:
        path.write_text(str(remiss_id))


def release(files_dir: str, user_id: int, token: str | None) -> None:
    """The claiming request did not register (an error): the same form may be sent again."""
    path = _path(files_dir, user_id, token)
    if path is not None:
        path.unlink(missing_ok=True)


def registered(files_dir: str, user_id: int, token: str | None, *, wait: bool = False) -> tuple[int, float] | None:
    """(remiss id, seconds since) of the remiss registered with this form, if any; wait: for a request that is
    still registering it."""
    path = _path(files_dir, user_id, token)
    deadline = _time.monotonic() + (WAIT_SECONDS if wait else 0)
    while path is not None and path.exists():
        text = path.read_text().strip() if path.exists() else ""
        if text.isdigit():
            return int(text), max(0.0, _time.time() - path.stat().st_mtime)
        if _time.monotonic() >= deadline:
            return None
        _time.sleep(0.1)
    return None


def receipt(our_dnr: str, seconds: float) -> str:
    """The receipt, said as what happened: the second sending found the remiss the first registered."""
    n = max(1, round(seconds))
    ago = f"{n} sekund" if n == 1 else f"{n} sekunder"
    return (f"Remissen är registrerad med diarienummer {our_dnr}. Formuläret skickades två gånger; remissen "
            f"registrerades en gång, av dig för {ago} sedan.")


def _sweep(folder: Path) -> None:
    cutoff = _time.time() - MAX_AGE_SECONDS
    for old in folder.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
