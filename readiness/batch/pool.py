"""The process pool: jobs fanned out over spawned workers. Ctrl-C stops it cleanly: nothing new
starts, the reports being written finish whole, and a second press ends the workers at once
(removing what they were writing) before the interrupt is raised again."""

from __future__ import annotations

import _thread
import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from readiness.batch.client import Job, Options, Outcome, report_client
from readiness.formats.atomic import remove_temporary
from readiness.formats.problems import ExitCode, Problem

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


# -- in each worker ---------------------------------------------------------------------------

_stop_event: Any = None


def _init_worker(stop: Any) -> None:
    """Workers ignore Ctrl-C: the parent decides. (Raising KeyboardInterrupt in a worker lands
    wherever it is, even in a __del__ that swallows it; and switching handlers races a second
    press.) The parent started us with SIGINT blocked, so there was no moment without this."""
    global _stop_event
    _stop_event = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _pool_task(job: Job, options: Options) -> Outcome:
    if _stop_event is not None and _stop_event.is_set():
        return Outcome(job.source, job.output, "interrupted")
    return report_client(job, options)


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


# -- in the parent ----------------------------------------------------------------------------


class Presses:
    """Ctrl-C during a batch, counted rather than raised wherever it lands (which could be a
    __del__ that swallows it). The first press calls `on_first` (from the signal handler: keep
    it to a write to a file descriptor). With `hard`, the second press raises KeyboardInterrupt
    once: for work in this process, which nothing polls; the pool polls `count` instead."""

    def __init__(self, on_first: Callable[[], None] | None = None) -> None:
        self.count = 0
        self.hard = True
        self._on_first = on_first
        self._previous: Any = None
        self._retry: threading.Timer | None = None

    def __call__(self, signum: int, frame: Any) -> None:
        if self._retry is not None:  # the second press, again (or a third: the same wish)
            self._retry = None
        else:
            self.count += 1
            if self.count == 1:
                if self._on_first is not None:
                    self._on_first()
                return
        if self.hard:
            if _in_finaliser(frame):
                # raised here it would be swallowed: ask again in 10 ms, from another thread
                # (asking from here would re-enter this handler at once)
                self._retry = threading.Timer(0.01, _thread.interrupt_main)
                self._retry.start()
                return
            self.hard = False  # once: more presses must not cut the clean-up
            raise KeyboardInterrupt

    def __enter__(self) -> Presses:
        previous = signal.getsignal(signal.SIGINT)
        # a background job ignores Ctrl-C (so do we); a handler set outside Python is left be
        if callable(previous) and threading.current_thread() is threading.main_thread():
            self._previous = previous
            signal.signal(signal.SIGINT, self)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._retry is not None:
            self._retry.cancel()
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _in_finaliser(frame: Any) -> bool:
    """Whether `frame` runs inside a __del__, where Python swallows any exception."""
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Block SIGINT here, and so in the workers started here until their handler is set: a
    press meanwhile is delivered when the block ends (and ignored by the workers)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on POSIX
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _kill(executor: ProcessPoolExecutor, unfinished: Iterable[Job]) -> None:
    """Second Ctrl-C: end the workers now, and remove the temporary file of any report they
    were writing (the finished reports are untouched: each was renamed into place whole)."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, AttributeError, ValueError):
            process.kill()
            process.join(5)
    for job in unfinished:
        remove_temporary(job.output)


def _died(job: Job) -> Outcome:
    problem = Problem(
        file=job.source,
        message="the worker process died (out of memory?); run this file alone to see why",
        code="worker",
    )
    return Outcome(job.source, job.output, "failed", [problem], exit_code=int(ExitCode.INTERNAL))


def run_pool(
    jobs: list[Job],
    options: Options,
    workers: int,
    done: Callable[[Outcome], None],
    presses: Presses,
) -> None:
    """Run `jobs` on `workers` spawned processes, calling `done` here as each one finishes.

    After a first Ctrl-C (counted by `presses`) no new report starts and the ones being written
    finish, each whole; after a second the workers end at once, leaving no partial file."""
    import multiprocessing  # only for a pool: keeps `import readiness.api` quick
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")  # no fork: safe with threads, same everywhere
    stop = context.Event()
    with _ctrl_c_held():
        executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(stop,)
        )
        futures = {executor.submit(_pool_task, job, options): job for job in jobs}
    pending = set(futures)
    hard, presses.hard = presses.hard, False  # polled here
    stopping = False
    try:
        while pending:
            if presses.count and not stopping:
                # queued jobs now return at once, marked "interrupted" (futures are not
                # cancelled: Python 3.11's pool fails on a cancelled one if a worker dies)
                stop.set()
                stopping = True
            if presses.count > 1:
                _kill(executor, (futures[f] for f in pending))
                break
            # polled often: a worker free between a press and the next poll starts a report
            finished, pending = wait(pending, timeout=0.05, return_when=FIRST_COMPLETED)
            for future in finished:
                try:
                    done(future.result())
                except BrokenProcessPool:
                    done(_died(futures[future]))
    except BaseException:
        _kill(executor, (futures[f] for f in pending))
        raise
    finally:
        executor.shutdown(wait=True)
        presses.hard = hard and not presses.count
