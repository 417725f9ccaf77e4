"""Intake's verbs: batches.py for a missiv read into a pending batch, matching.py for what a read letter is (the
remiss it belongs to, whether it extends one), inbox.py for the Inkorg's mails from the registrator's mailbox."""
