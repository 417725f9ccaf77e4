"""Trim a title: the procedure's words in front of the matter's name ("Remiss av promemorian …") and the
reports, references and dates after it ("… ute på remiss", "… (Fi2025/00114)", "… 31 maj 2017"); clean an e-mail subject."""
from __future__ import annotations

import re

from remiss.missiv.bodies import find_bodies
from remiss.missiv.dnr import RK_DNR

# The prepositions that join a procedure's word to the matter: "Remiss avseende X", "Begäran om yttrande över X"
ABOUT = (r"(?:av|om|angående|avseende|gällande|över|på|för|inför|rörande|beträffande|kring|med[ \t]+anledning[ \t]+av|"
          r"i[ \t]+fråga[ \t]+om)")


# Words a document type adds in front of its name: "Remiss av promemorian X" is the ärendemening X.
DOC_LEAD = re.compile(
    r"^(?:(?:Remiss(?:en)?|Samråd(?:et)?|Granskning(?:en)?|Utställning(?:en)?)[ \t]+pågår(?=[ \t]*[:–-])|"  # round 20
    r"(?:(?:Öppen[ \t]+)?Remiss(?:en|version(?:en)?|utgåva(?:n)?|förslag(?:et)?|lista(?:n)?)?|Remittering|Kungörelse|Promemoria|"
    r"(?:Samråd|Utställning|Granskning)(?:[ \t]+(?:och|samt|&)[ \t]+(?:samråd|utställning|granskning))?"
    # round 21: "Samråd enligt 6 kap. miljöbalken om X", "Samråd enligt plan- och bygglagen (PBL) om X": the law
    r"(?:[ \t]+enligt[ \t]+(?:\d{1,2}[ \t]+kap(?:\.|itlet)?[ \t]+(?:\d{1,2}[ \t]*[a-z]?[ \t]*§[ \t]+)?)?(?:[\wåäö]{2,20}-[ \t]+och[ \t]+)?"
    r"[\wåäö]{3,40}(?:[ \t]+\([A-ZÅÄÖ]{2,6}\))?(?=[ \t]+(?:om|av|för|gällande|avseende|angående|kring)\b))?|Samrådsremiss|"
    # round 13: "Underrättelse om samråd Eslövs kommuns …", "Begäran om yttrande - val av väglinje"
    r"Underrättelse[ \t]+om[ \t]+(?:samråd|granskning|utställning)|"
    # round 20: a covering letter named as such: "Följebrev till remiss av X", "Missiv – X"
    r"(?:Missiv|Följebrev)(?:et)?(?=[ \t]*[:–-]|[ \t]+(?:till|för)[ \t]+remiss)(?:[ \t]+(?:till|för))?|"
    # round 16: "Remissvar - Regional kulturplan för Skåne …": a page of the answers, named by the remiss's matter
    r"Remissvar(?:en)?(?=[ \t]*[:–-][ \t]*[A-ZÅÄÖ])|"
    # round 25: "Remissvar på Faluns cykelplan": the heading of an answer names the remiss after the preposition
    r"Remissvar(?:et|en)?(?=[ \t]+(?:på|om|över|angående|gällande|avseende)[ \t]+\S)|"
    # round 32: "Synpunkter och svar på remissversion av X": the answers, named by the remiss's matter
    r"(?:Synpunkter|Remissvar|Svar|Kommentarer)(?:[ \t]+och[ \t]+(?:svar|kommentarer|synpunkter))?"
    r"(?=[ \t]+på[ \t]+remiss(?:version|utgåva|förslag|underlag)(?:en|et)?[ \t]+(?:av|till|för)[ \t]+\S)|"
    r"(?:Begäran|Förfrågan)[ \t]+om[ \t]+(?:remissyttrande|yttrande|synpunkter)(?=[ \t]*[:–-]|[ \t]+(?:över|om|angående|gällande|på)\b)|"
    # "Konsekvensutredning av förslag till föreskrifter om …": the accompanying analysis, named by the proposal
    r"Konsekvensutredning(?:en)?(?=[ \t]+(?:av|för|till)[ \t]+förslag)|"
    r"Inbjudan till (?:samråd|remiss)|Välkommen att tycka till|(?:Dags att )?[Tt]yck(?:a)? till|"
    # "Nu är förslaget till … ute på remiss", "Samrådshandling: Vattentjänstplan …"
    # "Digitalt remisseminarium – Regional livsmedelsstrategi": an event about the remiss names it after the dash
    r"(?:Digitalt[ \t]+)?(?:remisseminarium|remissmöte|remisskonferens|samrådsmöte)(?=[ \t]*[:–-])|"
    # round 21: "Nu är det samråd om X", "Samrådsförslag: X"
    r"Nu[ \t]+(?:är|pågår)[ \t]+det[ \t]+(?:samråd|remiss|granskning|utställning)|"
    r"(?:Samråds|Gransknings|Utställnings)(?:förslag|version)(?:et|en)?(?=[ \t]*[:–-])|"
    r"Nu (?:är|går|skickas|ställs)|(?:Samråds|Gransknings|Remiss|Utställnings)handling(?:ar)?|"
    # round 20: a web page's call to the reader in front of the name: "Nu kan du tycka till om X", "Vad tycker du om
    # X?", "Välkommen med synpunkter på X", "Nu startar samrådet om X"; a status in front: "Pågående remiss: X",
    # "Samråd pågår – X"; the period's label: "Remisstid för X: 1 mars–15 maj"
    # (not before "förslaget", a deictic or a possessive: "Nu kan alla tycka till om förslaget", "Vad tycker du om
    # Vimmerby kommuns nya biblioteksplan?" name the matter elsewhere)
    r"(?:Nu[ \t]+(?:kan|får)[ \t]+(?:du|ni|alla)[ \t]+(?:tycka[ \t]+till|lämna[ \t]+synpunkter|ge[ \t]+synpunkter|yttra[ \t]+(?:dig|er))|"
    r"Vad[ \t]+tycker[ \t]+(?:du|ni)|Välkommen[ \t]+med[ \t]+(?:dina[ \t]+|era[ \t]+)?synpunkter)"
    r"(?=[ \t]+(?:om|på|över)[ \t]+(?!(?:förslaget|den|det|de|denna|detta|dessa)\b|(?:[\wåäö-]+[ \t]+){0,2}[\wåäö-]+s[ \t]))|"
    r"Nu[ \t]+(?:startar|börjar|inleds|pågår)[ \t]+(?:samrådet|remissen|granskningen|utställningen)|"
    r"(?:Pågående|Aktuell)[ \t]+(?:remiss|samråd|granskning|utställning)(?=[ \t]*[:–-])|"
    r"(?:Remiss|Samråds|Gransknings|Utställnings)tid(?:en)?(?=[ \t]+för[ \t][^\n]{3,200}:[ \t]*\d)|"
    r"(?:Inbjudan|Möjlighet|Välkommen) att (?:lämna synpunkter|yttra sig)|(?:Lämna|Ge|Skicka in)(?: dina| era)? synpunkter|"
    # "Glöm inte ge yttrande om Översiktsplan 2040": a reminder in front of the matter's name
    r"Glöm inte (?:att )?(?:ge|lämna|skicka in) (?:ditt |ert |era |dina )?(?:yttrande|synpunkter)|"
    r"[\wåäö:-]{2,40}(?:[ \t]+[\wåäö:-]{2,40}){0,2}[ \t]+vill ha (?:dina |era |in )?synpunkter|"
    # round 21: "Information om förlängd remisstid – X", "Ändrat datum för remissvar – X", "Uppskjuten svarsdag: X"
    r"(?:Information|Meddelande)[ \t]+om(?=[ \t]+(?:förlängd|förlängning|ny|nytt|ändrad|ändrat|uppskjuten)\b)|"
    r"(?:Ändrat|Nytt)[ \t]+(?:slut)?datum[ \t]+för[ \t]+(?:remissvar|svar|yttranden?|synpunkter)|"
    r"(?:Uppskjuten|Senarelagd|Framflyttad)[ \t]+(?:sista[ \t]+)?(?:svarsdag|remisstid|svarstid)|"
    r"(?:Förlängd|Förlängning av|Ny) (?:remisstid|svarstid|samrådstid|granskningstid|utställningstid|yttrandetid|"
    r"sista svarsdag)(?:en)?(?: för| gällande| i)?|"
    r"(?:Remiss|Svars|Samråds|Gransknings|Utställnings)tiden(?: för| gällande| i)(?=[^\n]*förläng)|Remissbehandling|"
    # an extension notice's heading: "Remissen förlängs – Riktlinjer för …", "Ny tid för synpunkter på förslaget till …"
    r"(?:Remissen|Samrådet|Granskningen|Utställningen|(?:Remiss|Svars|Samråds|Gransknings|Utställnings|Yttrande)tiden)"
    r"[ \t]+(?:förläng(?:s|ts)|har[ \t]+förlängts)(?=[ \t]*[:–-]|[ \t]+(?:för|gällande)[ \t]+\S)|"
    r"(?:Ny|Nytt|Ändrad|Förlängd|Mer)[ \t]+(?:tid[ \t]+för[ \t]+(?:synpunkter|yttranden?|remissvar|svar)|svarsdatum|"
    r"sista[ \t]+svarsdag|svarsdag)(?:[ \t]+(?:på|för|gällande|i)(?=[ \t]+förslaget[ \t]+till\b))?|"
    r"Förlängning(?=[ \t]*:)|Förläng(?:s|ts)(?=[ \t]*[:–-])|Ändrad[ \t]+(?:remisstid|svarstid|samrådstid|granskningstid)|"
    # "Vill du vara med och påverka den nya Biblioteksplanen för 2024-2027?"
    r"Vill[ \t]+(?:du|ni)[ \t]+(?:vara[ \t]+med[ \t]+(?:och|att)[ \t]+)?(?:påverka|tycka[ \t]+till[ \t]+om|"
    r"lämna[ \t]+synpunkter[ \t]+på)(?:[ \t]+(?:den|det|de))?(?:[ \t]+(?:nya|ny|nytt))?|"
    # "Sista dagen att ge synpunkter på förslaget till ny regional kulturplan 2020-2023"
    r"Sista[ \t]+dag(?:en)?[ \t]+(?:för[ \t]+)?att[ \t]+(?:ge|lämna|skicka[ \t]+in|komma[ \t]+med)[ \t]+"
    r"(?:(?:dina|era)[ \t]+)?synpunkter[ \t]+på(?:[ \t]+förslaget[ \t]+till)?(?:[ \t]+(?:nya|ny|nytt))?|"
    # round 22: "Underlag för kompletterande samråd vid X": the basis of a procedure, named by the procedure; "Nu
    # ställer vi ut X på granskning", "Nu skickar vi ut X på remiss": the sender's news in front of the name; "Ny
    # regional biblioteksplan 2024–2027", "Arbete med ny X för 2022-2025": the news that a plan of a period is new
    r"(?:Samråds|Remiss|Gransknings)?underlag(?:et)?(?=[ \t]+(?:för|inför|till)[ \t]+(?:(?:kompletterande|fortsatt|"
    r"förnyat?|utökat?|nytt?)[ \t]+)?(?:samråd|remiss|granskning|utställning))|"
    r"Nu[ \t]+(?:ställer|skickar|sänder)[ \t]+[\wåäö-]{2,40}[ \t]+ut|"
    r"(?:Arbete(?:t)?[ \t]+med(?:[ \t]+(?:en|ett))?(?:[ \t]+(?:ny|nytt|nya))?|Ny|Nytt|Nya)(?=[ \t]+[^\n]{0,80}?"
    r"(?:plan|program|strategi|policy)\b[^\n]{0,60}?\d{4}[ \t]*[–-][ \t]*\d{4})|"
    # "Remissperioden avslutad för Kronobergs kulturplan"
    rf"(?:Remiss|Samråds|Gransknings)(?:perioden|tiden)[ \t]+(?:är[ \t]+)?(?:avslutad|slut|pågår|öppen)(?:[ \t]+för)?)(?:[ \t]+{ABOUT})?"
    r"(?:[ \t]*[:–-][ \t]*|[ \t]+))+(?:(?:(?:departements)?promemorian?|departementsskrivelsen?|(?-i:PM)|betänkandet?|rapporten?)[ \t]+)?",
    re.IGNORECASE,
)
TRAIL = re.compile(
    r"(?<![ \t])[ \t]*(?:[-–:][ \t]*(?:(?:allmänt|offentligt|nytt|förnyat|utökat)[ \t]+)?"
    r"(?:remiss|samråd|granskning|utställning)(?:förslag|version|shandling)?(?:[ \t]+för[ \t]+(?:yttrande|synpunkter))?|"
    # round 20: "X (remiss)", "X – yttrande begärs"
    r"\((?:remiss|samråd|granskning|utställning)\)|[-–:][ \t]*(?:yttrande|synpunkter|remissvar)[ \t]+(?:begärs|önskas|efterfrågas)|"
    # an extension notice's heading: "… - förlängd samrådstid", "Granskningstiden för X förlängs till 1 mars"
    r"[-–:][ \t]*(?:förlängd|förlängning av|ny|nytt|ändrad)[ \t]+(?:(?:remiss|svars|samråds|gransknings|utställnings|"
    r"yttrande)tid(?:en)?|tid[ \t]+för[ \t]+(?:synpunkter|yttranden?|remissvar|svar)|svarsdatum|svarsdag|sista[ \t]+svarsdag)|"
    # "Ds 2026:30 Ett nytt mediestöd – förlängning", "… – förlängs"
    r"[-–:][ \t]*(?:förlängning|förlängs|förlängd)|"
    # round 14: a page's status after the name: "Trafikförsörjningsprogram - remisstiden avslutad"
    r"[-–:][ \t]*(?:remisstiden|remissen|samrådet|samrådstiden|remissperioden)[ \t]+(?:är[ \t]+)?"
    r"(?:avslutad|avslutat|stängd|slut|över)|"
    r"[ \t]förläng(?:s|t|es)(?:[ \t]+till(?:[ \t]+och[ \t]+med)?[ \t]+[^\n]{1,30})?|"
    # "Vägledning för riksintressen skickas nu på bred remiss", "Trafikstrategin ställs nu ut för granskning": the
    # heading reports, in the passive, what happens to the named document
    r"(?:(?:är|går|skickas|sänds|läggs|ställs)[ \t]+)?(?:nu[ \t]+)?(?:ute |ut )?på[ \t]+(?:bred[ \t]+)?"
    r"(?:remiss|samråd|granskning|utställning)|"
    r"(?:ställs|skickas|sänds|läggs)[ \t]+(?:nu[ \t]+)?ut[ \t]+för[ \t]+(?:remiss|samråd|granskning|utställning)|"
    # round 20: "Förslag till X har skickats ut på remiss", "Synpunkter på X välkomnas"
    r"(?:har|hade)[ \t]+(?:nu[ \t]+)?(?:skickats|sänts|gått|ställts|lagts)[ \t]+(?:ut[ \t]+)?(?:på|för)[ \t]+(?:bred[ \t]+)?"
    r"(?:remiss|samråd|granskning|utställning)|(?<=[\wåäö)])[ \t](?:välkomnas|efterfrågas|önskas|begärs)|"
    # "Skollokalutredningen färdig - remissas nu": a news heading's report on the remiss after the name
    # (the blanks in front are the pattern's own leading [ \t]*: a second run here made a line of blanks quadratic)
    r"(?:(?:färdig|färdigt|klar|klart)[ \t]+)?[-–:][ \t]*(?:remissas|remitteras)(?:[ \t]+nu)?|"
    # "… föreskrifterna (4 bilagor)": the letter's attachments, no part of the name
    r"\((?:\d{1,2}|med)[ \t]+bilag(?:a|or|orna)\))[ \t]*$", re.IGNORECASE)
# regeringen.se puts the diarienummer right after the heading ("… vindkraftverkDiarienummer: Fi2025/00114"); a
# subject may end with it in brackets ("… vindkraftverk (Fi2025/00114)"). Neither belongs to the ärendemening.
# (The blanks in front are taken only from the first of them, so that a run of blanks is not retried.)
# "… arbetsinkomster, diarienummer Fi2024/00345": the letter's reference after a comma is no part of the name
_DNR_TAIL = re.compile(rf"(?<![ \t])[ \t]*(?:Diarienummer[ \t]*:[ \t]*\S+|\((?:dnr[ \t.:]*)?{RK_DNR}\)|"
                       rf",[ \t]*(?:dnr|diarienr|diarienummer)[ \t.:]*{RK_DNR})\Z",
                       re.IGNORECASE)
# "Remiss: Förslag till … anläggningar 31 maj 2017": a list's answer-day column run into the item's name.
_DATE_TAIL = re.compile(r"(?<![ \t])(?<![ \t]den)(?<![ \t]från)(?<![ \t]per)[ \t]+\d{1,2}[ \t]+(?:januari|februari|mars|april|maj|juni|juli|"
                        r"augusti|september|oktober|november|december)[ \t]+\d{4}\Z|"
                        # "Lämna synpunkter på Översiktsplanen innan 30:e september 2021": the deadline, not the name
                        r"(?<![ \t])[ \t]+(?:innan|senast|före|till[ \t]+och[ \t]+med)(?:[ \t]+den)?[ \t]+\d{1,2}(?::e)?[ \t]+"
                        r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
                        r"(?:[ \t]+\d{4})?\Z|"
                        # round 21: "X flyttas fram till den 15 juni 2027", "X till den 15 juni": a notice's new day
                       r"(?<![ \t])[ \t]++(?:(?:flyttas|skjuts)(?:[ \t]+(?:fram|upp))?[ \t]+)?(?:till[ \t]+och[ \t]+med|"
                       r"till[ \t]+den)[ \t]+\d{1,2}[ \t]+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|"
                       r"oktober|november|december)(?:[ \t]+\d{4})?\Z|"
                       # round 20: the period after the name, "X 1 mars – 15 maj 2027", "X: 1 mars–15 maj"
                        r"(?<![ \t])(?:[ \t]*+[:,])?[ \t]++\d{1,2}[ \t]+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|"
                        r"oktober|november|december)(?:[ \t]+\d{4})?[ \t]*[–-][ \t]*\d{1,2}[ \t]+(?:januari|februari|mars|april|maj|"
                        r"juni|juli|augusti|september|oktober|november|december)(?:[ \t]+\d{4})?\Z", re.IGNORECASE)


# A title never starts with a conjunction: what is left after a lead was cut in the middle of "X och Y".
FRAGMENT = re.compile(r"(?:och|samt|eller|men|&)(?![\wåäö])", re.IGNORECASE)


# A diarienummer the sender put at the end of the subject: "… läkemedel (581:2011/502100)", "… Boa 511-7180-11",
# "… översiktsplan KS-2021-00442". A year range ("2021-2025") and an SOU/Ds/författning number are the name's own.
# "RUN-HRU24-0029": a series and a unit in front of the year and number
DNR_TOKEN = r"(?:[A-ZÅÄÖ]{1,6}-(?!FS[ \t]))?(?:[A-ZÅÄÖ]{1,6}[ -]?)?\d[\d.:/-]{3,30}\d"  # "HSLF-FS 2021:2" is no dnr


# "Remiss av promemorian X", "Remiss promemoria X", "Remittering av betänkandet X": the ärendemening is X, even in the
# letter's own heading; it flows into every document and mail subject, which say "remiss" themselves.
REMISS_LEAD = re.compile(
    # "Remiss från Miljödepartementet om X": the sender between the word and the matter
    # "Öppen remiss för Hallands kulturstrategi …": a remiss open to anyone, the same lead
    # round 20: "Remissförfrågan – X", "Remissutskick: X", "Remiss rörande/beträffande/kring/med anledning av X"
    # "Remiss och samråd – X", "Remissunderlag: X", "Remiss nr 3/2027: X"
    r"^(?:(?:(?:Öppen|Allmän)[ \t]+)?(?:Remiss(?:lista(?:n)?|förfrågan|inbjudan|utskick(?:et)?|brev(?:et)?|missiv(?:et)?|underlag(?:et)?)?|"
    r"Remittering)\b(?:[ \t]+pågår(?=[ \t]*[:–-]))?(?:[ \t]+(?:och|samt|&)[ \t]+(?:samråd|granskning|utställning)\b)?(?:[ \t]+(?:nr|nummer)\.?[ \t]*\d[\d/:-]{0,12})?"
    # round 21: "Remiss från Infrastrukturdepartementet: X", "Remiss från Ale kommun – X": the sender before the
    # colon or dash (at most five words)
    r"(?:[ \t]+från[ \t]+[A-ZÅÄÖ][\wåäö-]{1,60}(?:(?=[ \t]+(?:om|av|angående|gällande)\b)|"
    r"(?:[ \t]+[\wåäö-]{1,40}){0,4}?(?=[ \t]*:|[ \t]+[–-][ \t])))?"
    # round 21: "Remiss för yttrande: X", "Remiss för kännedom – X"
    r"(?:[ \t]+för[ \t]+(?:yttrande|synpunkter|kännedom|besvarande)(?=[ \t]*[:–-]))?"
    # round 28b: "Remiss med frågor om X", "Remiss med förslag till X": what the remiss carries follows "med", and
    # that is the matter a registrator writes down ("med anledning av" is tried first, in ABOUT)
    rf"(?:[ \t]+(?:{ABOUT}|med(?=[ \t]+(?:frågor|förslag)\b))\b)?[ \t]*[:–-]?[ \t]*|"
    # round 32: a list of the receivers, headed by the matter: "Remissinstanser för Hemställan om ändring av …"
    r"(?:Remissinstanser(?:na)?|Sändlista(?:n)?|Remissmottagare)[ \t]+(?:för|gällande|avseende)[ \t]+(?=\S)|"
    # round 21: a subject's or heading's label of what the letter asks: "För yttrande: X"
    r"För[ \t]+(?:yttrande|synpunkter|kännedom)[ \t]*[:–-][ \t]*|"
    # round 21: "Tillfälle att yttra sig över X", "Anmodan att inkomma med yttrande över X", the public law's
    # words for giving a body the chance to answer
    r"(?:Tillfälle|Anmodan|Uppmaning)[ \t]+att[ \t]+(?:yttra[ \t]+sig|(?:lämna|ge|avge|inkomma[ \t]+med|komma[ \t]+in[ \t]+med)"
    rf"[ \t]+(?:yttrande|synpunkter|remissvar))[ \t]+{ABOUT}[ \t]+|"
    # round 20: the words a letter's or a subject's heading puts in front of the matter, whoever sends it: "Angående
    # X", "Ang. X", "Begäran om yttrande över X", "Yttrande över X", "Synpunkter på X", "Följebrev till remiss av X"
    r"(?:Angående|Ang\.|Avseende|Beträffande|Rörande)(?=[ \t:])[ \t]*+:?[ \t]*+|"
    rf"(?:(?:Begäran|Förfrågan)[ \t]+om[ \t]+(?:remissyttrande|yttrande|synpunkter|remissvar)|Yttrande|Synpunkter)[ \t]+{ABOUT}[ \t]+|"
    # round 21: "Synpunkter önskas på X", "Remissyttrande önskas över X"
    rf"(?:Remissyttrande|Yttrande|Synpunkter|Remissvar)[ \t]+(?:önskas|begärs|efterfrågas|välkomnas)[ \t]+{ABOUT}[ \t]+|"
    # round 29: a kommun's subject for its own paper on a remiss: the paper's kind, the committee's abbreviation and
    # "remiss" in front of the matter ("Tjänsteskrivelse KSN remiss En kommunallag för framtiden")
    r"(?:Tjänsteskrivelse|Tjänsteutlåtande|Beslutsunderlag|Protokollsutdrag)(?:[ \t]+(?-i:[A-ZÅÄÖ]{2,6}))?[ \t]+"
    rf"remiss(?:en)?\b(?:[ \t]++{ABOUT})?[ \t]*+(?:[:–-][ \t]*+)?|"
    rf"(?:Missiv|Följebrev)(?:et)?[ \t]+(?:till|för)[ \t]+remiss(?:en)?\b(?:[ \t]++{ABOUT})?[ \t]*+(?:[:–-][ \t]*+)?|"
    r"(?:Missiv|Följebrev)(?:et)?[ \t]*[:–-][ \t]*|"
    # "Inbjudan till samråd om X", "Möjlighet att lämna yttrande över X", "Välkommen att yttra sig över X"
    r"(?:Inbjudan|Möjlighet|Välkommen)[ \t]+(?:till[ \t]+(?:samråd|remiss)|att[ \t]+besvara[ \t]+remiss(?:en)?|"
    r"att[ \t]+(?:lämna|ge|inkomma[ \t]+med)[ \t]+"
    rf"(?:yttrande|synpunkter|remissvar)|att[ \t]+yttra[ \t]+sig)[ \t]+{ABOUT}[ \t]+)?"
    r"(?:(?:(?:departements)?promemorian?|departementsskrivelsen?|(?-i:PM)|betänkandet?|rapporten?)(?:[ \t]+(?:om|angående|avseende|gällande))?[ \t]+)?"
    r"(?=\S)",
    re.IGNORECASE)
# "Rapporten X" alone may be the matter's own name; "Promemorian X" never is.
_DOC_ONLY = re.compile(r"^(?:betänkande|rapport)", re.IGNORECASE)


# Round 14: "Inbjudan till lärosäten, myndigheter och organisationer att inkomma med synpunkter till regeringens
# forskningspolitik": an invitation's addressees and request in front of the matter
_INVITATION = re.compile(r"^Inbjudan(?:[ \t]+till[ \t]+[^\n]{3,100}?)?[ \t]+att[ \t]+(?:inkomma|komma[ \t]+in|lämna)"
                         r"[ \t]+(?:med[ \t]+)?(?:synpunkter|yttranden?|remissvar)[ \t]+(?:på|till|om|över)[ \t]+(?=\S)",
                         re.IGNORECASE)


def document_kind_only(value: str) -> bool:
    """Tell whether a line is only the document's kind ("Betänkande", "Rapport")."""
    return bool(_DOC_ONLY.match(value)) and " " not in value.strip()


def drop_remiss_lead(value: str) -> str:
    """Return a title without the "Remiss av …" words in front of the matter's name."""
    invited = _INVITATION.match(value)
    if invited and len(value) - invited.end() >= 3:
        return value[invited.end():]
    found = REMISS_LEAD.match(value)
    if not found or found.end() == 0 or _DOC_ONLY.match(value):
        return value
    rest = value[found.end():]
    again = REMISS_LEAD.match(rest)
    if again and again.end() and not _DOC_ONLY.match(rest) and len(rest) - again.end() >= 3:
        rest = rest[again.end():]  # round 20: "Angående remiss av promemorian X", "Inbjudan till samråd om förslag …"
    if len(rest) < 3:
        return value  # "Remiss" alone names no matter
    # round 20: "Välkommen att lämna synpunkter på förslaget till X": the document is "Förslag till X"
    rest = re.sub(r"^förslaget(?=[ \t]+till[ \t])", "Förslag", rest, flags=re.IGNORECASE)
    if re.match(r"Remiss|Remittering", value, re.IGNORECASE):
        rest = drop_receiver(rest)  # round 29: "Remiss av X till Uppsala kommun": whom it is sent to is no part of X
    return rest[:1].upper() + rest[1:]


def tidy(value: str, span: tuple[int, int], lead: bool = True) -> tuple[str | None, tuple[int, int]]:
    """Collapse blanks; drop a procedure's words around the name unless the letter's own heading has them."""
    value = drop_remiss_lead(_DNR_TAIL.sub("", re.sub(r"\s+", " ", value).rstrip(" .")).strip(" .:"))
    found = DOC_LEAD.match(value) if lead else None
    if found and found.end() < len(value):
        removed, value = value[:found.end()], value[found.end():]
        # "Ny tid för synpunkter på förslaget till grönplan": the document is "Förslag till grönplan" (but "Nu är
        # förslaget till ny avfallsplan ute på remiss" keeps the page's own words)
        # (round 25: "Remisstiden förlängs för förslaget till X" likewise)
        if re.search(r"(?:synpunkter[ \t]+på|(?<![\wåäö])(?:om|på|över|för))[ \t]*\Z", removed, re.IGNORECASE):
            value = re.sub(r"^förslaget(?=[ \t]+till[ \t])", "Förslag", value, flags=re.IGNORECASE)
        if FRAGMENT.match(value):
            # round 14: "Förlängd samrådstid | och inställda samråd för …": the lead was cut inside a coordination,
            # the line names the notice, not the matter: empty rather than a fragment
            return None, span
        value = value[:1].upper() + value[1:]
    value = TRAIL.sub("", normalise(value)).strip(" .:–-")
    value = _DATE_TAIL.sub("", value)
    # "Delbetänkandet Regional indelning – tre nya län (SOU 2016:48)" once "Yttrande över" is gone: a document kind in
    # its definite form in front of the document's own (capitalised) name is no part of the ärendemening
    value = _DEFINITE_DOC.sub("", value)
    # a scan's lost blanks: "Regional indelning -tre nya län (SOU2016:48)" is "… - tre nya län (SOU 2016:48)"
    value = _ONE_SIDED_DASH.sub(r" \1 ", _SERIES_GLUED.sub(r"\1 ", value))
    return (_drop_body_tail(normalise(value)) or None), span


_SERIES_GLUED = re.compile(r"\b(SOU|Ds)(?=(?:19|20)\d\d:\d)")
_ONE_SIDED_DASH = re.compile(r"(?<=[\wåäö)]) ([-–])(?=[A-Za-zÅÄÖåäö])")
_DEFINITE_DOC = re.compile(r"^(?i:(?:del|slut)?betänkandet|(?:departements)?promemorian|(?:del|slut)?rapporten)[ \t]++"
                           r"(?=[A-ZÅÄÖ\"”])")


# Round 12: what a page or a subject puts around the name that no annotation keeps.
# "Aktuella remisser – X", "Remisser: X": the page's section in front of the item
SECTION_LEAD = re.compile(r"^(?:(?:Aktuella|Pågående|Öppna)[ \t]+(?:remisser|samråd|granskningar)|Remisser|Nyheter|"
                          r"Kungörelser?|Aktuellt)[ \t]*[:–|›>/-][ \t]*(?=\S)", re.IGNORECASE)
_FILE_TAIL = re.compile(r"(?<![ \t,])[ \t,]*+(?:\((?:pdf|word|docx?|xlsx?|odt)\b[^()\n]{0,25}\)|"
                        r"(?:pdf|word)[ \t,]+\d[\d,.]*[ \t]*[kKmM]B)\.?\Z", re.IGNORECASE)
# Round 32: a list item's deadline in brackets after the name: "Förslag till nytt vattenskyddsområde … [yttrande senast
# 12 april 2016]", "X (synpunkter senast 30 april)"
_BRACKET_TAIL = re.compile(r"(?<![ \t])[ \t]*+[\[(](?:[^\[\]()\n]{0,40}[ \t])?(?:yttrande|yttranden|synpunkter|svar|"
                           r"remissvar|svarstid|remisstid)[ \t]+(?:senast|till|t\.o\.m\.?)[ \t][^\[\]()\n]{1,40}[\])]\Z",
                           re.IGNORECASE)
# Round 32: the bodies a remiss was sent to, after the matter: "förslag på miljö- och klimatprogram … till samtliga
# nämnder, råd och bolag samt berörda kommuner"
_ALL_RECEIVERS_TAIL = re.compile(r"(?<![ \t])[ \t]++till[ \t]+(?:samtliga|alla|berörda)[ \t]+(?:nämnder|förvaltningar|"
                                 r"kommuner|regioner|myndigheter|remissinstanser|bolag|organisationer)\b[^\n]{0,120}\Z",
                                 re.IGNORECASE)
# "X – synpunkter senast 30 april 2024", "X - lämna synpunkter senast 30 april", "X – tyck till senast …"
# (round 20: "X – för yttrande", "X - för synpunkter")
_ASK_TAIL = re.compile(r"(?<![ \t])[ \t]*+[-–:,][ \t]*(?:för[ \t]+)?(?:lämna[ \t]+|ge[ \t]+|skicka[ \t]+in[ \t]+)?(?:dina[ \t]+|era[ \t]+)?"
                       r"(?:synpunkter|yttranden?|remissvar|svar|svara|tyck(?:a)?[ \t]+till)"
                       r"(?:[ \t]+(?:senast|innan|före|till[ \t]+och[ \t]+med|t\.o\.m\.?)(?:[ \t]+[^\n]{1,40})?)?\Z|"
                       # round 21: "X (sista svarsdag 15 maj)", "X (svar senast 2027-05-15)", "X (remisstid 1 mars–15 maj)"
                       # round 21: "X – sista svarsdag 2027-05-15", "X, remisstid 1 mars–15 maj", "X – samråd pågår till …"
                       r"(?<![ \t])[ \t]*+[-–:,][ \t]*(?:sista[ \t]+svarsdag(?:en)?|svarsdag(?:en)?|(?:remiss|samråds|svars)tid(?:en)?|"
                       r"(?:remissen|remiss|samrådet|samråd|granskningen|granskning)[ \t]+pågår)(?:[ \t:]+[^\n]{1,40})?\Z|"
                       r"(?<![ \t])[ \t]*+\((?:sista[ \t]+(?:svars)?dag(?:en)?|svar(?:a|et)?(?:[ \t]+senast)?|senast|"
                       r"svars-?[ \t]*tid|remisstid|svarsdatum)[ \t:]+[^()\n]{1,40}\)\Z",
                       re.IGNORECASE)
# "X ute på remiss till och med 30 april 2024", "X på remiss till 30 april": the time after the report
# the time a report gives after "på remiss": "till och med 30 april 2024", "fram till 14 juni", "i tre månader"
REPORT_TIME = (r"[ \t]+(?:fram[ \t]+)?(?:till(?:[ \t]+och[ \t]+med)?|t\.o\.m\.?|senast|i)[ \t]+"
               r"(?:den[ \t]+)?(?:\d|tre|två|fyra|sex|en|ett)[^\n]{0,40}\Z")
REPORT_TAIL = re.compile(r"(?<![ \t])[ \t]++(?:(?:är|går)[ \t]+)?(?:nu[ \t]+)?(?:ute[ \t]+)?på[ \t]+(?:bred[ \t]+)?"
                          r"(?:remiss|samråd|granskning|utställning)" + REPORT_TIME, re.IGNORECASE)
# Round 14: a riksdag document's number in front of its name: "Fråga 2023/24:411 Uteblivna remissvar i …"
_RIKSDAG_NUMBER = re.compile(r"^(?:Skriftlig[ \t]+)?(?:Fråga|Interpellation|Motion)[ \t]+\d{4}/\d{2}:\d{1,4}[ \t]*[:–-]?[ \t]*"
                             r"(?=[A-ZÅÄÖ])")
# (round 20: also in brackets, "… (2027-02-01)")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}[ \t]+(?=[A-ZÅÄÖ])|(?<![ \t,–-])[ \t,–-]++(?:\d{4}-\d{2}-\d{2}|\(\d{4}-\d{2}-\d{2}\))\Z")
# Round 20: the letter's reference in front of the name, "RS 2027/0123 – X", "Dnr 2027-000123: X" (a number with a
# slash or a hyphen; an SOU, Ds or FS number and a period of years are the name's own); and a label whose number was
# cut off at the end, "X, dnr"
_REF_NUMBER = rf"(?:{RK_DNR}|(?:[A-ZÅÄÖ]{{1,6}}-)?(?:[A-ZÅÄÖ]{{1,6}}[ -]?)?\d[\d.:]{{0,10}}[/-][\d.:/-]{{0,20}}\d)"
_NOT_A_REF = r"(?!(?:SOU|Ds)[ \t]|[A-ZÅÄÖ]{1,6}-?FS[ \t]|\d{4}[-–]\d{4}\b)"
# (round 21: in brackets, "(KS 2027/123) – X", or labelled as the case, "Ärende KS 2027/123: X")
_DNR_HEAD = re.compile(rf"^\(?{_NOT_A_REF}(?:(?i:dnr|diarienr|diarienummer|ärende(?:nummer|nr)?)[ \t.:]*)?{_REF_NUMBER}\)?"
                       r"(?:[ \t]*[–:-])?[ \t]+(?=[A-ZÅÄÖ])")
# "X (KS 2027/123)": the reference in brackets after the name
_REF_TAIL = re.compile(rf"(?<![ \t])[ \t]*+\((?:(?i:dnr|diarienr|diarienummer)[ \t.:]*)?{_NOT_A_REF}{_REF_NUMBER}\)\Z")
_DANGLING_LABEL = re.compile(r"(?<![ \t,]),?[ \t]*+(?:dnr|diarienr|diarienummer)[ \t.:]*\Z", re.IGNORECASE)
# "X, dnr KS 2020/123": the letter's reference after the name
_LABELLED_DNR_TAIL = re.compile(rf"(?<![ \t,]),?[ \t]*+\(?(?:[A-ZÅÄÖ]{{2,6}}[ \t]+)?(?:dnr|diarienr|diarienummer|ärendenummer|ärendenr)[ \t.:]*(?:{DNR_TOKEN}|\d{{4}}[–-]\d{{3,8}})\)?\Z",
                                re.IGNORECASE)


# Round 16: a separate paper of the remiss named after the name: "… – konsekvensutredning", "…, missiv". No annotated
# title ends with one; the document's own name stands before it. (A version of the document itself, "…,
# granskningshandling" or "…, samrådshandling", is annotated both ways and stays.)
_PART_TAIL = re.compile(r"(?<=[\wåäö)”\"])[ \t]*+(?:[,–-][ \t]*(?:konsekvensutredning(?:en)?|missiv(?:et)?|följebrev(?:et)?|"
                        r"sändlista(?:n)?)|"
                        # round 21: the version sent out, "X, remissversion", "X (samrådsversion)"
                        r"(?:,[ \t]*|\()(?:remiss|samråds|gransknings)(?:version|utgåva)(?:en|n)?\)?)\Z", re.IGNORECASE)


def normalise(value: str) -> str:
    """Drop what a page or a subject puts around the name: its section label, a file's size, the request for answers
    with its day, a date, a labelled diarienummer ("Aktuella remisser – X (pdf, 2 MB)" → "X")."""
    capital, before = value[:1].isupper(), None
    while before != value:
        before = value
        value = SECTION_LEAD.sub("", value)
        for tail in (_FILE_TAIL, _BRACKET_TAIL, _ALL_RECEIVERS_TAIL, _ASK_TAIL, REPORT_TAIL, _LABELLED_DNR_TAIL, _PART_TAIL, _DANGLING_LABEL, _REF_TAIL):
            value = tail.sub("", value)
        value = _DNR_HEAD.sub("", _RIKSDAG_NUMBER.sub("", _ISO_DAY.sub("", value)))
        value = drop_remiss_lead(value) if _DNR_HEAD.match(before) else value  # "KS 2027/123 Remiss X"
        value = _DATE_TAIL.sub("", value).strip(" ,;:–-")
    return value[:1].upper() + value[1:] if capital else value  # "Aktuella remisser – förslag till …"


# Round 20: a page's or a file's title puts the site's owner after a dash or a bar: "Remiss av X - Region Halland",
# "X | Ale kommun". (Each run of blanks is entered once; the owner is at most 80 characters.)
_SITE_TAIL = re.compile(r"(?<=\S)[ \t]++[-–|][ \t]++([^\n|–-]{3,80})\Z")


def drop_site_tail(value: str) -> str:
    """Drop the site's owner after a dash or a bar when the words after it are wholly one public body's name."""
    m = _SITE_TAIL.search(value)
    if not m or len(value[:m.start()].split()) < 2:
        return value
    tail = m.group(1).strip()
    named = find_bodies(tail)
    return value[:m.start()] if named and named[0].start == 0 and named[0].end >= len(tail) else value


# Round 29: "Remiss av X till Uppsala kommun", "… har remitterat betänkandet X till Uppsala kommun": the kommun or
# region the remiss is sent to, after the name; never "Förslag till Region Halland…", where "till" starts the name
# itself. A myndighet after "till" is as often the matter's own ("Ändrat uppdrag till Försäkringskassan",
# "Regleringsbrev till Trafikverket") and stays.
_RECEIVER_KINDS = ("kommun", "region")
_RECEIVER_TAIL = re.compile(r"(?<![ \t])(?<![Ff]örslag)(?<![Ff]örslaget)[ \t]++till[ \t]+([A-ZÅÄÖ][^\n]{2,80})\Z")


def drop_receiver(value: str) -> str:
    """Drop the receiver after the name of what is remitted when the words after "till" are wholly one kommun's or
    region's name ("En kommunallag för framtiden till Uppsala kommun" → "En kommunallag för framtiden")."""
    m = _RECEIVER_TAIL.search(value)
    if not m or len(value[:m.start()].split()) < 2:
        return value
    tail = m.group(1).strip()
    named = find_bodies(tail)
    receiver = len(named) == 1 and named[0].start == 0 and named[0].end >= len(tail) and \
        named[0].body.kind in _RECEIVER_KINDS
    return value[:m.start()] if receiver else value


def _drop_body_tail(value: str) -> str:
    """Drop the sender's name put after a comma: "Förslag till översiktsplan Gotland 2040, Region Gotland"."""
    value = drop_site_tail(value)
    head, comma, tail = value.rpartition(", ")
    if not comma or len(head.split()) < 2:
        return value
    named = find_bodies(tail)
    # a kommun after the comma is the place the matter is about ("… i Stora Le, Dals-Eds kommun"), kept
    sender = named and named[0].start == 0 and named[0].end >= len(tail.rstrip()) and named[0].body.kind != "kommun"
    return head if sender else value
