"""A saved web page is read by its structure: the <h1> as the heading, list items one a line, no chrome."""
from remiss.intake.formats import MAX_ELEMENTS
from remiss.intake.webpage import main_text
from remiss.missiv import parse_missiv

INSTANSER = ["Akademikerförbundet SSR", "Arbetsmiljöverket", "Barnombudsmannen", "Bengtsfors kommun",
             "Sveriges Kommuner och Regioner", "Östersunds kommun"]
PAGE = f"""<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Sida</title></head><body>
<div id="cookie-banner"><p>Vi använder kakor. Godkänn alla kakor</p></div>
<header><a href="/">Region Dalarna</a><nav><ul><li>Vård</li><li>Kultur</li></ul></nav></header>
<nav class="breadcrumb">Start / Verksamhet / Infrastruktur</nav>
<main id="main-content"><article>
<p>Morotväg med bilar i Dalarna</p>
<figure><img src="a.jpg" alt="Bilar"><figcaption>Foto: Bilar på en väg i Dalarna</figcaption></figure>
<h1>Länsplan för regional
   transportinfrastruktur i Dalarna 2022-2033</h1>
<p>Region Dalarna har tagit fram ett förslag till länsplan och sänder det på remiss. Synpunkter ska ha kommit in
till Region Dalarna senast den 1 februari 2022. Yttrandet skickas till ruf.registrator@regiondalarna.se.</p>
<h2>Remissinstanser</h2>
<ol>
{''.join(f'<li>{name}</li>{chr(10)}' for name in INSTANSER)}
</ol>
</article></main>
<footer><p>Region Dalarna, Box 712, 791 29 Falun</p></footer>
</body></html>"""


def test_heading_first_lists_one_item_a_line_and_no_chrome():
    text = main_text(PAGE.encode(), max_elements=MAX_ELEMENTS)
    lines = text.splitlines()
    assert lines[0] == "Länsplan för regional transportinfrastruktur i Dalarna 2022-2033"
    for chrome in ("Morotväg", "Foto:", "kakor", "Vård", "Start /", "Box 712"):
        assert chrome not in text
    # one numbered item a line, straight after each other, as the page shows them (and as pasted text reads)
    start = lines.index("1. Akademikerförbundet SSR")
    assert lines[start:start + len(INSTANSER)] == [f"{n}. {name}" for n, name in enumerate(INSTANSER, 1)]


def test_saved_page_parses_like_the_pasted_letter():
    result = parse_missiv(main_text(PAGE.encode(), max_elements=MAX_ELEMENTS))
    assert result.title == "Länsplan för regional transportinfrastruktur i Dalarna 2022-2033"
    assert result.sandlista == INSTANSER


def test_heading_outside_the_main_content_still_comes_first():
    page = ("<html><body><header><h1>Samråd om Tulka naturreservat</h1></header><main><p>"
            + "Länsstyrelsen sänder förslaget på samråd. " * 10 + "</p><ul><li>Ett</li><li><p>Två</p></li></ul>"
            "</main></body></html>")
    lines = main_text(page, max_elements=MAX_ELEMENTS).splitlines()
    assert lines[0] == "Samråd om Tulka naturreservat"
    assert lines[-2:] == ["Ett", "Två"]


def test_a_word_letter_offers_its_heading_as_the_first_line():
    """A .docx whose Heading 1 stands below a date or "Publiceringsdatum:" (walk 5, d31 and d36)."""
    import io

    import docx

    from remiss.intake.formats import read_document

    document = docx.Document()
    document.add_paragraph("Publiceringsdatum: 19 februari 2020")
    document.add_heading("Samråd om förslag till Tulka naturreservat i Norrtälje kommun", level=1)
    document.add_paragraph("Länsstyrelsen i Stockholms län har för avsikt att besluta om naturreservat. "
                           "Synpunkter ska ha kommit in senast den 20 mars 2020 till stockholm@lansstyrelsen.se.")
    out = io.BytesIO()
    document.save(out)
    text = read_document(out.getvalue(), "Tulka.docx").text
    lines = text.splitlines()
    assert lines[0] == "Samråd om förslag till Tulka naturreservat i Norrtälje kommun"
    assert "Publiceringsdatum: 19 februari 2020" in lines  # kept, after the heading
    assert "Tulka naturreservat" in parse_missiv(text).title
