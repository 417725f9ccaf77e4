"""Intake: register a remiss from its missiv (pasted text, PDF, Word or e-mail), prefilled for review."""
