"""Files chosen in a form that comes back with a question or an error ("Datumet stämmer"): kept on the server so
that the user need not choose them again (a browser never sends a file field twice).

The files lie in the file store under held/; the form carries a signed token naming them, bound to the user and
the form (scope), so that a form can only bring back the files it held itself. Each one is shown as "Vald fil:
x.pdf (behålls)" with a box to let it go. A held file not used within MAX_AGE is removed the next time files are
held. No table: the token is the only record, and an abandoned form leaves only old files that are swept.
"""
from __future__ import annotations

import secrets
import time as _time
from dataclasses import asdict, dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

from remiss import files

HELD_DIR = "held"
MAX_AGE_SECONDS = 24 * 3600
_SALT = "remiss.held-uploads"
TOKEN_FIELD = "held_token"  # the hidden field that carries the token
KEEP_FIELD = "keep_held"  # one checkbox per held file, checked: the file stays with the form


@dataclass(frozen=True)
class HeldFile:
    filename: str
    size: int
    key: str

    @property
    def size_label(self) -> str:
        return files.human_size(self.size)


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_SALT)


def hold(files_dir: str, filename: str, data: bytes) -> HeldFile:
    """Keep one chosen file (already checked by the caller) until the form is sent again."""
    sweep(files_dir)
    key = f"{HELD_DIR}/{secrets.token_hex(16)}"
    path = files.path_of(files_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return HeldFile(files.safe_name(filename), len(data), key)


def hold_uploads(files_dir: str, uploads, *, max_bytes: int) -> tuple[list[HeldFile], list[str]]:
    """Hold each uploaded file (werkzeug FileStorage, or (filename, bytes)) that would be accepted; return those
    held and the Swedish message for each refused one, naming its file (it has to be chosen again, in another
    format)."""
    held, refused = [], []
    for upload in uploads:
        if isinstance(upload, tuple):
            filename, data = upload
        else:
            if not upload or not upload.filename:
                continue
            upload.stream.seek(0)
            filename, data = upload.filename, upload.read()
        try:
            files.check_upload(filename, data, max_bytes=max_bytes)
        except files.FileRejected as exc:  # each names its file, so several can be said at once (walk24 V5)
            name = files.safe_name(filename)
            refused.append(str(exc) if name in str(exc) else f"{name}: {exc}")
            continue
        held.append(hold(files_dir, filename, data))
    return held, refused


def token_for(secret: str, *, user_id: int | None, scope: str, held: list[HeldFile]) -> str:
    """The signed token the form carries for its held files ("" when there are none)."""
    if not held:
        return ""
    return _serializer(secret).dumps({"u": user_id, "s": scope, "f": [asdict(f) for f in held]})


def from_form(secret: str, form, *, user_id: int | None, scope: str) -> list[HeldFile]:
    """The held files the form brings back and still wants (their boxes checked); a token that is forged, old,
    another user's or another form's brings nothing."""
    token = str(form.get(TOKEN_FIELD) or "")
    if not token:
        return []
    try:
        data = _serializer(secret).loads(token, max_age=MAX_AGE_SECONDS)
    except BadSignature:  # also SignatureExpired
        return []
    if not isinstance(data, dict) or data.get("u") != user_id or data.get("s") != scope:
        return []
    wanted = set(form.getlist(KEEP_FIELD)) if hasattr(form, "getlist") else set(form.get(KEEP_FIELD) or ())
    return [HeldFile(**f) for f in data.get("f", []) if f.get("key") in wanted]


def contents(files_dir: str, held: list[HeldFile]) -> list[tuple[str, bytes]]:
    """(filename, bytes) of the held files still there (one swept away after MAX_AGE is gone)."""
    found = []
    for item in held:
        path = files.path_of(files_dir, item.key)
        if path.is_file():
            found.append((item.filename, path.read_bytes()))
    return found


def release(files_dir: str, held: list[HeldFile]) -> None:
    """Remove held files once they are stored for good (or let go)."""
    for item in held:
        try:
            files.path_of(files_dir, item.key).unlink(missing_ok=True)
        except (files.FileRejected, OSError):
            pass


def sweep(files_dir: str, *, max_age: int = MAX_AGE_SECONDS) -> int:
    """Remove held files older than max_age seconds; return how many."""
    folder = Path(files_dir) / HELD_DIR
    if not folder.is_dir():
        return 0
    limit, removed = _time.time() - max_age, 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except OSError:
            pass
    return removed
