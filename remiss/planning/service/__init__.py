"""Planning's verbs, one module per thing they change: tidplan (replan, override, done), extensions
(request, decide, the remittent's notice) and meetings (sammanträdesplan and klämdagar)."""
