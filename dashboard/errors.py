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
    message: str  # in English
    key: str = ""  # the message's key in io/messages.py, if it has one
    values: tuple[tuple[str, object], ...] = ()  # what fills the message in

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
        key: str = "",
        values: tuple[tuple[str, object], ...] = (),
    ) -> None:
        self.path = str(path)
        self.message = message
        self.row = row
        self.column = column
        self.problems = problems
        self.key = key
        self.values = values
        super().__init__(str(self))

    def __str__(self) -> str:
        return str(self.problem())

    def problem(self) -> Problem:
        """The error as a Problem of its file (the key kept, for other languages)."""
        return Problem(
            self.path, self.row, self.column, "error", self.message, self.key, self.values
        )


class UsageProblem(ValueError):
    """A request that cannot be answered as asked (unknown place, bad point); exit status 2."""
