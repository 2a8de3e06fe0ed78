"""`readiness serve` in headless Chromium (Debian's `chromium`, driven by Playwright).

A whole cmmc-l1 assessment in both languages: profile, quitting halfway (the server stops)
and resuming (a new server on the same file), a derived answer, a change on disk never
overwritten; the file written validates and scores the same as a hand-written one.
Screenshots of the main pages at laptop and phone widths go to $READINESS_SCREENSHOTS.
"""

from __future__ import annotations

import os
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from readiness.assess.scoring import assess
from readiness.assess.session import Session
from readiness.assess.validate import load_answers
from readiness.content.catalog import Catalog

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="pip package playwright missing (./dev installs it)"
)
if not os.path.exists(CHROMIUM):
    pytest.skip(
        "no chromium browser: `apt-get install chromium` (./dev does this)", allow_module_level=True
    )
from readiness.web import server as web  # noqa: E402

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SHOTS = (
    Path(os.environ.get("READINESS_SCREENSHOTS", ""))
    if os.environ.get("READINESS_SCREENSHOTS")
    else None
)


@contextmanager
def serving(
    path: Path, catalog: Catalog, lang: str, checklists: list[str] | None = None
) -> Iterator[str]:
    session = Session(path, catalog, checklists, lang)
    httpd, address = web.make(session, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield address
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _shot(page, name: str) -> None:
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("laptop", (1280, 800)), ("phone", (390, 844))):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=False)
    page.set_viewport_size({"width": 1280, "height": 800})


WORDS = {
    "en": {"met": "Met", "partial": "Partially met", "save": "Save", "yes": "Yes"},
    "ja": {"met": "実施済み", "partial": "一部実施", "save": "保存", "yes": "はい"},
}


def _answer_section(page, status_label: str, save: str, limit: int | None = None) -> int:
    forms = page.locator("form.item")
    n = forms.count() if limit is None else min(limit, forms.count())
    for i in range(n):
        form = page.locator("form.item").nth(i)
        form.get_by_label(status_label, exact=True).check()
        form.get_by_role("button", name=save).click()
        page.wait_for_load_state()
    return n


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_whole_assessment_with_quit_and_resume(
    browser, tmp_path: Path, catalog: Catalog, lang: str
) -> None:
    path = tmp_path / "answers.yaml"
    w = WORDS[lang]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_extra_http_headers({})
    with serving(path, catalog, lang, ["cmmc-l1"]) as address:
        page.goto(address)
        assert "/profile" in page.url
        _shot(page, f"profile-{lang}")
        page.fill("#name", "Browser Co")
        for fact in ("handles_fci",):
            page.locator(f'input[name="fact-{fact}"][value="true"]').check()
        page.locator('input[name="fact-cmmc_level_required"][value="1"]').check()
        page.click("#save-profile")
        assert "/overview" in page.url
        _shot(page, f"overview-{lang}")
        sections = [a.get_attribute("href") for a in page.locator("main ol a").all()]
        assert sections
        page.goto(f"http://{address.split('/')[2]}{sections[0]}")
        _answer_section(page, w["met"], w["save"], limit=2)  # then quit halfway
        _shot(page, f"section-{lang}")
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert len(saved["checklists"]["cmmc-l1"]["answers"]) == 2
    with serving(path, catalog, lang) as address:  # resume: a new run on the same file
        page.goto(address)
        assert "/overview" in page.url  # the profile is complete: straight on
        host = f"http://{address.split('/')[2]}"
        sections = [a.get_attribute("href") for a in page.locator("main ol a").all()]
        for href in sections:
            page.goto(host + href)
            forms = page.locator("form.item")
            for i in range(forms.count()):
                form = forms.nth(i)
                if form.locator('input[name="status"]:checked').get_attribute("value"):
                    continue
                form.get_by_label(w["partial"], exact=True).check()
                form.get_by_role("button", name=w["save"]).click()
                page.wait_for_load_state()
        page.goto(address + "overview")
        assert "15 / 15" in page.inner_text("#summary")
    answers, _ = load_answers(path, catalog)
    written = assess(answers, catalog).to_json()
    hand = yaml.safe_load(path.read_text(encoding="utf-8"))
    hand_path = tmp_path / "hand.yaml"
    hand_path.write_text(yaml.safe_dump(hand, allow_unicode=True), encoding="utf-8")
    by_hand = assess(load_answers(hand_path, catalog)[0], catalog).to_json()
    assert written["checklists"] == by_hand["checklists"]
    assert written["checklists"][0]["counts"]["unanswered"] == 0
    page.close()


def test_derived_answer_shown_and_overridable(browser, tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "a.yaml"
    s = Session(path, catalog, ["cmmc-l1", "cmmc-l2"], "en")
    s.set_name("Derived Co")
    for k, v in {
        "handles_fci": True,
        "handles_cui": True,
        "cmmc_level_required": 2,
        "pursues_dod_contracts": True,
    }.items():
        s.set_fact(k, v)
    s.set_answer("cmmc-l2", "AC.L2-3.1.1", "met")
    s.save()
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    with serving(path, catalog, "en") as address:
        page.goto(address + "c/cmmc-l1/AC")
        item = page.locator("#item-AC\\.L1-b\\.1\\.i")
        assert "cmmc-l2:AC.L2-3.1.1" in item.inner_text()
        _shot(page, "derived-en")
        # a change on disk meanwhile is never overwritten
        text = path.read_text(encoding="utf-8") + "# edited by hand\n"
        path.write_text(text, encoding="utf-8")
        page.locator("#item-AC\\.L1-b\\.1\\.ii").get_by_label("Not met", exact=True).check()
        page.locator("#item-AC\\.L1-b\\.1\\.ii").get_by_role("button", name="Save").click()
        page.wait_for_selector("#conflict")
        assert path.read_text(encoding="utf-8") == text
        page.click("#conflict button")
        page.goto(address + "c/cmmc-l1/AC")
        item = page.locator("#item-AC\\.L1-b\\.1\\.i")
        item.get_by_label("Not met", exact=True).check()  # explicit answer wins
        item.get_by_role("button", name="Save").click()
        page.wait_for_load_state()
    rows = assess(load_answers(path, catalog)[0], catalog).to_json()["checklists"]
    l1 = next(c for c in rows if c["id"] == "cmmc-l1")
    row = next(r for r in l1["items"] if r["id"] == "AC.L1-b.1.i")
    assert row["status"] == "not_met" and row["derived_from"] is None
    page.close()


def _status(request: urllib.request.Request | str) -> int:
    try:
        with urllib.request.urlopen(request) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        err.close()
        return err.code


def test_requests_without_the_token_or_csrf_are_refused(tmp_path: Path, catalog: Catalog) -> None:
    with serving(tmp_path / "a.yaml", catalog, "en", ["cmmc-l1"]) as address:
        root = "/".join(address.split("/")[:3])
        for url in (root + "/", root + "/profile", root + "/wrong/profile"):
            assert _status(url) == 403
        assert _status(urllib.request.Request(address + "profile", data=b"name=X")) == 403
        assert _status(address + "profile") == 200
        assert _status(address + "font/regular.ttf") == 200
        assert not (tmp_path / "a.yaml").exists()
