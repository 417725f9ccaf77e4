"""Gunicorn settings for Remiss: `gunicorn -c deploy/gunicorn.conf.py 'remiss:create_app()'`.

Workers are separate processes; each opens its own database pool after the fork. The
scheduler never runs here (it is its own process: deploy/remiss-scheduler.service).
"""
import multiprocessing

wsgi_app = "remiss:create_app()"
bind = "127.0.0.1:8000"  # nginx in front (deploy/nginx.conf); use 0.0.0.0 only behind a firewall
workers = min(2 * multiprocessing.cpu_count() + 1, 9)
worker_class = "gthread"
threads = 4  # slow clients and file uploads do not hold a whole process
timeout = 60  # document generation and missiv parsing can take seconds
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then
max_requests_jitter = 200
forwarded_allow_ips = "127.0.0.1"  # X-Forwarded-* are trusted by the app itself via REMISS_PROXY_FIX
accesslog = "-"
errorlog = "-"
# the calendar feeds' addresses carry their secret: the access log writes it as *** (remiss/ops/accesslog.py)
logger_class = "remiss.ops.accesslog.MaskingLogger"
preload_app = False  # each worker builds its own app and engine; nothing is shared over fork
# gunicorn 27 opens a control socket at ~/.gunicorn/gunicorn.ctl; two instances on one host (or one user)
# would take it from each other. systemd reloads with HUP instead; gunicorns without it ignore the name.
control_socket_disable = True


def on_starting(server):
    """Check the settings, the instance folder and the database before any worker starts: a wrong one stops
    gunicorn with one line (and systemd shows the unit as failed) instead of workers that fail to boot or a
    web whose every login answers 500."""
    import sys

    from remiss.startup import SettingsError, preflight

    try:
        preflight()
    except SettingsError as exc:
        print(f"fel: {exc}", file=sys.stderr, flush=True)
        sys.exit(1)
