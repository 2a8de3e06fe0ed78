"""Problems found in input files, the errors that carry them, and the exit codes they map to."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes (README, "Exit codes")."""

    OK = 0
    INVALID = 1  # validate found problems
    USAGE = 2  # wrong command-line usage (click's own code)
    INPUT = 3  # an input file is missing, unreadable or invalid
    OUTPUT = 4  # an output cannot be written, or would overwrite without --force
    RENDER = 5  # the report could not be rendered
    INTERNAL = 70  # a bug in readiness itself


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one position of one file; sorts by file, line, column."""

    file: str
    line: int = 0  # 1-based; 0 = the file as a whole
    column: int = 0  # 1-based
    message: str = field(default="", compare=True)
    code: str = field(default="", compare=False)
    level: str = field(default="error", compare=False)  # error | warning
    path: str = field(default="", compare=False)  # JSON path inside the document, if any

    @classmethod
    def at_start(cls, file: str, message: str, code: str = "") -> Problem:
        """A problem with the file as a whole, placed at 1:1 so that editors jump to it."""
        return cls(file=file, line=1, column=1, message=message, code=code)

    def format(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        prefix = f"{self.path}: " if self.path else ""
        head = f"{where}: " if where else ""
        return f"{head}{self.level}: {prefix}{self.message}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "level": self.level,
            "code": self.code,
            "path": self.path,
            "message": self.message,
        }


class ReadinessError(Exception):
    """An error a user can fix; carries the problems and the exit code to leave with."""

    exit_code = ExitCode.INPUT

    def __init__(self, problems: list[Problem] | str, exit_code: ExitCode | None = None):
        if isinstance(problems, str):
            problems = [Problem(file="", message=problems)]
        self.problems = sorted(problems)
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__("\n".join(p.format() for p in self.problems))


class InputError(ReadinessError):
    exit_code = ExitCode.INPUT


class OutputError(ReadinessError):
    exit_code = ExitCode.OUTPUT


class RenderError(ReadinessError):
    exit_code = ExitCode.RENDER
