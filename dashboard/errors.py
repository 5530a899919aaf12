"""Errors that carry what a user needs to fix their input: the file, row and column."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DataFileError", "Problem", "UsageProblem"]


@dataclass(frozen=True)
class Problem:
    """One finding about an input table; `row` is the line number a spreadsheet shows."""

    file: str
    row: int | None
    column: str | None
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        column = f" [{self.column}]" if self.column else ""
        return f"{where}: {self.severity}{column}: {self.message}"


class DataFileError(Exception):
    """A data file that cannot be read or used at all."""

    def __init__(
        self,
        path: object,
        message: str,
        row: int | None = None,
        column: str | None = None,
        problems: tuple[Problem, ...] = (),
    ) -> None:
        self.path = str(path)
        self.message = message
        self.row = row
        self.column = column
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        return str(Problem(self.path, self.row, self.column, "error", self.message))


class UsageProblem(ValueError):
    """A request that cannot be answered as asked (unknown place, bad point); exit status 2."""
