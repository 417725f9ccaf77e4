"""Page: Försenat i förvaltningen, the late and at-risk work of every nämnd the user can see."""
from __future__ import annotations

from flask import render_template
from flask_login import login_required

from remiss.db import get_session
from remiss.planning import overview
from remiss.planning.views import bp
from remiss.web import now, principal


@bp.get("/forsenat")
@login_required
def late_overview():
    return render_template("planning/late.html", o=overview.late_overview(get_session(), principal(), now()))
