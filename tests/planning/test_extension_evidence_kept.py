"""walk10 leftover, checked on the incoming side's extension forms: a general extension refused for its date came
back without the letter chosen as evidence. The file is kept on the server and shown as chosen; the corrected
form stores it byte for byte (remiss.documents.held_uploads)."""
import io
import re
from datetime import date, datetime, timezone
from html import unescape

from sqlmodel import select

from remiss import files
from remiss.planning.models import Extension
from remiss.remisser.models import Attachment
from tests.intake.test_extension_time import TITLE
from tests.intake.test_walk7 import kommun  # noqa: F401  (kommun is a fixture)
from tests.support.factories import make_remiss

LETTER = b"%PDF-1.4\n% Remisstiden forlangs till den 30 april 2024\n"


def test_the_evidence_file_is_kept_when_the_notice_comes_back(client, auth, session, kommun, clock, app):
    miljo, _, _ = kommun
    clock.set(datetime(2024, 2, 20, 9, 0, tzinfo=timezone.utc))
    remiss = make_remiss(session, namnd=miljo, title=TITLE, remittent="Justitiedepartementet",
                         sender_dnr="Ju2023/04567", deadline_on=date(2024, 3, 29), deadline_time=None)
    session.commit()
    rid = remiss.id
    session.rollback()
    auth.login("reg@malmo.se")
    url, page = f"/remisser/{rid}/forlangningar/allman", f"/remisser/{rid}"
    form = {"sender": "Justitiedepartementet", "until_on": "2024-03-20"}  # before the svarsdag: refused
    back = auth.post(url, dict(form, evidence_file=(io.BytesIO(LETTER), "Forlangning.pdf")), form_url=page,
                     content_type="multipart/form-data")
    html = unescape(back.get_data(as_text=True))
    assert back.status_code == 400 and "måste gå längre än nuvarande sista svarsdag" in html
    assert "Vald fil: Forlangning.pdf (" in html and "behålls)" in html
    token = re.search(r'name="held_token" value="([^"]+)"', html).group(1)
    keys = re.findall(r'name="keep_held" value="([^"]+)" checked', html)
    done = auth.post(url, dict(form, until_on="2024-04-30", held_token=token, keep_held=keys), form_url=page)
    assert done.status_code == 302
    session.expire_all()
    extension = session.exec(select(Extension).where(Extension.remiss_id == rid)).one()
    kept = session.get(Attachment, extension.evidence_attachment_id)
    assert kept.filename == "Forlangning.pdf"
    assert files.path_of(app.config["FILES_DIR"], kept.storage_key).read_bytes() == LETTER
    session.rollback()
