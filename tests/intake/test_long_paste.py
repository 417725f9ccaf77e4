"""walk10 finding 3: a long pasted missiv text (a remiss document copied from a PDF) is read, and one past the limit
gets a message about the text on the form, the text kept; never the 413 page about files."""
from tests.intake.test_paste_seed000 import paste, world

LINE = "Remissen gäller förslaget till ny översiktsplan för kommunen och dess bilagor. "


def test_a_text_of_600_000_characters_is_read(client, auth, session):
    world(session)
    auth.login("sekr@malmo.se")
    text = "Remiss av förslag till ny översiktsplan\n\n" + LINE * (600_000 // len(LINE))
    response = paste(auth, text)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


def test_a_text_past_the_limit_gets_a_message_on_the_form_and_is_kept(client, auth, session):
    from remiss.intake.views import TEXT_LIMIT

    world(session)
    auth.login("sekr@malmo.se")
    text = "Ö" * (TEXT_LIMIT + 10)
    response = paste(auth, text)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Texten är för lång (2 000 010 tecken; högst 2 000 000)" in page
    assert "spara den som fil och välj filen" in page
    assert "Filerna är tillsammans för stora" not in page
    assert text in page  # what was pasted is still in the box


def test_a_text_past_what_a_form_may_carry_names_the_text_on_the_413_page(client, auth, session):
    world(session)
    auth.login("sekr@malmo.se")
    response = paste(auth, "Ö" * 5_000_000)  # 10 MB: past MAX_FORM_MEMORY_SIZE, so the form is never read
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "Texten eller filerna är för stora" in page and "Spara en lång text som fil och välj filen" in page
