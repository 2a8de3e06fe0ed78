"""The Flask app: pages under a per-run secret path, CSRF on every POST, one answers file.

Every page is rendered on the server and works without JavaScript; a small script saves an
item as soon as it changes and refreshes the score (progressive enhancement). Requests whose
path does not start with the run's token are refused, so another local user or a web page in
the browser cannot read or change the answers.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import threading
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, jsonify, redirect, render_template, request

from readiness import api
from readiness.assess.session import ChangedOnDisk, Session
from readiness.formats.problems import ReadinessError
from readiness.formats.resources import resource
from readiness.web import views

TEMPLATES = Path(__file__).parent / "templates"


def create_app(session: Session, token: str | None = None) -> Flask:
    """An app bound to one answers session; `token` is the secret path segment."""
    app = Flask(__name__, template_folder=str(TEMPLATES), static_folder=None)
    app.config["TOKEN"] = token or secrets.token_urlsafe(24)
    app.config["CSRF"] = secrets.token_urlsafe(24)
    lock = threading.Lock()
    state: dict[str, Any] = {"lang": session.lang, "conflict": False}

    def base() -> str:
        return f"/{app.config['TOKEN']}"

    @app.before_request
    def guard() -> None:
        first = request.path.strip("/").split("/", 1)[0]
        if not hmac.compare_digest(first.encode(), app.config["TOKEN"].encode()):
            abort(403)
        if request.method == "POST":
            sent = request.form.get("csrf", "")
            if not hmac.compare_digest(sent.encode(), app.config["CSRF"].encode()):
                abort(403)
        lang = request.args.get("lang")
        if lang in ("ja", "en"):
            state["lang"] = lang
            session.lang = lang

    @app.after_request
    def headers(resp: Response) -> Response:
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers.setdefault("Cache-Control", "no-store")
        return resp

    def page(template: str, status: int = 200, **kw: Any) -> tuple[str, int]:
        lang = state["lang"]
        return (
            render_template(
                template,
                lang=lang,
                w=views.words(lang),
                base=base(),
                csrf=app.config["CSRF"],
                path=request.path,
                summary=views.summary(session, lang) if session.data["checklists"] else [],
                conflict=state["conflict"],
                file=str(session.path),
                **kw,
            ),
            status,
        )

    def save() -> bool:
        try:
            session.save()
        except ChangedOnDisk:
            state["conflict"] = True
            return False
        return True

    @app.get("/<token>/")
    def home(token: str) -> Any:
        if not session.can_save or session.facts_to_ask() or not session.data["checklists"]:
            return redirect(f"{base()}/profile")
        return redirect(f"{base()}/overview")

    @app.get("/<token>/profile")
    def profile_page(token: str) -> Any:
        return page(
            "profile.html",
            name=session.data["organisation"].get("name", ""),
            facts=views.profile(session, state["lang"]),
        )

    @app.post("/<token>/profile")
    def profile_save(token: str) -> Any:
        with lock:
            name = request.form.get("name", "").strip()
            bad = []
            if name:
                session.set_name(name)
            elif not session.can_save:
                bad.append(views.words(state["lang"])["name"])
            facts = session.catalog.profile_facts
            for fact in session.relevant_facts():
                raw = request.form.get(f"fact-{fact['id']}")
                if raw is None:
                    continue
                session.set_fact(fact["id"], views.parse_fact(facts[fact["id"]], raw))
            if bad:
                return page(
                    "profile.html",
                    400,
                    name=name,
                    facts=views.profile(session, state["lang"]),
                    bad=bad,
                )
            session.add_applicable_checklists()
            if not save():
                return page(
                    "profile.html", 409, name=name, facts=views.profile(session, state["lang"])
                )
        return redirect(f"{base()}/overview")

    @app.get("/<token>/overview")
    def overview(token: str) -> Any:
        return page("overview.html")

    @app.get("/<token>/c/<cid>/<sid>")
    def section_page(token: str, cid: str, sid: str) -> Any:
        data = views.section(session, cid, sid, state["lang"])
        if data is None:
            abort(404)
        return page("section.html", s=data, saved=request.args.get("saved"))

    @app.post("/<token>/answer")
    def answer(token: str) -> Any:
        cid, sid, item_id = (request.form.get(k, "") for k in ("checklist", "section", "item"))
        status = request.form.get("status") or None
        entry = session.data["checklists"].get(cid)
        checklist = next((c for c in session.checklists() if c.id == cid), None) if entry else None
        if checklist is None or checklist.item(item_id) is None:
            abort(404)
        due = request.form.get("due", "").strip()
        if due:
            try:
                dt.date.fromisoformat(due)
            except ValueError:
                due = ""
        evidence = [e.strip() for e in request.form.get("evidence", "").splitlines() if e.strip()]
        with lock:
            try:
                session.set_answer(
                    cid,
                    item_id,
                    status,
                    note=request.form.get("note", "").strip(),
                    evidence=evidence,
                    owner=request.form.get("owner", "").strip(),
                    due=due,
                )
            except ValueError:
                abort(400)
            ok = save()
        if request.headers.get("Accept") == "application/json":
            lang = state["lang"]
            return jsonify(
                saved=ok,
                message=None if ok else views.words(lang)["changed"],
                summary=views.summary(session, lang),
            ), (200 if ok else 409)
        if not ok:
            data = views.section(session, cid, sid, state["lang"])
            return page("section.html", 409, s=data, saved=None)
        return redirect(f"{base()}/c/{cid}/{sid}?saved={item_id}#item-{item_id}")

    @app.post("/<token>/reload")
    def reload(token: str) -> Any:
        with lock:
            try:
                session.reload()
            except ReadinessError as exc:
                return page("error.html", 400, problems=[p.format() for p in exc.problems])
            state["conflict"] = False
        return redirect(request.form.get("next") or f"{base()}/overview")

    @app.get("/<token>/font/<weight>.ttf")
    def font(token: str, weight: str) -> Any:
        # the report's bundled Japanese font: pages read the same on a machine without one
        name = {"regular": "BIZUDPGothic-Regular.ttf", "bold": "BIZUDPGothic-Bold.ttf"}.get(weight)
        if name is None:
            abort(404)
        data = resource("reports", "fonts", name).read_bytes()
        return Response(
            data, mimetype="font/ttf", headers={"Cache-Control": "private, max-age=86400"}
        )

    @app.get("/<token>/report.pdf")
    def report(token: str) -> Any:
        lang = state["lang"]
        try:
            html = api.build_report_html(session.assessment(), lang)
            pdf = api.render_pdf(html, lang)
        except ReadinessError as exc:
            return page("error.html", 500, problems=[p.format() for p in exc.problems])
        return Response(
            pdf,
            mimetype="application/pdf",
            headers={"Content-Disposition": 'attachment; filename="readiness-report.pdf"'},
        )

    return app
