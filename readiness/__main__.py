"""`python -m readiness` and the `readiness` console script.

The command's modules load inside `run`, so a Ctrl-C while they load ends the program as
quietly as one later on (exit 130, no traceback)."""

from __future__ import annotations

import sys


def run() -> None:
    try:
        from readiness.cli import main
    except KeyboardInterrupt:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second press must not cut this short
        sys.stderr.write("\ninterrupted\n")
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
