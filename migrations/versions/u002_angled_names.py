"""outgoing: sändlista names saved as "Namn <e-post>" become the name and its address (walk14 #4, note15)

Before "Ändra uppgifter" read a sändlista line as the new-remiss form does, a line "Cykelfrämjandet
<malmo@cykel.example>" was saved whole: an entry of that name on the remiss, without address, and a remissinstans of
that name in the register ("Adress saknas"), often next to the Cykelfrämjandet that has the address. The register,
the mails and the answers overview all showed the angle brackets.

In the register, such an instans becomes the one named (its address filled in when it had none); when the register
already has that name (compared as ensure_organisation compares), the entries and saved sändlistor that pointed at it
point at that one, and the bracketed one goes. On an utgående remiss's sändlista the entry takes the name and, when
not yet sent, the address it lacked; one that repeats an instans already on that sändlista and has nothing of its own
(not sent, no answer, no file, no anstånd) goes, as "Ändra uppgifter" merges it today. An entry already sent keeps
what was sent (a letter by post has no e-mail). Incoming remisser's sändlistor are the remittent's words: untouched.

Revision ID: u002_angled_names
Revises: p002_flag_reason
"""
import re

from alembic import op
import sqlalchemy as sa

revision = "u002_angled_names"
down_revision = "p002_flag_reason"
branch_labels = None
depends_on = None

# The whole name is one "Namn <e-post>", as Outlook copies an address (remiss.outgoing.forms._ANGLED, frozen here)
ANGLED = re.compile(r'^\s*"?([^"<>@]*?)"?\s*<\s*([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)\s*>\s*$')


def split_name(name: str) -> tuple[str, str] | None:
    """(name, e-mail) of a name saved as "Namn <e-post>"; None for any other name."""
    found = ANGLED.match(name or "")
    if not found or not found.group(1).strip():
        return None
    return " ".join(found.group(1).split()), found.group(2)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()  # remiss.outgoing.repeated.name_key


organisation = sa.table("organisation", sa.column("id", sa.Integer), sa.column("name", sa.String),
                        sa.column("email", sa.String))
member = sa.table("saved_sandlista_member", sa.column("saved_sandlista_id", sa.Integer),
                  sa.column("organisation_id", sa.Integer))
entry = sa.table("sandlista_entry", sa.column("id", sa.Integer), sa.column("remiss_id", sa.Integer),
                 sa.column("organisation_id", sa.Integer), sa.column("position", sa.Integer),
                 sa.column("name", sa.String), sa.column("email", sa.String), sa.column("answer_status", sa.String),
                 sa.column("sent_at", sa.DateTime))
remiss = sa.table("remiss", sa.column("id", sa.Integer), sa.column("direction", sa.String))
# rows that make an entry more than a name on a list
OWN = [sa.table(name, sa.column("sandlista_entry_id", sa.Integer))
       for name in ("attachment", "extension", "sandlista_answer")]


def _register(conn) -> None:
    rows = conn.execute(sa.select(organisation.c.id, organisation.c.name, organisation.c.email)).all()
    by_key = {_key(r.name): {"id": r.id, "email": r.email} for r in rows}  # as the register reads now
    for row in rows:
        split = split_name(row.name)
        if split is None:
            continue
        name, email = split
        other = by_key.get(_key(name))
        if other is None or other["id"] == row.id:
            conn.execute(organisation.update().where(organisation.c.id == row.id)
                         .values(name=name, email=row.email or email))
            by_key[_key(name)] = {"id": row.id, "email": row.email or email}
            continue
        if not other["email"]:
            conn.execute(organisation.update().where(organisation.c.id == other["id"]).values(email=email))
            other["email"] = email
        conn.execute(entry.update().where(entry.c.organisation_id == row.id).values(organisation_id=other["id"]))
        lists = conn.execute(sa.select(member.c.saved_sandlista_id).where(member.c.organisation_id == other["id"]))
        on_both = [r.saved_sandlista_id for r in lists]
        conn.execute(member.delete().where(member.c.organisation_id == row.id,
                                           member.c.saved_sandlista_id.in_(on_both)))
        conn.execute(member.update().where(member.c.organisation_id == row.id).values(organisation_id=other["id"]))
        conn.execute(organisation.delete().where(organisation.c.id == row.id))


def _has_own(conn, entry_id: int) -> bool:
    return any(conn.execute(sa.select(t.c.sandlista_entry_id).where(t.c.sandlista_entry_id == entry_id).limit(1))
               .first() for t in OWN)


def _sandlistor(conn) -> None:
    angled = conn.execute(sa.select(entry.c.id, entry.c.remiss_id, entry.c.name, entry.c.email, entry.c.sent_at,
                                    entry.c.answer_status)
                          .join(remiss, remiss.c.id == entry.c.remiss_id)
                          .where(remiss.c.direction == "utgaende", entry.c.name.like("%<%@%>%"))
                          .order_by(entry.c.remiss_id, entry.c.position)).all()
    for row in angled:
        split = split_name(row.name)
        if split is None:
            continue
        name, email = split
        others = conn.execute(sa.select(entry.c.id, entry.c.name, entry.c.email, entry.c.sent_at)
                              .where(entry.c.remiss_id == row.remiss_id, entry.c.id != row.id)).all()
        same = next((o for o in others if _key(o.name) == _key(name)), None)
        bare = row.sent_at is None and row.answer_status == "ej_svarat" and not _has_own(conn, row.id)
        if same is not None and bare:
            if not same.email and same.sent_at is None:
                conn.execute(entry.update().where(entry.c.id == same.id).values(email=row.email or email))
            conn.execute(entry.delete().where(entry.c.id == row.id))
            continue
        values = {"name": name}
        if not row.email and row.sent_at is None:
            values["email"] = email
        conn.execute(entry.update().where(entry.c.id == row.id).values(**values))


def upgrade() -> None:
    conn = op.get_bind()
    _register(conn)
    _sandlistor(conn)


def downgrade() -> None:
    pass  # the names read right on every version; the brackets are not put back
