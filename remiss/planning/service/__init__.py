"""Planning's verbs, one module per thing they change: tidplan (compute, replan, follow the beslut), milestones
(a date by hand, done, not done, reopened), extensions (request, decide, the remittent's notice) and meetings
(sammanträdesplan and klämdagar)."""
