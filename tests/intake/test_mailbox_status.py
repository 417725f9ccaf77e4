"""walk13 finding 2: a mailbox the poll cannot read (a wrong password) is said on the Inkorg page, not only in the
scheduler's log, and the message is gone once a poll reads it again. Real dovecot."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.intake import dovecot
from tests.intake.test_paste_seed000 import world

pytestmark = pytest.mark.skipif(not dovecot.available(), reason="dovecot-imapd saknas (.ci/run installerar det)")


@pytest.fixture
def imap():
    root = Path(tempfile.mkdtemp(prefix="remiss-dovecot-"))
    root.chmod(0o755)
    server = dovecot.start(root)
    yield server
    dovecot.stop(server)
    shutil.rmtree(root, ignore_errors=True)


def test_a_wrong_imap_password_is_shown_on_the_inkorg_until_a_poll_reads_it(app, client, auth, session, runner, imap):
    world(session)
    app.config["IMAP_URL"] = imap.url.replace("losen", "fel")
    auth.login("sekr@malmo.se")
    assert "Brevlådan kunde inte läsas" not in client.get("/inkorg").get_data(as_text=True)

    failed = runner.invoke(args=["inbox-poll"])
    assert failed.exit_code == 1 and "misslyckades" in failed.output
    page = client.get("/inkorg").get_data(as_text=True)
    assert "Brevlådan kunde inte läsas sedan" in page
    assert "Inloggningen i brevlådan som registrator misslyckades: [AUTHENTICATIONFAILED]" in page
    assert "b&#39;" not in page and "b'" not in page  # the server's words, not Python's bytes

    app.config["IMAP_URL"] = imap.url
    assert runner.invoke(args=["inbox-poll"]).exit_code == 0
    assert "Brevlådan kunde inte läsas" not in client.get("/inkorg").get_data(as_text=True)
