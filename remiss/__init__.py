"""Remiss: remisshantering för svenska kommuner och myndigheter."""
from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported in create_app: the sandbox worker imports remiss.missiv without Flask
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None, *, create_instance: bool = False) -> Flask:
    """Build the application; config overrides what the REMISS_ variables say. A missing instance folder named
    by REMISS_INSTANCE_PATH is created only with create_instance (`remiss migrate`): elsewhere it is a typo."""
    from flask import Flask

    from config import load_config
    from remiss.startup import check_settings, create_sqlite_file, prepare_instance

    settings = load_config(config)
    check_settings(settings)
    prepare_instance(settings, create=create_instance or not settings["INSTANCE_PATH_GIVEN"])
    create_sqlite_file(settings["DATABASE_URL"])
    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"),
                instance_path=settings["INSTANCE_PATH"])
    app.config.update(settings)
    from remiss.web.requests import CleanRequest

    app.request_class = CleanRequest  # text input without NUL and other control characters, for every form
    if app.config.get("PROXY_FIX"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_FIX"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_page_parts(app)
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
    from remiss import db
    from remiss.auth import passwords
    from remiss.auth.views import sso
    from remiss.subscribers import connect_all
    from remiss.web import extensions, headers

    _check_sign_in_settings(app)
    passwords.configure(time_cost=app.config["ARGON2_TIME_COST"], memory_kib=app.config["ARGON2_MEMORY_KIB"])
    db.init_app(app)
    extensions.init_app(app)
    sso.init_app(app)
    headers.init_app(app, form_origins=[o for o in [sso.provider_origin(app)] if o])
    connect_all()


def _check_sign_in_settings(app: Flask) -> None:
    """Refuse to start with sign-in settings that would lock everyone out or that say nothing."""
    from remiss.startup import SettingsError  # a ValueError the console script says in one line

    if app.config["LOCAL_LOGIN"] not in ("all", "admins", "none"):
        raise SettingsError("REMISS_LOCAL_LOGIN måste vara all, admins eller none "
                            f"(inte {app.config['LOCAL_LOGIN']!r}).")
    if app.config["LOCAL_LOGIN"] == "none" and not app.config["OIDC_ISSUER"]:
        raise SettingsError("REMISS_LOCAL_LOGIN=none kräver inloggning med kommunens konto: sätt REMISS_OIDC_ISSUER.")
    if app.config["OIDC_ISSUER"] and not app.config["OIDC_CLIENT_ID"]:
        raise SettingsError("REMISS_OIDC_ISSUER är satt men inte REMISS_OIDC_CLIENT_ID.")
    if app.config["OIDC_ISSUER"] and "openid" not in app.config["OIDC_SCOPES"].split():
        raise SettingsError("REMISS_OIDC_SCOPES måste innehålla openid.")


def register_blueprints(app: Flask) -> None:
    from remiss.accessibility.views import bp as accessibility
    from remiss.admin.views import bp as admin
    from remiss.api.openapi import bp as api_docs
    from remiss.api.views import bp as api
    from remiss.auth.views import bp as auth
    from remiss.drafting.views import bp as drafting
    from remiss.exports.views import bp as exports
    from remiss.intake.views import bp as intake
    from remiss.ops.health import bp as ops
    from remiss.outgoing.views import bp as outgoing
    from remiss.planning.views import bp as planning
    from remiss.reminders.views import bp as reminders
    from remiss.remisser.views import bp as remisser

    for blueprint in (auth, remisser, intake, planning, drafting, outgoing, reminders, exports, admin, accessibility, api,
                      api_docs, ops):
        app.register_blueprint(blueprint)
    # Browsers ask for /favicon.ico where a page gives no icon (a PDF, a JSON answer): send them to the one there is.
    app.add_url_rule("/favicon.ico", "favicon",
                     lambda: app.redirect(app.url_for("static", filename="favicon.svg"), 301))


def register_page_parts(app: Flask) -> None:
    """What each capability adds to the shared pages, in the order the pages show it: the menu and the admin
    links, the start page's sections, the remiss page's panels, the API's remiss detail and the registration
    form's missiv step."""
    from remiss.auth.access import Action
    from remiss.drafting.api import draft_summary
    from remiss.drafting.review import returned_section, review_section
    from remiss.drafting.schemas import YttrandePublic
    from remiss.drafting.views import yttrande_panel
    from remiss.db import get_session
    from remiss.intake.mailbox_status import problem_text
    from remiss.intake.views import HOOKS as intake_hooks
    from remiss.intake.views.inbox import menu_count as inbox_count, start_section as inbox_section
    from remiss.reminders.stalled import start_section as stalled_section
    from remiss.outgoing.schemas import CompilationStatus, IN_FORCE_ANSWER_EMAIL, IN_FORCE_CONTACT_EMAIL, \
        IN_FORCE_CONTACT_PERSON, SandlistaStatus
    from remiss.outgoing.present import start_section as outgoing_section
    from remiss.outgoing.views import answer_email_in_force, compilation_status, contact_email_in_force, \
        contact_person_in_force, incoming_yttrande, sandlista_status, with_outgoing_warnings
    from remiss.outgoing.views import panel_context as utskick_panel
    from remiss.planning.api import extensions_json, milestones_json
    from remiss.planning.beslut_link import warnings_json
    from remiss.remisser.archive import archive_json
    from remiss.remisser.schemas import ArchivedPublic
    from remiss.planning.present import start_section
    from remiss.planning.sekreterare import waiting_section
    from remiss.planning.schemas import ExtensionPublic, MilestonePublic, RemissWarningPublic
    from remiss.planning.views import extensions_panel, tidplan_panel
    from remiss.web import display
    from remiss.web.display import Links, MenuItem
    from remiss.web.panels import Panel, incoming_only

    display.init_app(app, Links(
        # a läsare takes no steps and handles no remisser: the start page is their Översikt (walk26 W7)
        menu=[MenuItem("remisser.start", "Att göra", Action.edit),
              MenuItem("remisser.start", "Översikt", unless=Action.edit),
              MenuItem("remisser.mine", "Mina remisser", Action.edit),
              MenuItem("remisser.diarium", "Diarium"),
              MenuItem("planning.month", "Kalender"), MenuItem("remisser.new", "Registrera", Action.create),
              MenuItem("intake.inbox", "Inkorg", Action.create, count=inbox_count),
              MenuItem("outgoing.new", "Ny utgående remiss", Action.create),
              MenuItem("reminders.mine", "Mina påminnelser"),
              # an administrator finds Dokumentmallar under Administration, so the menu fits on one line
              MenuItem("drafting.template_index", "Dokumentmallar", Action.create, unless=Action.administer),
              MenuItem("admin.users", "Administration", Action.administer, submenu=True)],
        admin=[("admin.users", "Användare"), ("admin.namnder", "Nämnder"), ("admin.organisations", "Remissinstanser"),
               ("outgoing.lists", "Sändlistor"), ("planning.closed_days", "Stängda dagar"),
               ("reminders.outbox", "Utkorg (e-post)"), ("auth.sign_ins", "Inloggningar"),
               ("auth.sso_groups", "Katalogens grupper"), ("accessibility.edit", "Tillgänglighetsredogörelse"),
               ("drafting.template_index", "Dokumentmallar")],
        namnd=[("Sammanträdesplan", "planning.meetings"), ("Påminnelser", "reminders.namnd_policy"),
               ("Dokumentmallar", "drafting.namnd_templates")],
        organisation=[("outgoing.import_register", "Läs in från fil"), ("outgoing.duplicates", "Slå ihop dubbletter"),
                      ("outgoing.lists", "Sparade sändlistor")],
        export_formats=[("csv", "Exportera CSV"), ("xlsx", "Exportera Excel")]))
    app.extensions["remiss_start_sections"] = [stalled_section, inbox_section, review_section, waiting_section,
                                               returned_section, start_section, outgoing_section]
    app.extensions["remiss_panels"] = [
        # an outgoing remiss has no tidplan of ours and no extension from a remittent: its panel says both
        Panel("tidplan", "Tidplan", "planning/_tidplan.html", incoming_only(tidplan_panel)),
        Panel("forlangningar", "Förlängningar", "planning/_extensions.html", incoming_only(extensions_panel)),
        Panel("utskick", "Utskick och svar", "outgoing/_panel.html", utskick_panel),
        Panel("yttrande", "Yttrande", "drafting/_panel.html", yttrande_panel),
    ]
    app.extensions["remiss_detail_extras"] = {"milestones": milestones_json, "extensions": extensions_json,
                                              "yttrande": incoming_yttrande(draft_summary),
                                              "sandlista_status": sandlista_status,
                                              "sammanstallning": compilation_status,
                                              "warnings": with_outgoing_warnings(warnings_json), "archived": archive_json,
                                              # what the page and the missiv show where the stored field is
                                              # empty (added in session 34: the stored ones stay as they are)
                                              "answer_email_in_force": answer_email_in_force,
                                              "contact_person_in_force": contact_person_in_force,
                                              "contact_email_in_force": contact_email_in_force}
    # their JSON shapes, for the OpenAPI document (remiss.api.openapi)
    app.extensions["remiss_detail_schemas"] = {"milestones": list[MilestonePublic],
                                               "extensions": list[ExtensionPublic], "yttrande": YttrandePublic | None,
                                               "sandlista_status": SandlistaStatus | None,
                                               "sammanstallning": CompilationStatus | None,
                                               "warnings": list[RemissWarningPublic],
                                               "archived": list[ArchivedPublic],
                                               "answer_email_in_force": IN_FORCE_ANSWER_EMAIL,
                                               "contact_person_in_force": IN_FORCE_CONTACT_PERSON,
                                               "contact_email_in_force": IN_FORCE_CONTACT_EMAIL}
    app.extensions["remiss_intake"] = intake_hooks
    app.add_template_global(lambda: problem_text(get_session()), "inbox_mailbox_problem")  # the Inkorg's mailbox


def register_errorhandlers(app: Flask) -> None:
    from remiss.web.errors import init_app

    init_app(app)


def register_commands(app: Flask) -> None:
    from remiss.cli import commands

    for command in commands():
        app.cli.add_command(command)
