"""An utgående remiss whose svarstid ends on a day that is not a working day. The planner stores the incoming side's
warnings with its tidplan ("svaret bör vara expedierat senast …", "Inget nämndsammanträde …"), but an utgående remiss
has no Tidplan panel (remiss/__init__.py: incoming_only) and the API's warnings are its own: what they say is only
the milestone's flag, true for the remitting side too. This guards that none of the incoming words reach the pages
or the API."""
from __future__ import annotations

from datetime import date, datetime, time
from html import unescape

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.outgoing.service import sending
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user

SENT = datetime(2026, 12, 1, 9, 0, tzinfo=STOCKHOLM)
INCOMING_WORDS = ("expedierat senast", "Inget nämndsammanträde", "Begär förlängd", "remittenten angett")


def test_a_svarstid_ending_on_a_saturday_shows_no_incoming_side_warning(session, app, auth, client, clock):
    clock.set(SENT)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=SENT, title="Lekplatsprogram",
                         deadline_on=date(2027, 2, 27), deadline_time=time(12, 0), questions=["Hur bra är det?"],
                         sandlista=[SandlistaItem("Ungdomsrådet", "ungd@malmo.example", "")])  # 27/2: a Saturday
    with app.app_context():
        sending.send(session, now=SENT, principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="")
    rid = remiss.id
    session.commit()
    session.close()
    auth.login(user.email)
    body = client.get(f"/api/v1/remisser/{rid}").get_json()
    ((milestone,),) = (body["milestones"],)
    assert (milestone["explanation"], milestone["flag_reason_text"], body["warnings"]) == (
        "Remissinstansernas svarstid går ut lördag 27 februari 2027 kl. 12.00.",
        "sista svarsdagen är inte en arbetsdag", [])
    for url in (f"/remisser/{rid}", "/", "/forsenat", "/kalender?manad=2027-02", "/kalender/dag?datum=2027-02-27"):
        shown = " ".join(unescape(client.get(url).get_data(as_text=True)).split())
        assert not [w for w in INCOMING_WORDS if w in shown], url
    assert not [w for w in INCOMING_WORDS if w in str(body)]
