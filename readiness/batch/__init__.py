"""Many answers files at once: one report each, in parallel worker processes, and a portfolio.

`report_client(job, options)` (client.py) is the unit of work; `run_batch` (run.py) plans the
outputs, fans the work out over `jobs` processes (pool.py), writes the portfolio, and on Ctrl-C
stops every worker cleanly (no half-written file) before re-raising.
"""

from readiness.batch.client import (
    MANIFEST,
    PORTFOLIO,
    STATUSES,
    Job,
    Options,
    Outcome,
    report_client,
    up_to_date,
)
from readiness.batch.pool import default_jobs
from readiness.batch.run import BatchResult, plan, run_batch, write_portfolio

__all__ = [
    "MANIFEST",
    "PORTFOLIO",
    "STATUSES",
    "BatchResult",
    "Job",
    "Options",
    "Outcome",
    "default_jobs",
    "plan",
    "report_client",
    "run_batch",
    "up_to_date",
    "write_portfolio",
]
