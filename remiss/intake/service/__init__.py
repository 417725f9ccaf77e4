"""Intake's verbs: batches.py for a missiv read into a pending batch (and what a read letter is), inbox.py for the
Inkorg's mails from the registrator's mailbox."""
