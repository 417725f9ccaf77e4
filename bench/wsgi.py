"""The application gunicorn serves in the throughput measurement: the real app on the bench database with the
data set's clock, and a bare Flask route beside it (/__bare/) as a reference on the same workers.

    REMISS_BENCH_URL=sqlite:///… REMISS_BENCH_TMP=/tmp/… gunicorn bench.wsgi:app
"""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from bench.pages import app_for


def _bare() -> Flask:
    bare = Flask("bare")
    bare.add_url_rule("/", "bare", lambda: "ok")
    return bare


remiss_app = app_for(os.environ["REMISS_BENCH_URL"], Path(os.environ["REMISS_BENCH_TMP"]))
app = DispatcherMiddleware(remiss_app, {"/__bare": _bare()})
