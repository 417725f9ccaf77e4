"""The Inkorg's list: the mails fetched from the registrator's mailbox with what each is proposed as (and, for
a mail that belongs to a registered remiss, its one-click step), the count beside the menu's Inkorg and the line on
Att göra. One message's page and its steps are in remiss.intake.views.message and .steps."""
from __future__ import annotations

import json
from dataclasses import dataclass
from gettext import ngettext

from flask import current_app, flash, redirect, render_template, request, url_for
from sqlmodel import select

from remiss.auth.access import Action, INBOX_WORDS
from remiss.db import get_db, get_session
from remiss.intake.mailbox_status import fetched_text, plain
from remiss.intake.models import InboxMessage
from remiss.intake.arrival import answer_sender, arrival, forwarded_by, remittent_of
from remiss.intake.service import batches, inbox as inbox_service, matching
from remiss.intake.views import bp
from remiss.intake.views.match_card import extension_moot, not_later_than_in_force
from remiss.remisser.models import Remiss
from remiss.web import now, principal, requires

STATUS_LABELS = {"pending": "Att hantera", "registered": "Registrerad", "merged": "Sammanförd", "dismissed": "Avvisad"}


@dataclass(frozen=True)
class InboxSection:
    """On Att göra: how many mails wait in the Inkorg."""

    count: int
    template: str = "intake/_start.html"


def start_section(session, principal, now) -> InboxSection | None:
    """Att göra's line about the Inkorg, for those who register; None when nothing waits."""
    if principal.user_id is None or not principal.may(Action.create):
        return None
    count = inbox_service.pending_count(session)
    return InboxSection(count) if count else None


def menu_count(session, principal) -> int:
    """The number shown beside Inkorg in the menu."""
    return inbox_service.pending_count(session) if principal.may(Action.create) else 0


@bp.route("/inkorg")
@requires(Action.create, doing=INBOX_WORDS)
def inbox():
    handled = request.args.get("visa") == "hanterade"
    statuses = ("registered", "merged", "dismissed") if handled else ("pending",)
    session = get_session()
    messages = [m for status in statuses for m in inbox_service.inbox(session, principal=principal(), status=status)]
    titles = {m.id: json.loads(m.form_values).get("title") or "" for m in messages}
    remiss_like = {m.id: inbox_service.looks_like_remiss(m) for m in messages}
    newsletters = {m.id for m in messages if inbox_service.is_newsletter(m)}
    reasons = {m.id: inbox_service.not_remiss_reason(m) for m in messages}  # an automatic reply, a newsletter
    reminders = {m.id for m in messages if inbox_service.mail_kind(m) == "påminnelse"}
    existing, may_merge, extension, not_later, notes, waiting, answers = {}, {}, {}, {}, {}, {}, {}
    moot, orphans = {}, set()
    from remiss.outgoing.replies import find as find_reply
    copies = inbox_service.copies_of(session, messages)  # the same mail come again: beside the first (walk33 #1)
    copied = {}  # the remiss the first was registered as or merged into, when the user may see it
    for m, first in copies.items():
        remiss = session.get(Remiss, first.remiss_id) if first.remiss_id else None
        if remiss is not None and principal().may(Action.view, remiss.namnd_id):
            copied[m] = remiss
    for m in messages if not handled else ():
        if m.id in copies:
            continue  # a copy is proposed for nothing but Avvisa
        if (reply := find_reply(session, m, current_app.config["FILES_DIR"])) is not None \
                and principal().may(Action.edit, reply.remiss.namnd_id):
            answers[m.id] = reply  # an instans's answer to a remiss we sent: its own step, as on its page
            continue
        found = inbox_service.existing_remiss(session, m)
        if found is None and (original := inbox_service.waiting_original(session, m)) is not None:
            waiting[m.id] = original  # an extension notice whose remiss waits in the Inkorg too
        elif found is None and matching.mentions_extension(
                dict(json.loads(m.form_values), extension_to=batches.extension_value(m.extension_to, m.extension_time)),
                m.subject):
            orphans.add(m.id)  # an extension notice that matches no remiss: not "Ny remiss" (walk32)
        if found is not None and principal().may(Action.view, found.namnd_id):
            existing[m.id] = found
            notes[m.id] = inbox_service.match_note(m, found)
            # a remiss we sent takes answers, not merged files (its page offers the answer: outgoing.replies)
            may_merge[m.id] = principal().may(Action.edit, found.namnd_id) and found.direction != "utgaende"
            extension[m.id] = matching.mentions_extension(
                dict(json.loads(m.form_values),
                     extension_to=batches.extension_value(m.extension_to, m.extension_time)),
                m.subject)
            not_later[m.id] = not_later_than_in_force(found, m.extension_to, m.extension_time)
            # answered already: said so, with steps that work, not a "Förläng" refused after the click (walk24 V17)
            moot[m.id] = extension_moot(session, found) if m.extension_to or extension[m.id] else ""
    done = {}  # handled: the remiss each mail was registered as or merged into, if the user may see it
    for m in messages if handled else ():
        remiss = session.get(Remiss, m.remiss_id) if m.remiss_id else None
        if remiss is not None and principal().may(Action.view, remiss.namnd_id):
            done[m.id] = remiss
            if m.status == "registered":  # the ärendemening registered, often corrected, not the parser's (walk33)
                titles[m.id] = remiss.title
    came = {m.id: arrival(m) for m in messages}
    # an answer to a remiss we sent is from the instans, not from the remittent read from it: us (walk24 V18)
    senders = {m.id: answer_sender(m, answers[m.id].entry.name if answers[m.id].entry else "") if m.id in answers
               else answer_sender(m) if m.id in done and done[m.id].direction == "utgaende"
               else remittent_of(m) for m in messages}
    forwarders = {m.id: forwarded_by(m) for m in messages}
    # oldest Inkom first, as the caption says, whatever the mail looks like: a queue is worked from the mail that has
    # waited longest (walk12 finding 16; walk25 Y6: a 4 Dec staff mail sorted after a 5 Dec remiss); the handled,
    # newest decided first
    if handled:
        messages.sort(key=lambda m: (m.decided_at or m.fetched_at, m.id), reverse=True)
    else:
        messages.sort(key=lambda m: (came[m.id].proposed, m.sent_at or m.fetched_at, m.id))
    return render_template("intake/inbox.html", messages=messages, titles=titles, handled=handled,
                           remiss_like=remiss_like, newsletters=newsletters, existing=existing, may_merge=may_merge,
                           extension=extension, not_later=not_later, moot=moot, reasons=reasons, notes=notes, waiting=waiting,
                           reminders=reminders, done=done, answers=answers, came=came, senders=senders, forwarders=forwarders,
                           orphans=orphans, copies=copies, copied=copied,
                           configured=bool(current_app.config.get("IMAP_URL")),
                           fetched=fetched_text(session, now=now()), status_labels=STATUS_LABELS,
                           # mail read in by hand, all handled now: the Inkorg is empty, not unconnected (walk16 #15)
                           read_by_hand=bool(messages) or session.exec(select(InboxMessage.id).limit(1)).first()
                           is not None)



POLL_TIMEOUT = 10  # seconds the "Hämta nu" waits for the mailbox at each step
POLL_BUDGET = 20  # seconds of fetching in the request; what is left waits for the next poll


@bp.route("/inkorg/hamta", methods=["POST"])
@requires(Action.create, doing=INBOX_WORDS)
def inbox_poll():
    """Hämta nu: poll the mailbox once in the request (walk32 finding 11), as the scheduler does, and say what came."""
    from remiss.intake.mailbox import MailboxError
    from remiss.intake.scheduled import poll_mailbox

    if not current_app.config.get("IMAP_URL"):
        flash("Ingen brevlåda är kopplad till inkorgen, så det finns inget att hämta.", "error")
        return redirect(url_for("intake.inbox"))
    get_session().commit()  # the poll writes in transactions of its own: the request's must not hold the lock
    try:
        result = poll_mailbox(get_db(), current_app.config, now=now(), timeout=POLL_TIMEOUT, budget=POLL_BUDGET)
    except MailboxError as exc:
        flash(f"Brevlådan svarade inte, så ingen e-post hämtades: {plain(str(exc)).rstrip('.')}. Försök igen om "
              "en stund; fortsätter felet, kontakta den som driftar Remiss (oftast IT-avdelningen).", "error")
        return redirect(url_for("intake.inbox"))
    flash(poll_words(result), "error" if result.problems else "success")
    return redirect(url_for("intake.inbox"))


def poll_words(result) -> str:
    """"Inga nya meddelanden.", "1 nytt meddelande.", "3 nya meddelanden." and what could not be read or waits."""
    from remiss.intake.scheduled import new_messages

    words = [new_messages(result.new) if result.new else "Inga nya meddelanden"]
    if result.problems:
        words.append(ngettext("%(count)d meddelande kunde inte läsas in och ligger kvar i brevlådan",
                              "%(count)d meddelanden kunde inte läsas in och ligger kvar i brevlådan",
                              len(result.problems)) % {"count": len(result.problems)})
    if result.left:
        words.append(ngettext("%(count)d meddelande till hämtas vid nästa hämtning",
                              "%(count)d meddelanden till hämtas vid nästa hämtning",
                              result.left) % {"count": result.left})
    return "; ".join(words) + "."
