"""Benchmarks for the `readiness` CLI: run `.venv/bin/python bench/run.py [--quick]`.

Prints the machine, then ONE markdown table of figures measured side by side in this run:
each CLI command is timed in a fresh process with time.perf_counter around subprocess.run,
after an untimed warm-up, and reported as the median of N runs next to its baseline. Every
timed run gets a fresh, empty checklist cache (READINESS_CACHE_DIR) unless the row says
"warm cache". See bench/README.md for what each row means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "soratobi-autonomy" / "answers.yaml"
PY = sys.executable
SELF = str(Path(__file__).resolve())
SEED = 20261116
ROWS = ("score", "validate", "report", "startups", "save", "batch")
DEFAULT_ROWS = ("score", "validate", "report", "startups", "save")  # `batch` alone takes ~6 min

BARE_IMPORT = "import click, yaml, jsonschema"
# Runs a command, then prints the peak resident memory of the largest process it ran (itself or
# any worker it waited for: Linux folds reaped descendants into RUSAGE_CHILDREN).
PEAK_RSS = (
    "import json, resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(json.dumps({'maxrss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
    "sys.exit(code)\n"
)
# The same HTML, the same fetcher (fonts and CSS come from `asset:` URLs), nothing else of ours.
BARE_RENDER = (
    "import sys, weasyprint\n"
    "from readiness.report.pdf import AssetFetcher\n"
    "weasyprint.HTML(filename=sys.argv[1], base_url='asset:', url_fetcher=AssetFetcher())"
    ".write_pdf(sys.argv[2])\n"
)
# `readiness report ARGS`, except that the HTML it would hand to WeasyPrint is saved to argv[1]
# instead of rendered: exactly the document the PDF path renders, whatever the CLI's options.
CAPTURE_HTML = (
    "import sys\n"
    "import readiness.report.pdf\n"
    "target = sys.argv[1]\n"
    "def capture(html, *args, **kwargs):\n"
    "    with open(target, 'w', encoding='utf-8') as fh:\n"
    "        fh.write(html)\n"
    "    return b'%PDF-'\n"
    "readiness.report.pdf.render_pdf = capture\n"
    "from readiness.cli import main\n"
    "sys.argv = ['readiness', 'report', *sys.argv[2:]]\n"
    "main()\n"
)

STEMS = [
    ("Aozora", "アオゾラ"),
    ("Hayate", "ハヤテ"),
    ("Kumo", "クモ"),
    ("Tsubasa", "ツバサ"),
    ("Inazuma", "イナズマ"),
    ("Kazane", "カザネ"),
    ("Hoshizora", "ホシゾラ"),
    ("Mirai", "ミライ"),
    ("Shiokaze", "シオカゼ"),
    ("Yamabiko", "ヤマビコ"),
]
KINDS = [
    ("Robotics", "ロボティクス"),
    ("Systems", "システムズ"),
    ("Dynamics", "ダイナミクス"),
    ("Labs", "ラボ"),
]


def log(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def readiness_exe() -> str:
    exe = Path(PY).parent / "readiness"
    if exe.is_file():
        return str(exe)
    found = shutil.which("readiness")
    if not found:
        raise SystemExit("bench: no `readiness` console script beside this interpreter")
    return found


# -- timing -------------------------------------------------------------------------------------


@dataclass
class Cmd:
    """One command to time. `cache`: "cold" = a fresh empty cache dir per run, "warm" = one
    dir shared by all runs and filled by the warm-up. `argv` may hold "{run}": a fresh empty
    folder per run, for outputs."""

    label: str
    argv: list[str]
    cache: str = "cold"
    warmup_argv: list[str] | None = None
    stderr: str = ""  # the first non-empty stderr of a timed run, if any
    times: list[float] = field(default_factory=list)  # wall seconds
    cpu: list[float] = field(default_factory=list)  # user + system seconds, children included

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def add(self, timing: tuple[float, float, str, str]) -> str:
        self.times.append(timing[0])
        self.cpu.append(timing[1])
        self.stderr = self.stderr or timing[3]
        return timing[2]


class BudgetExceeded(Exception):
    """A run was stopped because the whole benchmark reached its time budget."""

    def __init__(self, what: str, elapsed: float):
        super().__init__(what)
        self.what = what
        self.elapsed = elapsed


class Runner:
    def __init__(self, tmp: Path, lang: str, deadline: float | None):
        self.tmp = tmp
        self.lang = lang
        self.deadline = deadline  # time.perf_counter() value; no run may go past it
        self.wall_total = 0.0  # over the timed single-process runs of rows 1-3
        self.cpu_total = 0.0
        self._n = 0

    def fresh_dir(self, prefix: str) -> Path:
        self._n += 1
        path = self.tmp / f"{prefix}-{self._n:04d}"
        path.mkdir()
        return path

    def env(self, cache_dir: Path) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("READINESS_NO_CACHE", None)
        # Bytecode is cached as after a normal install, whatever the caller's environment says
        # (a PYTHONDONTWRITEBYTECODE=1 shell would recompile readiness in every timed run); a
        # private prefix keeps the checkout clean. The warm-up runs fill it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(self.tmp / "pycache")
        env["READINESS_CACHE_DIR"] = str(cache_dir)
        env["READINESS_LANG"] = self.lang
        return env

    def run(
        self, argv: list[str], cache_dir: Path, capture: bool = False
    ) -> tuple[float, float, str, str]:
        """Time one run: (wall, CPU, stdout, stderr); anything but exit 0 stops the benchmark."""
        out_dir = self.fresh_dir("out")
        argv = [a.replace("{run}", str(out_dir)) for a in argv]
        env = self.env(cache_dir)
        stdout = subprocess.PIPE if capture else subprocess.DEVNULL
        timeout = None
        if self.deadline is not None:
            timeout = max(self.deadline - time.perf_counter(), 0.1)
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(
                argv, cwd=ROOT, env=env, stdout=stdout, stderr=subprocess.PIPE, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            what = " ".join(Path(a).name if os.sep in a else a for a in argv[:4])
            raise BudgetExceeded(what, time.perf_counter() - t0) from None
        elapsed = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        if proc.returncode != 0:
            raise SystemExit(
                f"bench: {' '.join(argv)} exited {proc.returncode}:\n"
                + proc.stderr.decode(errors="replace")[-3000:]
            )
        shutil.rmtree(out_dir, ignore_errors=True)
        stderr = proc.stderr.decode(errors="replace").strip()
        return elapsed, cpu, (proc.stdout.decode() if capture else ""), stderr

    def cache_for(self, cmd: Cmd, warm: dict[str, Path]) -> Path:
        if cmd.cache == "warm":
            return warm.setdefault(cmd.label, self.fresh_dir("cache-warm"))
        return self.fresh_dir("cache-cold")

    def measure(self, cmds: list[Cmd], runs: int) -> None:
        """Warm-up once each, then `runs` rounds, interleaved, rotating the order each round."""
        warm: dict[str, Path] = {}
        for cmd in cmds:
            log(f"warm-up: {cmd.label}")
            self.run(cmd.warmup_argv or cmd.argv, self.cache_for(cmd, warm))
        for r in range(runs):
            order = cmds[r % len(cmds) :] + cmds[: r % len(cmds)]
            for cmd in order:
                cache = self.cache_for(cmd, warm)
                cmd.add(self.run(cmd.argv, cache))
                self.wall_total += cmd.times[-1]
                self.cpu_total += cmd.cpu[-1]
                if cmd.cache == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
            log(
                f"round {r + 1}/{runs}: " + ", ".join(f"{c.label} {c.times[-1]:.3f}s" for c in cmds)
            )


# -- generated startups -------------------------------------------------------------------------


def _example_data() -> dict[str, Any]:
    from readiness.formats import yamlio

    return yamlio.load(EXAMPLE).data  # dates stay strings, as the CLI reads them


def _dump(data: dict[str, Any], path: Path, header: str) -> None:
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:  # readiness rejects YAML aliases
            return True

    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(f"# {header}\n{text}", encoding="utf-8")


def generate_startups(count: int, dest: Path, seed: int = SEED) -> list[Path]:
    """`count` answers files derived from the example: same profile and checklist versions,
    CMMC Level 2 plus 1-3 other checklists per startup, other organisation names, statuses
    drawn at random (fixed seed) with a per-startup
    maturity; `not_applicable` answers are kept (it is only allowed where the example uses it)
    and a few startups leave some items blank (unanswered)."""
    rng = random.Random(seed)
    base = _example_data()
    paths = []
    for i in range(count):
        data = json.loads(json.dumps(base))
        stem, stem_ja = STEMS[i % len(STEMS)]
        kind, kind_ja = KINDS[(i + i // len(STEMS)) % len(KINDS)]
        suffix = f" {i // (len(STEMS) * 2) + 1}" if i >= len(STEMS) * 2 else ""
        name = f"{stem} {kind}{suffix} K.K."
        data["organisation"]["name"] = name
        data["organisation"]["name_ja"] = f"株式会社{stem_ja}・{kind_ja}{suffix}"
        data["assessor"]["organisation"] = name
        maturity = rng.uniform(0.35, 0.95)
        blank = rng.choice([0.0, 0.0, 0.03])
        # Real startups face some regimes, not all nine: keep CMMC Level 2 (the heaviest
        # checklist, so every report has real work) plus a seeded random 1-3 of the others.
        others = sorted(k for k in data["checklists"] if k != "cmmc-l2")
        keep = {"cmmc-l2", *rng.sample(others, rng.randint(1, 3))}
        data["checklists"] = {k: v for k, v in data["checklists"].items() if k in keep}
        for entry in data["checklists"].values():
            answers = entry.get("answers") or {}
            for item_id, value in answers.items():
                old = value.get("status") if isinstance(value, dict) else value
                if old is None or old == "not_applicable":
                    continue
                if rng.random() < blank:
                    answers[item_id] = None
                    continue
                x = rng.random()
                new = (
                    "met"
                    if x < maturity
                    else ("partial" if x < maturity + (1 - maturity) * 0.35 else "not_met")
                )
                if isinstance(value, dict):
                    value["status"] = new
                else:
                    answers[item_id] = new
        path = dest / f"startup-{i + 1:02d}.yaml"
        _dump(data, path, f"generated by bench/run.py (seed {seed}, maturity {maturity:.2f})")
        paths.append(path)
    return paths


def small_answers(dest: Path) -> Path:
    """The example answering only cmmc-l1: a short report, for cheap warm-ups."""
    data = _example_data()
    data["checklists"] = {"cmmc-l1": data["checklists"]["cmmc-l1"]}
    path = dest / "small.yaml"
    _dump(data, path, "bench warm-up: the example, cmmc-l1 only")
    return path


def check_and_size(paths: list[Path], lang: str) -> dict[Path, int]:
    """Load every file as `report` does (InputError if invalid) and return its HTML size."""
    from readiness import api

    catalog = api.load_catalog(use_cache=False)
    sizes = {}
    for path in paths:
        answers, _ = api.load_answers(path, catalog, lang)
        html = api.build_report_html(api.assess(answers, catalog), lang)
        sizes[path] = len(html.encode("utf-8"))
    return sizes


# -- the batch job (runs in a child process: `run.py --batch seq|par ...`) -----------------------


def _render_files(files: list[str], out: str, lang: str) -> list[dict[str, Any]]:
    from readiness import api

    catalog = api.load_catalog()
    done = []
    for name in files:
        t0, c0 = time.perf_counter(), time.process_time()
        answers, _ = api.load_answers(name, catalog, lang)
        pdf = api.render_pdf(api.build_report_html(api.assess(answers, catalog), lang), lang)
        (Path(out) / (Path(name).stem + ".pdf")).write_bytes(pdf)
        done.append(
            {
                "file": Path(name).name,
                "seconds": time.perf_counter() - t0,
                "cpu": time.process_time() - c0,
                "bytes": len(pdf),
            }
        )
    return done


def _die_with_parent() -> None:
    """Linux: SIGKILL this worker if the batch process dies (stopped at the time budget)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker(files: list[str], out: str, lang: str, queue: Any) -> None:
    _die_with_parent()
    try:
        queue.put(("ok", _render_files(files, out, lang)))
    except BaseException as exc:
        queue.put(("error", f"{type(exc).__name__}: {exc}"))
        raise


def batch(mode: str, files: list[str], out: str, lang: str) -> None:
    if mode == "seq":
        results = [_render_files(files, out, lang)]
    else:
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        queue = ctx.Queue()
        chunks = [files[0::2], files[1::2]]
        procs = [ctx.Process(target=_worker, args=(c, out, lang, queue)) for c in chunks]
        for p in procs:
            p.start()
        results = []
        for _ in procs:
            status, payload = queue.get()
            if status != "ok":
                raise SystemExit(f"worker failed: {payload}")
            results.append(payload)
        for p in procs:
            p.join()
            if p.exitcode:
                raise SystemExit(f"worker exited {p.exitcode}")
    written = sorted(Path(out).glob("*.pdf"))
    if len(written) != len(files) or any(p.read_bytes()[:5] != b"%PDF-" for p in written):
        raise SystemExit(f"expected {len(files)} PDFs in {out}, found {len(written)}")
    print(json.dumps({"workers": results}))


# -- the benchmark --------------------------------------------------------------------------------


def machine(lang: str, load: tuple[float, float]) -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return (
        f"**Machine:** nproc {usable} (cpu_count {os.cpu_count()}){f', {cpu}' if cpu else ''}; "
        f"{platform.system()} {platform.release()}; "
        f"Python {platform.python_version()} ({PY}); "
        f"WeasyPrint {metadata.version('weasyprint')}; "
        f"readiness {metadata.version('readiness')} at git {commit}; report language {lang}; "
        f"1-min load average {load[0]:.2f} at start, {load[1]:.2f} at end"
    )


def fmt_s(values: list[float]) -> str:
    med = statistics.median(values)
    if len(values) > 1:
        return f"{med:.3f} s ({min(values):.3f}–{max(values):.3f})"
    return f"{med:.3f} s"


def row(
    name: str,
    measured: Cmd,
    baseline: Cmd | None,
    target: float | None,
    n: str,
    stopped: bool = False,
) -> list[str]:
    """A table row. `stopped`: the measured run was cut off at the time budget, so its time
    (and the ratio) is only a lower bound."""
    ratio = measured.median / baseline.median if baseline else None
    cpu_ratio = None
    if baseline and not stopped:
        cpu_ratio = statistics.median(measured.cpu) / statistics.median(baseline.cpu)
    verdict = "—"
    if target is not None and ratio is not None:
        met = "? stopped early" if stopped else "✅ met"
        verdict = "❌ missed" if ratio > target else met
    at_least = "≥ " if stopped else ""
    return [
        name,
        f"{at_least}{fmt_s(measured.times)}{' (stopped at the budget)' if stopped else ''}",
        f"{baseline.label}: {fmt_s(baseline.times)}" if baseline else "—",
        f"**{at_least}{ratio:.2f}×**" if ratio is not None else "—",
        f"≤ {target}×" if target is not None else "—",
        verdict,
        f"{cpu_ratio:.2f}×" if cpu_ratio is not None else "—",
        n,
    ]


@dataclass
class Settings:
    runs: int
    report_runs: int
    startups: int
    clients: int
    budget: float  # seconds for the whole benchmark; 0 = no limit
    only: set[str]
    lang: str
    started: float


def bench_rows(s: Settings, runner: Runner, table: list[list[str]], notes: list[str]) -> None:
    """Measure the selected rows, appending to `table` and `notes` as each row completes."""
    exe = readiness_exe()
    example = str(EXAMPLE.relative_to(ROOT))
    tmp = runner.tmp

    # rows 1 and 2: cheap commands, interleaved with the bare import
    if s.only & {"score", "validate"}:
        bare = Cmd("bare import", [PY, "-c", BARE_IMPORT])
        score_cold = Cmd("score (cold cache)", [exe, "score", example])
        score_warm = Cmd("score (warm cache)", [exe, "score", example], cache="warm")
        validate = Cmd("validate", [exe, "validate"])
        cmds = [bare]
        if "score" in s.only:
            cmds += [score_cold, score_warm]
        if "validate" in s.only:
            cmds.append(validate)
        log(f"rows 1–2: {s.runs} runs of {', '.join(c.label for c in cmds)}")
        runner.measure(cmds, s.runs)
        n = str(s.runs)
        if "score" in s.only:
            table.append(row("1a. `score` example, cold cache", score_cold, bare, 1.5, n))
            table.append(row("1b. `score` example, warm cache", score_warm, bare, 1.5, n))
        if "validate" in s.only:
            name = "2. `validate` (all bundled checklists), cold cache"
            table.append(row(name, validate, bare, None, n))

    if "save" in s.only:
        table.append(bench_save(tmp, max(s.runs * 20, 100)))
    if "batch" in s.only:
        bench_batch(s, runner, table, notes)
    if not s.only & {"report", "startups"}:
        return
    log("writing the example HTML and the warm-up answers file (untimed)")
    small = small_answers(tmp)
    check_and_size([small], s.lang)
    html, small_html = tmp / "report.html", tmp / "small.html"
    for answers, target in ((example, html), (str(small), small_html)):
        argv = [PY, "-c", CAPTURE_HTML, str(target), answers, "-o", "{run}/out.pdf"]
        runner.run(argv, runner.fresh_dir("cache"))
    out_html = tmp / "out.html"
    runner.run([exe, "report", example, "-o", str(out_html)], runner.fresh_dir("cache"))
    if out_html.read_bytes() != html.read_bytes():
        notes.append(
            "`report -o out.html` writes a different HTML (standalone) from the one the PDF "
            "path renders, so the bare WeasyPrint baseline renders the PDF path's HTML, "
            "captured from the CLI, not out.html."
        )

    # row 3: one report, ours vs WeasyPrint alone on the same HTML
    bare_render = Cmd(
        "bare WeasyPrint",
        [PY, "-c", BARE_RENDER, str(html), "{run}/x.pdf"],
    )
    if "report" in s.only:
        bare_render.warmup_argv = [PY, "-c", BARE_RENDER, str(small_html), "{run}/x.pdf"]
        ours = Cmd(
            "report → PDF",
            [exe, "report", example, "-o", "{run}/out.pdf"],
            warmup_argv=[exe, "report", str(small), "-o", "{run}/out.pdf"],
        )
        log(f"row 3: {s.report_runs} runs of report vs bare WeasyPrint")
        runner.measure([ours, bare_render], s.report_runs)
        name = "3. `report` example → PDF (board report, the default), cold cache"
        table.append(row(name, ours, bare_render, 1.2, str(s.report_runs)))
        if bare_render.stderr:
            first = bare_render.stderr.splitlines()[0]
            notes.append(f"Row 3: the bare WeasyPrint render printed warnings, e.g. `{first}`.")
        # row 3b: the complete report (--full), ours vs WeasyPrint alone on its HTML
        full_html = tmp / "full.html"
        argv = [PY, "-c", CAPTURE_HTML, str(full_html), example, "-o", "{run}/out.pdf", "--full"]
        runner.run(argv, runner.fresh_dir("cache"))
        bare_full = Cmd("bare WeasyPrint", [PY, "-c", BARE_RENDER, str(full_html), "{run}/x.pdf"])
        ours_full = Cmd(
            "report --full → PDF", [exe, "report", example, "-o", "{run}/out.pdf", "--full"]
        )
        log(f"row 3b: {s.report_runs} runs of report --full vs bare WeasyPrint")
        runner.measure([ours_full, bare_full], s.report_runs)
        name = "3b. `report --full` example → PDF, cold cache"
        table.append(row(name, ours_full, bare_full, 1.2, str(s.report_runs)))
        # row 3c: the same board report when the text needs the fallback fonts (a company
        # name and a note with emoji, Hangul and an extension kanji), vs row 3's report
        data = _example_data()
        data["organisation"]["name"] += " 🚀"
        note = data["checklists"]["jp-cesi"]["answers"]["CESI-PRO-02"]
        note["note"] = "🚀 𠮷 한국어 " + note.get("note", "")
        mixed = tmp / "mixed.yaml"
        _dump(data, mixed, "the example with characters only the fallback fonts draw")
        ours_mixed = Cmd(
            "report → PDF, fallback fonts", [exe, "report", str(mixed), "-o", "{run}/out.pdf"]
        )
        log(f"row 3c: {s.report_runs} runs of report with fallback characters vs without")
        runner.measure([ours_mixed, ours], s.report_runs)
        name = "3c. `report`, text needing the fallback fonts (vs row 3's plain report)"
        table.append(row(name, ours_mixed, ours, None, str(s.report_runs)))

    # row 4: many reports, one process vs two
    if "startups" in s.only:
        bench_startups(s, runner, html, small, bare_render, table, notes)


def bench_save(tmp: Path, runs: int) -> list[str]:
    """Row 6: one answer saved and the score refreshed (what `serve` does per change), in
    process, with every bundled checklist in scope: p95 of `runs` changes against 100 ms."""
    from readiness.assess.session import Session
    from readiness.content.catalog import Catalog
    from readiness.content.model import STATUSES

    catalog = Catalog()
    session = Session(tmp / "save-answers.yaml", catalog, catalog.ids(), "en")
    session.set_name("Bench Co")
    for fact in catalog.profile_facts.values():
        values = fact.get("values") or [True]
        session.set_fact(fact["id"], values[-1])
    session.save()
    items = [(c.id, i.id) for c in session.checklists() for i in c.items()]
    session.assessment()  # warm-up: checklists loaded once, as in a running server
    log(
        f"row 5: {runs} saves + scores over {len(items)} items in {len(session.checklists())} checklists"
    )
    times = []
    for n in range(runs):
        cid, iid = items[(n * 7) % len(items)]
        start = time.perf_counter()
        session.set_answer(cid, iid, STATUSES[n % 3], note=f"note {n}")
        session.save()
        session.progress()
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    return [
        f"6. `serve`: save one answer + refresh the score ({len(items)} items, all checklists)",
        f"p95 {p95 * 1000:.1f} ms (median {statistics.median(times) * 1000:.1f} ms)",
        "—",
        "—",
        "p95 ≤ 100 ms",
        "✅ met" if p95 <= 0.100 else "❌ missed",
        "—",
        str(runs),
    ]


def bench_startups(
    s: Settings,
    runner: Runner,
    html: Path,
    small: Path,
    bare_render: Cmd,
    table: list[list[str]],
    notes: list[str],
) -> None:
    gen = runner.tmp / "startups"
    gen.mkdir()
    paths = generate_startups(s.startups, gen)
    log(f"row 4: generated {len(paths)} startups; checking them and sizing their HTML")
    sizes = check_and_size(paths, s.lang)
    seq = Cmd("1 process", [PY, SELF, "--batch", "seq", "--lang", s.lang])
    par = Cmd("2 workers", [PY, SELF, "--batch", "par", "--lang", s.lang])
    log("row 4: warm-up: the batch job on the one-checklist answers file")
    runner.run([*seq.argv, "--out", "{run}", str(small)], runner.fresh_dir("cache-cold"))

    chosen = paths
    if s.budget > 0:
        if not bare_render.times:
            log("row 4: calibrating: one bare WeasyPrint render of the example")
            bare_render.add(runner.run(bare_render.argv, runner.fresh_dir("c")))
        per_byte = max(bare_render.median - 0.8, 0.1) / html.stat().st_size

        def estimate(k: int) -> float:
            # generous: 10% over the calibration, and 2 workers only 1.5× faster than one
            # (other processes may compete); the time budget stops anything that runs over
            seq = sum(sizes[p] * per_byte for p in paths[:k]) * 1.1 + 2.0
            return seq + seq * 0.65

        left = s.budget - (time.perf_counter() - s.started) - 5.0
        k = s.startups
        while k > 2 and estimate(k) > left:
            k -= 2
        chosen = paths[:k]
        log(f"row 4: {k} startups, estimated {estimate(k):.0f} s, {left:.0f} s left")
        if k < s.startups:
            notes.append(
                f"Row 4 rendered {k} of the {s.startups} requested startups: all {s.startups} "
                f"would take about {estimate(s.startups):.0f} s, and {max(left, 0):.0f} s of "
                f"the {s.budget:.0f} s budget were left. `--budget 0 --only startups` renders "
                f"all {s.startups}."
            )

    files = [str(p) for p in chosen]
    name = (
        f"4. {len(files)} generated startups → PDF: 2 workers ({len(files) // 2} each) "
        "vs 1 process, library loop"
    )
    details = {}
    for cmd in (seq, par):
        out = runner.fresh_dir(f"pdf-{cmd.argv[3]}")
        try:
            timing = runner.run(
                [*cmd.argv, "--out", str(out), *files], runner.fresh_dir("cache-cold"), True
            )
        except BudgetExceeded as exc:
            if cmd is seq:
                raise
            par.times.append(exc.elapsed)
            table.append(row(name, par, seq, 0.6, "1", stopped=True))
            notes.append(
                f"Row 4's 2-worker run was stopped at the time budget after {exc.elapsed:.0f} s; "
                "its time and ratio are lower bounds."
            )
            return
        details[cmd.label] = json.loads(cmd.add(timing))["workers"]
        log(f"row 4: {len(files)} reports, {cmd.label}: {cmd.times[-1]:.3f}s")
        shutil.rmtree(out, ignore_errors=True)
    table.append(row(name, par, seq, 0.6, "1"))

    per_file = [d["seconds"] for d in details["1 process"][0]]
    seq_cpu = sum(d["cpu"] for d in details["1 process"][0])
    walls = [sum(d["seconds"] for d in w) for w in details["2 workers"]]
    cpus = [sum(d["cpu"] for d in w) for w in details["2 workers"]]
    notes.append(
        f"Row 4 detail: one report takes {min(per_file):.2f}–{max(per_file):.2f} s "
        f"(median {statistics.median(per_file):.2f} s) in the single process, which got "
        f"{seq_cpu / sum(per_file):.0%} of a CPU while rendering; the two workers spent "
        f"{walls[0]:.1f} s and {walls[1]:.1f} s rendering and got "
        f"{cpus[0] / walls[0]:.0%} and {cpus[1] / walls[1]:.0%} of a CPU "
        "(under 100% = waiting for a CPU: other processes competed)."
    )


def bench_batch(s: Settings, runner: Runner, table: list[list[str]], notes: list[str]) -> None:
    """Row 5: the real `readiness batch` command on generated clients, 1 worker vs 2."""
    exe = readiness_exe()
    gen = runner.tmp / "clients"
    gen.mkdir()
    paths = generate_startups(s.clients, gen)
    small = small_answers(runner.tmp)
    log(f"row 5: generated {len(paths)} clients; warm-up: batch on the one-checklist file")
    runner.run([exe, "batch", str(small), "-o", "{run}", "--jobs", "1"], runner.fresh_dir("c"))
    runs = {}
    for jobs in (1, 2):
        cmd = Cmd(
            f"--jobs {jobs}",
            [PY, "-c", PEAK_RSS, exe, "batch", str(gen), "-o", "{run}", "--jobs", str(jobs)],
        )
        peak = json.loads(cmd.add(runner.run(cmd.argv, runner.fresh_dir("cache-cold"), True)))
        runs[jobs] = (cmd, peak["maxrss_kb"] / 1024)
        log(f"row 5: {len(paths)} clients, --jobs {jobs}: {cmd.times[-1]:.1f} s")
    (one, one_mb), (two, two_mb) = runs[1], runs[2]
    name = f"5. `readiness batch`: {len(paths)} generated clients → PDF, `--jobs 2` vs `--jobs 1`"
    table.append(row(name, two, one, 0.6, "1"))
    per_hour = 3600 * len(paths) / two.median
    notes.append(
        f"Row 5 detail: {one.median / len(paths):.2f} s per client with one worker, "
        f"{two.median / len(paths):.2f} s with two (wall, including start-up, the portfolio and "
        f"its PDF): about {per_hour:,.0f} clients an hour on this machine. Peak resident memory "
        f"of the largest process: {one_mb:.0f} MiB with --jobs 1, {two_mb:.0f} MiB with "
        "--jobs 2 (each worker renders one report at a time). CPU the runs got: "
        f"{one.cpu[-1] / one.times[-1]:.0%} of one CPU with --jobs 1, "
        f"{two.cpu[-1] / (2 * two.times[-1]):.0%} of two with --jobs 2 (under 100% = other "
        "processes competed for the CPUs)."
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="few repetitions: a smoke test")
    ap.add_argument("--runs", type=int, help="timed runs of score/validate (default 5, quick 3)")
    ap.add_argument("--report-runs", type=int, help="timed runs of report (default 3, quick 1)")
    ap.add_argument(
        "--startups", type=int, help="generated startups for row 4 (default 20, quick 2)"
    )
    ap.add_argument(
        "--budget",
        type=float,
        default=None,
        help="seconds the whole benchmark may take (default 285; quick: no limit). Row 4 "
        "renders fewer startups when all would not fit (a note says so), and any run still "
        "going at the limit is stopped. 0 = no limit",
    )
    ap.add_argument(
        "--only",
        default=",".join(DEFAULT_ROWS),
        help=f"comma-separated rows: {','.join(ROWS)} (default: all but batch)",
    )
    ap.add_argument("--clients", type=int, help="generated clients for row 5 (default 50, quick 4)")
    ap.add_argument("--lang", default="en", choices=["en", "ja"], help="report language")
    ap.add_argument("--batch", choices=["seq", "par"], help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.batch:
        batch(args.batch, args.files, args.out, args.lang)
        return 0

    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    quick = args.quick
    s = Settings(
        runs=args.runs or (3 if quick else 5),
        report_runs=args.report_runs or (1 if quick else 3),
        startups=args.startups or (2 if quick else 20),
        clients=args.clients or (4 if quick else 50),
        budget=args.budget if args.budget is not None else (0.0 if quick else 285.0),
        only={x.strip() for x in args.only.split(",") if x.strip()},
        lang=args.lang,
        started=started,
    )
    if args.budget is None and "batch" in s.only:
        s.budget = 0.0  # row 5 alone takes longer than the default budget: it runs whole
    if unknown := s.only - set(ROWS):
        ap.error(f"unknown rows {sorted(unknown)}; choose from {', '.join(ROWS)}")
    if s.startups < 2 or s.startups % 2:
        ap.error("--startups must be an even number ≥ 2 (split evenly over 2 workers)")
    notes: list[str] = []
    table: list[list[str]] = []

    with tempfile.TemporaryDirectory(prefix="readiness-bench-") as tmp_name:
        deadline = started + s.budget if s.budget > 0 else None
        runner = Runner(Path(tmp_name), s.lang, deadline)
        try:
            bench_rows(s, runner, table, notes)
        except BudgetExceeded as exc:
            notes.append(
                f"Stopped at the {s.budget:.0f} s time budget while running `{exc.what}` "
                f"({exc.elapsed:.0f} s in): rows after the last one shown are missing."
            )

    load_end = os.getloadavg()[0]
    head = [
        "Benchmark",
        "Measured: wall, median (min–max)",
        "Baseline: wall, median (min–max)",
        "Ratio",
        "Target",
        "Result",
        "CPU ratio",
        "N",
    ]
    print(machine(args.lang, (load_start, load_end)))
    print()
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] * len(head)) + "|")
    for r in table:
        print("| " + " | ".join(r) + " |")
    print()
    notes.append(
        "Each run is a fresh process timed with `time.perf_counter` around `subprocess.run`, "
        "after one untimed warm-up per command (rows 3 and 4 warm up on a one-checklist "
        "answers file, to fit the time budget). Cold cache = a fresh empty READINESS_CACHE_DIR "
        "per run; warm cache = one filled by the warm-up. Python bytecode is cached (private "
        "PYTHONPYCACHEPREFIX, filled by the warm-ups) as in a normal install. CPU ratio = the "
        "same ratio on user+system CPU seconds (children included): steadier than wall time "
        "when other processes compete for the CPUs."
    )
    if runner.wall_total:
        share = runner.cpu_total / runner.wall_total
        notes.append(
            f"The timed runs of rows 1–3 (single-threaded) got {share:.0%} of a CPU"
            + (
                ": other processes competed, so wall times are inflated (CPU ratios less so) "
                "and row 4's 2-worker figure suffers most."
                if share < 0.9
                else "."
            )
        )
    notes.append(f"Total benchmark time: {time.perf_counter() - started:.0f} s.")
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
