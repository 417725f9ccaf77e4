"""walk26b X4: the alternatives offered beside the title carry no field label and name each matter once."""
from remiss.missiv.title_offer import distinct_offers, without_label


def test_labels_are_stripped_and_a_label_alone_is_kept_as_written():
    assert without_label("Ärende: Samråd om översiktsplan 2027") == "Samråd om översiktsplan 2027"
    assert without_label("SV: Angående: Detaljplan för kv. Oden") == "Detaljplan för kv. Oden"
    assert without_label("Ämne:Remiss om ny taxa") == "Remiss om ny taxa"
    assert without_label("Angående detaljplan för Oden") == "Angående detaljplan för Oden"  # no colon: prose
    assert without_label("Ärende:") == "Ärende:"


def test_an_alternative_that_reads_as_the_title_or_an_earlier_one_is_not_offered():
    assert distinct_offers("Översiktsplan för Lunds kommun", [
        "Samråd om översiktsplan 2027", "Ärende: Samråd om översiktsplan 2027",
        "Remiss: Översiktsplan för Lunds kommun", "Förslag till översiktsplan för Lunds kommun", "Ärende:"]) == \
        ["Samråd om översiktsplan 2027"]


def test_without_a_title_the_first_alternative_stays_first():
    assert distinct_offers(None, ["Rubrik: Taxa för bygglov 2027", "Taxa för bygglov 2027", "Avfallsplan"]) == \
        ["Taxa för bygglov 2027", "Avfallsplan"]
