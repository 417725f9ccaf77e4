"""Remiss: remisshantering för svenska kommuner och myndigheter."""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application; config overrides what the REMISS_ variables say."""
    from config import load_config

    settings = load_config(config)
    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"),
                instance_path=settings["INSTANCE_PATH"])
    app.config.update(settings)
    if app.config.get("PROXY_FIX"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_FIX"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def _instance_secret(instance: Path) -> str:
    """Keep a generated secret key in instance/ so sessions survive restarts."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def register_extensions(app: Flask) -> None:
    from remiss import db, extensions
    from remiss.auth import passwords
    from remiss.subscribers import connect_all

    passwords.configure(time_cost=app.config["ARGON2_TIME_COST"], memory_kib=app.config["ARGON2_MEMORY_KIB"])
    db.init_app(app)
    extensions.init_app(app)
    connect_all()


def register_blueprints(app: Flask) -> None:
    from remiss.web import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)


def register_errorhandlers(app: Flask) -> None:
    from remiss.errors import init_app

    init_app(app)


def register_template_helpers(app: Flask) -> None:
    from remiss.display import init_app

    init_app(app)


def register_commands(app: Flask) -> None:
    from remiss.cli import COMMANDS

    for command in COMMANDS:
        app.cli.add_command(command)
