"""Planning: sammanträdesplan, klämdagar, tidplan per remiss, extensions, calendar and ICS feeds."""
