"""The documents' light markup read for a page: the same paragraphs, bullets and emphasis the .docx prints."""
from remiss.documents.markup import BOLD_OFF, BOLD_ON, ITALIC_OFF, ITALIC_ON, Block, blocks, to_stycken


def test_blocks_group_bullets_and_keep_paragraphs():
    text = "Inledning **fet**.\n\n- ett\n• två *kursiv*\nMellan\n– tre\n"
    assert blocks(text) == [
        Block("p", [[("Inledning ", ""), ("fet", "b"), (".", "")]]),
        Block("ul", [[("ett", "")], [("två ", ""), ("kursiv", "i")]]),
        Block("p", [[("Mellan", "")]]),
        Block("ul", [[("tre", "")]]),
    ]


def test_what_is_not_markup_stays_text():
    # a star with spaces round it, a hyphen inside a line, and "2 000" (kept together as in Word)
    assert blocks("3 * 4 - 1 och 2 000 kr") == [Block("p", [[("3 * 4 - 1 och 2\u00a0000 kr", "")]])]
    assert blocks("") == [] and blocks(None) == []


def test_the_document_prints_the_same_runs():
    stycke = to_stycken("A **b** <c> *d*")[0]
    assert stycke.__html__() == f"A {BOLD_ON}b{BOLD_OFF} &lt;c&gt; {ITALIC_ON}d{ITALIC_OFF}"
    assert stycke.runs() == [("A ", ""), ("b", "b"), (" <c> ", ""), ("d", "i")]
