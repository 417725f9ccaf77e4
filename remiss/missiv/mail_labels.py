"""The words mail clients put in front of a forwarded or quoted message: header labels and separator lines.

Kept apart from remiss.missiv.email so that the list readers (signature.py) can stop at a quoted mail without
importing the forward reader.
"""
from __future__ import annotations

# The header names mail clients print above a forwarded or quoted message, by what they name, in the languages a
# Swedish registrator's mailbox sees (Swedish, Finland-Swedish, English, Norwegian, Danish, German, Finnish, Dutch,
# French) and in the diarium exports that print an incoming mail ("Avsändare:", "Mottagare:", "Inkommen:", "Rubrik:").
# Round 25: one table instead of one rule per client; a block is any run of these lines, whatever the client.
LABELS = {
    "from": ("från", "from", "avsändare", "von", "fra", "afsender", "lähettäjä", "van", "expéditeur"),
    "sent": ("skickat", "sänt", "sent", "date", "datum", "gesendet", "sendt", "dato", "lähetetty", "päivämäärä",
             "verzonden", "envoyé", "inkommen", "inkom", "inkommet"),
    "to": ("till", "to", "mottagare", "an", "til", "modtager", "vastaanottaja", "aan", "destinataire"),
    "cc": ("kopia", "cc", "kopi", "kopio", "bcc", "hemlig kopia", "blindkopia"),
    "subject": ("ämne", "subject", "rubrik", "ärendemening", "betreff", "emne", "aihe", "onderwerp", "objet"),
    # HCL Notes writes the subject as "Ärende:"; alone, "Ärende:" is a letter's heading (see innermost)
    "ärende": ("ärende",),
    # lines some clients add inside the block; they must not split it
    "other": ("bifogade filer", "attachments", "attachment", "bilagor", "bifogat", "anlagen", "vedlegg", "liitteet",
              "svara till", "reply-to", "antwort an", "prioritet", "priority", "importance", "vikt", "wichtigkeit",
              "känslighet", "sensitivity"),
}
# Separator and intro lines above a forwarded message, in the same languages ("-----Original Message-----",
# "---------- Vidarebefordrat meddelande ---------", "Begin forwarded message:", Outlook on the web's underscores).
SEPARATORS = ("ursprungligt meddelande", "originalmeddelande", "original message", "vidarebefordrat meddelande",
              "vidarebefordrat brev", "forwarded message", "begin forwarded message", "ursprüngliche nachricht",
              "weitergeleitete nachricht", "oprindelig meddelelse", "videresendt meddelelse", "opprinnelig melding",
              "videresendt melding", "alkuperäinen viesti", "välitetty viesti", "oorspronkelijk bericht",
              "doorgestuurd bericht", "message d'origine", "message transféré", "vidarebefordrat av", "forwarded by",
              "anfang der weitergeleiteten e-mail", "début du message réexpédié")
