"""Rendering report templates that an advisor may have written: nothing they write can hurt.

Templates run in Jinja2's sandbox, autoescaped and strict, with three more fences: a template
folder's symlinks are never followed out of it; arithmetic that would build huge strings or
numbers is refused; and a render has a time and an output-size budget. Any error, in our
templates or theirs, becomes a RenderError naming the template and line.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from readiness.formats.problems import Problem, RenderError

MAX_SECONDS = 60.0  # the 190-page full report renders its HTML in well under a second
MAX_OUTPUT = 64 * 1024 * 1024  # characters of HTML
MAX_PRODUCT = 1_000_000  # characters (or items) one `*` may build


class ContainedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that never reads a file outside its folder (symlinks included)."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        if filename is not None:
            real = Path(os.path.realpath(filename))
            if not any(real.is_relative_to(os.path.realpath(p)) for p in self.searchpath):
                raise SecurityError(
                    f"{template} links outside the templates folder, which is refused"
                )
        return source, filename, uptodate


class Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox, with size-checked `*` and `**`."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "**":
            if isinstance(left, (int, float)) and isinstance(right, (int, float)):
                size = abs(right) * math.log10(max(abs(left), 2))
                if size > 1000:
                    raise SecurityError("a power that large is refused in report templates")
        elif operator == "*":
            for seq, n in ((left, right), (right, left)):
                sized = isinstance(seq, (str, list, tuple)) and isinstance(n, int)
                if sized and len(seq) * n > MAX_PRODUCT:
                    raise SecurityError("a repetition that large is refused in report templates")
        return super().call_binop(context, operator, left, right)


class _OutOfTime(Exception):
    pass


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt a render that runs past `seconds` (only possible in the main thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _where(exc: BaseException) -> str:
    """`template.j2:LINE` of the innermost template frame in the traceback, or ""."""
    found = ""
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".html", ".jinja")) or "<template>" in name:
            found = f"{Path(name).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    lineno = getattr(exc, "lineno", None)
    filename = getattr(exc, "filename", None) or getattr(exc, "name", None)
    if not found and lineno:
        found = f"{Path(str(filename or 'template')).name}:{lineno}"
    return found


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render `name` within the budgets; every failure is a RenderError naming template:line."""
    pieces: list[str] = []
    size = 0
    try:
        with _deadline(MAX_SECONDS):
            for piece in env.get_template(name).generate(**context):
                size += len(piece)
                if size > MAX_OUTPUT:
                    raise SecurityError(f"the report would exceed {MAX_OUTPUT:,} characters")
                pieces.append(piece)
        html = "".join(pieces)
        html.encode("utf-8")  # a lone surrogate cannot be written: say so here
    except _OutOfTime:
        problem = f"rendering took longer than {MAX_SECONDS:.0f} s and was stopped"
        raise RenderError(
            [Problem(file="", message=f"{name}: {problem}", code="template")]
        ) from None
    except (Exception, RecursionError) as exc:  # their template's fault or ours: never a traceback
        kind = "template error" if isinstance(exc, jinja2.TemplateError) else type(exc).__name__
        where = _where(exc) or name
        message = str(exc).replace("\n", " ")[:300]
        raise RenderError(
            [Problem(file="", message=f"{where}: {kind}: {message}", code="template")]
        ) from None
    return html
