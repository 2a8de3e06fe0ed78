"""Property-based tests (hypothesis) for scoring and validation.

1. any generated answers file scores without crashing and gives a well-formed result;
2. improving one answer (unanswered ≤ not_met < partial < met) never makes anything worse;
3. validating any text, any YAML data or any mutation of the example never raises;
4. scores do not depend on the order of answers, checklists or profile facts.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from readiness.assess.answers import Answers
from readiness.assess.results import COUNT_KEYS, Assessment, ChecklistResult
from readiness.assess.scoring import assess
from readiness.assess.validate import KINDS, load_answers, validate_file
from readiness.content.catalog import Catalog
from readiness.formats.problems import InputError, Problem
from readiness.formats.resources import resource
from tests.conftest import PROFILE as CONFTEST_PROFILE

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "soratobi-autonomy" / "answers.yaml"
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
EXAMPLE_DATA = yaml.safe_load(EXAMPLE_TEXT)

# one catalog for the whole module: loading (and validating) the checklists is the slow part
CATALOG = Catalog(use_cache=False)
IDS = CATALOG.ids()
SPECS = {cid: CATALOG.load_spec(cid) for cid in IDS}
ITEM_IDS = {cid: [i.id for i in SPECS[cid].items()] for cid in IDS}
FACTS = CATALOG.profile_facts
SMALL_CHECKLIST = Path(SPECS["cmmc-l1"].path)

SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
}

SCORE_SCHEMA = jsonschema.Draft202012Validator(
    json.loads(resource("schemas", "score.schema.json").read_text(encoding="utf-8"))
)
STATUSES = ("met", "partial", "not_met", "not_applicable")
RANK = {None: 0, "not_met": 1, "partial": 2, "met": 3}  # unanswered ≤ not_met < partial < met

VERDICTS = {
    "cmmc-points": ("not_eligible", "conditional", "final"),
    "all-met": ("not_eligible", "final"),
    "weighted": ("not_ready", "nearly_ready", "ready"),
}
# worst first; `incomplete` ("cannot tell yet") and `not_applicable` are not on the scale
VERDICT_RANK = {method: {v: n for n, v in enumerate(vs)} for method, vs in VERDICTS.items()}

# -- strategies -----------------------------------------------------------------------------------

HTML = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<b>bold</b> & <i>x</i>",
        "{{ 7*7 }} {% raw %}",
        '"><img src=x onerror=alert(1)>',
        "&amp;&lt;&gt;",
        "多要素認証は管理者のみ",
        "",
    ]
)
TEXT = st.text(max_size=40) | HTML
DATE_TEXT = st.dates().map(dt.date.isoformat) | st.sampled_from(["2026-02-30", "2026-13-01", ""])
STATUS = st.sampled_from([*STATUSES, None])
ANSWER = STATUS | st.fixed_dictionaries(
    {"status": STATUS},
    optional={
        "note": TEXT,
        "evidence": TEXT | st.lists(TEXT, max_size=3),
        "owner": TEXT,
        "due": DATE_TEXT,
    },
)
PROFILE_VALUE = st.none() | st.booleans() | st.integers(-1, 4) | st.integers()
ASSESSMENT_DATE = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2200, 12, 31))
# every checklist in scope (item conditions still vary); the conftest profile; nothing stated
EVERYTHING = {f: (3 if spec["type"] == "integer" else True) for f, spec in FACTS.items()}
PROFILE = st.one_of(
    st.fixed_dictionaries({}, optional=dict.fromkeys(FACTS, PROFILE_VALUE)),
    st.builds(
        lambda base, changes: {**base, **changes},
        st.sampled_from([EVERYTHING, CONFTEST_PROFILE, {}]),
        st.dictionaries(st.sampled_from(sorted(FACTS)), PROFILE_VALUE, max_size=4),
    ),
)


def gap_candidates(cid: str) -> list[str]:
    """Items whose gaps a checklist tolerates: POA&M-eligible or not blocking."""
    return [
        i.id
        for i in SPECS[cid].items()
        if i.poam == "eligible" or (i.poam is None and not i.blocking)
    ] or ITEM_IDS[cid]


MODES = ("sparse", "dense", "dense", "tolerable", "tolerable", "null")


@st.composite
def checklist_answers(
    draw: st.DrawFn,
    cid: str,
    answer: st.SearchStrategy = ANSWER,
    modes: tuple = MODES,
    bogus: bool = True,
) -> Any:
    """Answers for one checklist: sparse, all one status with changes, or near the thresholds."""
    ids = ITEM_IDS[cid]
    mode = draw(st.sampled_from(modes))
    if mode == "null":
        return None  # `answers:` left empty
    if mode == "sparse":
        answers = draw(st.dictionaries(st.sampled_from(ids), answer, max_size=len(ids)))
    else:
        default = "met"
        if mode == "dense":
            default = draw(st.sampled_from(["met", "met", "not_met", "partial", "not_applicable"]))
        answers = dict.fromkeys(ids, default)
        if mode == "tolerable":  # gaps only where conditional/POA&M status is possible
            candidates = gap_candidates(cid)
            n = draw(st.integers(0, 3) | st.integers(0, len(candidates)))  # around the thresholds
            gaps = draw(st.permutations(candidates))[:n]
            answers.update({g: draw(st.sampled_from(["not_met", "partial"])) for g in gaps})
        answers.update(draw(st.dictionaries(st.sampled_from(ids), answer, max_size=4)))
    if bogus:  # ids the checklist does not have: validate reports them, scoring ignores them
        answers.update(draw(st.dictionaries(st.text(min_size=1, max_size=8), answer, max_size=2)))
    return answers


@st.composite
def answers_docs(
    draw: st.DrawFn,
    answer: st.SearchStrategy = ANSWER,
    profile: st.SearchStrategy = PROFILE,
    modes: tuple = MODES,
    dates: st.SearchStrategy = ASSESSMENT_DATE,
    bogus: bool = True,
) -> dict[str, Any]:
    """An answers document in the shape of tests/conftest.py answers_doc."""
    chosen = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=len(IDS), unique=True))
    if draw(st.booleans()) and "cmmc-l3" in chosen and "cmmc-l2" not in chosen:
        chosen.append("cmmc-l2")  # give the Level 3 prerequisite a chance
    return {
        "format": 1,
        "organisation": {"name": draw(TEXT) or "Test Co."},
        "assessment_date": draw(dates).isoformat(),
        "profile": draw(profile),
        "checklists": {
            cid: {
                "version": SPECS[cid].version,
                "answers": draw(checklist_answers(cid, answer, modes, bogus)),
            }
            for cid in chosen
        },
    }


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def run(doc: dict[str, Any]) -> Assessment:
    return assess(Answers(data=doc, path="<gen>"), CATALOG)


def status_of(value: Any) -> Any:
    return value.get("status") if isinstance(value, dict) else value


# -- 1. generated answers never crash scoring -----------------------------------------------------


def check_well_formed(result: ChecklistResult, others: dict[str, ChecklistResult]) -> None:
    """Invariants of one checklist's result (`others`: the file's results, by id)."""
    spec = result.checklist
    scoring = spec.scoring
    method = scoring["method"]
    n = len(spec)
    assert set(result.counts) == set(COUNT_KEYS)
    assert all(v >= 0 for v in result.counts.values())
    assert sum(result.counts.values()) == n == len(result.items)
    assert result.counts["unanswered"] == len(result.unanswered)
    for section, spec_section in zip(result.sections, spec.sections, strict=True):
        assert sum(section.counts.values()) == len(spec_section.items)
        assert section.percent is None or 0.0 <= section.percent <= 100.0
    assert result.percent is None or 0.0 <= result.percent <= 100.0
    json.dumps(result.to_json())  # JSON-serialisable, whatever the notes contain
    if not result.applicable:
        assert result.verdict == "not_applicable"
        assert result.percent is None
        assert result.counts["out_of_scope"] == n
        return
    # the overall percentage is a weighted mean of the sections' (rounding is monotone)
    shares = [s.percent for s in result.sections if s.percent is not None]
    assert (result.percent is None) == (not shares)
    if shares:
        assert min(shares) <= result.percent <= max(shares)

    assert result.verdict in (*VERDICTS[method], "incomplete")
    prereq = scoring.get("prerequisite")
    prereq_failed = bool(prereq) and (
        prereq["checklist"] not in others
        or others[prereq["checklist"]].verdict not in prereq["verdicts"]
        or (
            "assessed_by" in prereq
            and others[prereq["checklist"]].assessed_by not in prereq["assessed_by"]
        )
    )
    if prereq_failed:
        assert result.verdict == "not_eligible"
        assert result.reasons[0].key in ("reason.prerequisite", "reason.prerequisite_assessor")
        return
    if result.unanswered:
        answered_gaps = [r for r in result.gaps if r.status != "unanswered"]
        if method == "all-met":
            decided = bool(answered_gaps)
        elif method == "cmmc-points":
            best = result.max_score - sum(r.deduction or 0 for r in answered_gaps)
            ineligible = any(not r.poam_eligible for r in answered_gaps)
            decided = ineligible or best < result.min_conditional_score
        else:
            decided = False
        # blanks hide nothing: a verdict no answer could change is given now
        assert result.verdict == ("not_eligible" if decided else "incomplete")
        return
    assert result.verdict != "incomplete"
    gaps = result.gaps
    if method in ("all-met", "cmmc-points") and not gaps:
        assert result.verdict == "final"
    if result.verdict == "final":
        assert not gaps
    if method == "weighted":
        pct = 100.0 if result.percent is None else result.percent
        blocking = [r for r in gaps if r.item.blocking]
        assert [r.item.id for r in blocking] == result.blocking
        expected = (
            "not_ready"
            if blocking or pct < scoring["conditional_percent"]
            else "nearly_ready"
            if pct < scoring["ready_percent"]
            else "ready"
        )
        assert result.verdict == expected
    if method == "cmmc-points":
        max_score = scoring["max_score"]
        floor = max_score - sum(i.points or 0 for i in spec.items())
        gap_ids = {r.item.id for r in gaps}
        assert set(result.poam) | set(result.poam_ineligible) == gap_ids
        assert not set(result.poam) & set(result.poam_ineligible)
        assert set(result.deductions) <= gap_ids
        assert all(d > 0 for d in result.deductions.values())
        gate_gap = any(r.item.gate for r in gaps)
        assert (result.score is None) == gate_gap
        if result.score is not None:
            assert result.score == max_score - sum(result.deductions.values())
            assert floor <= result.score <= max_score
            if spec.id == "cmmc-l2":
                assert -203 <= result.score <= 110
        if result.verdict == "conditional":
            assert result.score is not None and result.score >= result.min_conditional_score
            assert not result.poam_ineligible and result.closeout_date
        elif result.verdict == "not_eligible":
            assert gate_gap or result.poam_ineligible or result.score < result.min_conditional_score
        if scoring.get("sprs"):
            assert result.to_json()["sprs_score"] == result.score


@settings(max_examples=150, **SETTINGS)
@given(doc=answers_docs())
def test_generated_answers_score_to_well_formed_results(doc: dict[str, Any]) -> None:
    assessment = run(doc)
    answered = list(doc["checklists"])
    assert [r.checklist.id for r in assessment.results] == answered
    by_id = {r.checklist.id: r for r in assessment.results}
    for result in assessment.results:
        check_well_formed(result, by_id)
    assert not set(assessment.missing) & set(answered)
    assert set(assessment.missing) <= set(IDS)
    SCORE_SCHEMA.validate(json.loads(json.dumps(assessment.to_json())))  # what `score` prints


VALID_ANSWER = st.sampled_from([*STATUSES, None]) | st.fixed_dictionaries(
    {"status": st.sampled_from(STATUSES)},
    optional={
        "note": TEXT,
        "evidence": TEXT | st.lists(TEXT, max_size=2),
        "due": st.dates().map(str),
    },
)
VALID_PROFILE = st.fixed_dictionaries(
    {},
    optional={
        f: st.none() | (st.integers(0, 3) if spec["type"] == "integer" else st.booleans())
        for f, spec in FACTS.items()
    },
)


@settings(max_examples=40, **SETTINGS)
@given(doc=answers_docs(answer=VALID_ANSWER, profile=VALID_PROFILE, dates=st.dates(), bogus=False))
def test_every_file_validate_accepts_can_be_scored(workdir: Path, doc: dict[str, Any]) -> None:
    """What `readiness score` does: validate (errors stop it), then score, never crash."""
    path = workdir / "valid.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        answers, problems = load_answers(path, CATALOG)
    except InputError as exc:
        assert all(p.level == "error" and p.file == str(path) for p in exc.problems)
        return
    assert not [p for p in problems if p.level == "error"]
    results = assess(answers, CATALOG).results  # must not raise
    for result in results:
        check_well_formed(result, {r.checklist.id: r for r in results})


@settings(max_examples=20, **SETTINGS)
@example(date=dt.date(9999, 12, 31))  # found bug: 9999-07-05 and later raise OverflowError
@given(date=st.dates())
def test_every_assessment_date_validate_accepts_can_be_scored(workdir: Path, date: dt.date) -> None:
    """A conditional CMMC result adds the POA&M close-out period to the assessment date."""
    answers = dict.fromkeys(ITEM_IDS["cmmc-l2"], "met")
    answers["AC.L2-3.1.3"] = "not_met"  # one POA&M-eligible 1-point gap: conditional, 109
    doc = {
        "format": 1,
        "organisation": {"name": "Test Co."},
        "assessment_date": date.isoformat(),
        "profile": {"handles_cui": True},
        "checklists": {"cmmc-l2": {"version": "1.0.0", "answers": answers}},
    }
    path = workdir / "dated.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    try:
        loaded, problems = load_answers(path, CATALOG)
    except InputError as exc:  # a date validation refuses is outside the property, but must be
        assert [p.path for p in exc.problems] == ["$.assessment_date"]  # refused for its date
        return
    assert not [p for p in problems if p.level == "error"]
    result = assess(loaded, CATALOG).results[0]  # so scoring must not raise either
    assert result.verdict == "conditional"
    assert result.closeout_date is not None


# -- 2. improving an answer never makes anything worse --------------------------------------------


@st.composite
def improvements(draw: st.DrawFn) -> tuple[dict[str, Any], str, str, str]:
    """(document, checklist, item, better status) for an item that can still improve."""
    statuses = st.sampled_from(["met", "met", "partial", "not_met", "not_met", None])
    in_scope = st.builds(  # mostly everything in scope, so that verdicts can be compared
        lambda changes: {**EVERYTHING, **changes},
        st.dictionaries(st.sampled_from(sorted(FACTS)), PROFILE_VALUE, max_size=2),
    )
    doc = draw(
        answers_docs(
            answer=statuses,
            profile=in_scope | PROFILE,
            modes=("sparse", "dense", "tolerable", "tolerable", "tolerable"),
        )
    )
    cid = draw(st.sampled_from(sorted(doc["checklists"])))
    answers = doc["checklists"][cid]["answers"] or {}
    # a blank item that takes an equivalent's answer (same_as) stands at that answer: answering
    # it below that is a change for the worse, not an improvement
    derived = {
        row.item.id: row.status
        for res in run(doc).results
        if res.checklist.id == cid
        for row in res.items
        if row.derived_from
    }

    def current(i: str) -> str | None:
        return derived.get(i, status_of(answers.get(i)))

    candidates = [i for i in ITEM_IDS[cid] if current(i) in ("not_met", "partial", None)]
    assume(candidates)
    item = draw(st.sampled_from(candidates))
    now = RANK[current(item)]
    better = draw(st.sampled_from([s for s, r in RANK.items() if s and r > now]))
    return doc, cid, item, better


def with_answer(doc: dict[str, Any], cid: str, item: str, status: str) -> dict[str, Any]:
    new = json.loads(json.dumps(doc))
    answers = new["checklists"][cid]["answers"] or {}
    old = answers.get(item)
    answers[item] = {**old, "status": status} if isinstance(old, dict) else status
    new["checklists"][cid]["answers"] = answers
    return new


def assert_not_worse(before: ChecklistResult, after: ChecklistResult) -> None:
    where = f"{before.checklist.id}: {before.verdict} -> {after.verdict}"
    assert (before.percent is None) == (after.percent is None), where
    if before.percent is not None:
        assert after.percent >= before.percent, where
    for s_before, s_after in zip(before.sections, after.sections, strict=True):
        if s_before.percent is not None:
            assert s_after.percent is not None and s_after.percent >= s_before.percent, where
    assert len(after.unanswered) <= len(before.unanswered), where
    if before.score is not None:
        assert after.score is not None and after.score >= before.score, where
    # `incomplete` means "cannot tell yet": it is not comparable with a verdict
    if "incomplete" in (before.verdict, after.verdict) or not before.applicable:
        return
    ranks = VERDICT_RANK[before.checklist.scoring["method"]]
    assert ranks[after.verdict] >= ranks[before.verdict], where


@settings(max_examples=150, **SETTINGS)
@given(case=improvements())
def test_improving_an_answer_never_makes_anything_worse(
    case: tuple[dict[str, Any], str, str, str],
) -> None:
    doc, cid, item, better = case
    before = {r.checklist.id: r for r in run(doc).results}
    after = {r.checklist.id: r for r in run(with_answer(doc, cid, item, better)).results}
    assert before.keys() == after.keys()
    for key in before:  # the changed checklist, and any checklist that needs it first
        assert_not_worse(before[key], after[key])


@settings(max_examples=60, **SETTINGS)
@given(doc=answers_docs())
def test_unanswered_scores_exactly_like_not_met(doc: dict[str, Any]) -> None:
    """README: unanswered items are "counted as not met meanwhile"."""
    filled = json.loads(json.dumps(doc))
    # items that take an equivalent's answer (same_as) are not unanswered: they keep it
    derived = {
        (res.checklist.id, row.item.id)
        for res in run(doc).results
        for row in res.items
        if row.derived_from
    }
    for cid, entry in filled["checklists"].items():
        answers = entry["answers"] or {}
        for item in ITEM_IDS[cid]:
            if status_of(answers.get(item)) is None and (cid, item) not in derived:
                answers[item] = "not_met"
        entry["answers"] = answers
    for blank, full in zip(run(doc).results, run(filled).results, strict=True):
        assert not full.unanswered
        assert blank.percent == full.percent
        assert [s.percent for s in blank.sections] == [s.percent for s in full.sections]
        assert blank.score == full.score
        assert blank.deductions == full.deductions


# -- 3. validation never raises -------------------------------------------------------------------


def check_validation(path: Path, raw: bytes) -> tuple[str | None, list[Problem]]:
    path.write_bytes(raw)
    outcome = validate_file(path, CATALOG)
    assert isinstance(outcome, tuple) and len(outcome) == 2
    kind, problems = outcome
    assert kind is None or kind in KINDS
    assert isinstance(problems, list)
    if kind is None:
        assert problems  # whatever it is, the user is told why it is not checked
    # YAML also breaks lines at \r, \x85, \u2028 and \u2029; splitlines() knows them all
    lines = max(raw.count(b"\n"), len(raw.decode("utf-8", "replace").splitlines())) + 1
    for p in problems:
        assert isinstance(p, Problem)
        assert p.file == str(path), p
        assert isinstance(p.line, int) and 0 <= p.line <= lines + 1, p
        assert isinstance(p.column, int) and p.column >= 0, p
        assert p.level in ("error", "warning"), p
        assert p.message, p
        p.format()
    return kind, problems


SCALAR = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from([*STATUSES, "1.0.0", "2026-11-16", "cmmc-l2", "AC.L2-3.1.1"])
)
KEY = st.text(max_size=12) | st.sampled_from(
    ["checklists", "answers", "sections", "facts", "profile", "version", "status", "items", "id"]
)
DATA = st.recursive(
    SCALAR,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEY, children, max_size=4),
    max_leaves=25,
)
TOP = st.fixed_dictionaries(
    {},
    optional={
        "format": SCALAR,
        "checklists": DATA,
        "answers": DATA,
        "sections": DATA,
        "facts": DATA,
        "profile": DATA,
        "assessment_date": SCALAR,
        "organisation": DATA,
    },
)
YAML_CHARS = ":-?,|>'\"#&*!%@`[]{} \t\n\r\x85\u2028\ufeffaz09."
JUNK_LINE = st.text(max_size=30) | st.sampled_from(
    [
        "",
        "---",
        "  - x",
        "\t- tab",
        "key: value: more",
        "a: &anchor 1",
        "b: *anchor",
        "c: !!python/object:os.system x",
        "d: !custom 1",
        "[[[[",
        "? [a, b]",
        "      status: maybe",
        "  cmmc-l9:",
        "    version: 9.9.9",
        "  AC.L2-3.1.1: true",
        "  handles_cui: yes",
        "assessment_date: '2026-02-30'",
        "sha256: 0000",
    ]
)


@settings(max_examples=60, **SETTINGS)
@given(
    raw=st.one_of(
        st.text().map(str.encode),
        st.text(alphabet=YAML_CHARS, max_size=80).map(str.encode),
        st.binary(max_size=200),
    )
)
def test_validating_random_text_never_raises(workdir: Path, raw: bytes) -> None:
    check_validation(workdir / "random.yaml", raw)


@settings(max_examples=60, **SETTINGS)
@given(data=TOP | DATA)
def test_validating_random_yaml_data_never_raises(workdir: Path, data: Any) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True).encode()
    check_validation(workdir / "data.yaml", raw)


@st.composite
def line_mutations(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "replace", "insert", "value", "indent"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "replace":
            lines[i] = draw(JUNK_LINE)
        elif op == "insert":
            lines.insert(i, draw(JUNK_LINE))
        elif op == "value" and ":" in lines[i]:
            head = lines[i].split(":", 1)[0]
            value = draw(SCALAR.map(lambda v: json.dumps(v, ensure_ascii=False)) | JUNK_LINE)
            lines[i] = f"{head}: {value}"
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        if not lines:
            break
    return "\n".join(lines) + "\n"


@settings(max_examples=60, **SETTINGS)
@given(text=line_mutations(EXAMPLE_TEXT))
def test_validating_mutated_example_lines_never_raises(workdir: Path, text: str) -> None:
    check_validation(workdir / "answers.yaml", text.encode())


def paths_in(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(paths_in(v, (*prefix, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(paths_in(v, (*prefix, i)))
    return out


@st.composite
def data_mutations(draw: st.DrawFn, data: Any) -> Any:
    """Replace, delete or add values anywhere in a parsed document, keeping it YAML data."""
    data = json.loads(json.dumps(data))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in paths_in(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        op = draw(st.sampled_from(["replace", "delete", "add"]))
        if op == "replace":
            parent[path[-1]] = draw(DATA)
        elif op == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(KEY)] = draw(DATA)
        else:
            parent.append(draw(DATA))
    return data


@settings(max_examples=50, **SETTINGS)
@given(data=data_mutations(EXAMPLE_DATA))
def test_validating_mutated_example_data_never_raises(workdir: Path, data: Any) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    check_validation(workdir / "answers.yaml", raw)


@st.composite
def meaning_mutations(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """Changes the schema allows but the meaning checks must catch (or accept)."""
    data = json.loads(json.dumps(data))
    checklists = data["checklists"]
    profile = data["profile"]
    for _ in range(draw(st.integers(1, 4))):
        cid = draw(st.sampled_from(sorted(checklists)))
        entry = checklists[cid]
        answers = entry["answers"] = entry.get("answers") or {}
        ids = ITEM_IDS.get(cid) or ["XX-NO-SUCH-ITEM"]  # an unknown checklist added earlier
        op = draw(
            st.sampled_from(
                [
                    "status",
                    "unknown_item",
                    "unknown_checklist",
                    "version",
                    "sha256",
                    "fact",
                    "unknown_fact",
                    "due",
                    "date",
                    "drop",
                ]
            )
        )
        if op == "status":
            answers[draw(st.sampled_from(ids))] = draw(ANSWER.filter(_schema_status))
        elif op == "unknown_item":
            answers[draw(st.text(min_size=1, max_size=12))] = draw(st.sampled_from(STATUSES))
        elif op == "unknown_checklist":
            name = draw(st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,3})?", fullmatch=True))
            checklists[name] = {"version": "1.0.0", "answers": {}}
        elif op == "version":
            entry["version"] = draw(st.from_regex(r"[0-9]{1,2}\.[0-9]\.[0-9]", fullmatch=True))
        elif op == "sha256":
            entry["sha256"] = draw(st.from_regex(r"[0-9a-f]{64}", fullmatch=True))
        elif op == "fact":
            profile[draw(st.sampled_from(sorted(FACTS)))] = draw(PROFILE_VALUE | TEXT)
        elif op == "unknown_fact":
            name = draw(st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True))
            profile[name] = draw(PROFILE_VALUE)
        elif op == "due":
            item = draw(st.sampled_from(ids))
            answers[item] = {"status": "partial", "due": draw(DATE_TEXT.filter(bool))}
        elif op == "date":
            data["assessment_date"] = draw(DATE_TEXT.filter(bool))
        elif op == "drop" and len(checklists) > 1:
            del checklists[cid]
    return data


def _schema_status(value: Any) -> bool:
    if isinstance(value, dict):
        return value["status"] is not None and bool(value.get("due", "x"))
    return True


@settings(max_examples=40, **SETTINGS)
@given(data=meaning_mutations(EXAMPLE_DATA))
def test_validating_meaningfully_wrong_example_never_raises(workdir: Path, data: Any) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    kind, _ = check_validation(workdir / "answers.yaml", raw)
    assert kind == "answers"


@settings(max_examples=15, **SETTINGS)
@given(data=data_mutations(yaml.safe_load(SMALL_CHECKLIST.read_text(encoding="utf-8"))))
def test_validating_mutated_checklist_never_raises(workdir: Path, data: Any) -> None:
    folder = workdir / "checklists" / "cmmc-l1"
    folder.mkdir(parents=True, exist_ok=True)
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    check_validation(folder / "1.0.0.yaml", raw)


# -- 4. scoring is independent of order -----------------------------------------------------------


@settings(max_examples=60, **SETTINGS)
@given(doc=answers_docs(), seed=st.randoms(use_true_random=False))
def test_scores_do_not_depend_on_order(doc: dict[str, Any], seed: random.Random) -> None:
    shuffled = json.loads(json.dumps(doc))

    def shuffle(mapping: dict[str, Any]) -> dict[str, Any]:
        pairs = list(mapping.items())
        seed.shuffle(pairs)
        return dict(pairs)

    for entry in shuffled["checklists"].values():
        if entry["answers"]:
            entry["answers"] = shuffle(entry["answers"])
    shuffled["checklists"] = shuffle(shuffled["checklists"])
    shuffled["profile"] = shuffle(shuffled["profile"])
    first, second = run(doc).to_json(), run(shuffled).to_json()
    by_id = {c["id"]: json.dumps(c, ensure_ascii=False) for c in first["checklists"]}
    assert by_id == {c["id"]: json.dumps(c, ensure_ascii=False) for c in second["checklists"]}
    assert first["missing_checklists"] == second["missing_checklists"]
    assert [c["id"] for c in second["checklists"]] == list(shuffled["checklists"])
