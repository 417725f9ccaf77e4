"""walk25 Y7: "Remissinstanser: Malmö kommun, Göteborgs kommun, Energimyndigheten" on one line (a Regeringskansliet
missiv as a PDF) was no sändlista, and Kommunstyrelsen was not proposed although the remiss went to the kommun."""
from remiss.intake.namnd_hint import propose_namnd
from remiss.missiv import parse_missiv
from remiss.missiv.sandlista import find_sandlista

LETTER = """Remiss av promemorian Förslag om nya energipolitiska mål

Klimat- och näringslivsdepartementet
Diarienummer KN2026/04578

Remissvaren ska ha kommit in till Klimat- och näringslivsdepartementet senast den 26 februari 2027.
Svaren bör lämnas per e-post till kn.remissvar@regeringskansliet.se.

Regeringskansliet önskar särskilt svar på följande frågor:
1. Bör målet för förnybar elproduktion ersättas av ett mål om fossilfri el?
2. Hur påverkas kommunernas energiplanering av förslaget?
Remissinstanser: Malmö kommun, Göteborgs kommun, Energimyndigheten
Frågor under remisstiden besvaras av Eva Centeno López, eva.centeno-lopez@regeringskansliet.se, 08-405 26 65.
"""


def test_a_sandlista_after_its_heading_on_one_line_is_read():
    result = parse_missiv(LETTER)
    assert result.sandlista == ["Malmö kommun", "Göteborgs kommun", "Energimyndigheten"]
    assert "Ingen sändlista hittades." not in result.warnings


def test_only_names_between_the_commas_make_a_list():
    assert find_sandlista("Remissinstanser: Malmö kommun, Göteborgs kommun och Energimyndigheten.\n").names == \
        ("Malmö kommun", "Göteborgs kommun", "Energimyndigheten")
    # "och" inside a name stays
    assert find_sandlista("Remissinstanser: Region Skåne, Sveriges Kommuner och Regioner\n").names == \
        ("Region Skåne", "Sveriges Kommuner och Regioner")
    for line in ("Sändlista: se bilaga 2, sidan 4", "Remissinstanser: Malmö kommun",
                 "Remissinstanser: de som anges i bilagan, och andra som vill svara"):
        assert find_sandlista(line + "\n").names == (), line


def test_a_kommun_on_the_sandlista_proposes_kommunstyrelsen():
    namnder = [(1, "Kommunstyrelsen"), (2, "Miljönämnden")]
    proposal = propose_namnd(LETTER, ["Malmö kommun", "Göteborgs kommun", "Energimyndigheten"], namnder)
    assert proposal is not None and proposal.namnd_id == 1 and proposal.to_kommun
    assert "”Malmö kommun”" in proposal.note
    assert propose_namnd(LETTER, ["Energimyndigheten", "Trafikverket"], namnder) is None
