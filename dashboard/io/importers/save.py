"""Write an import's table and its rejects file, each atomically (temp file, then rename)."""

from __future__ import annotations

from pathlib import Path

from dashboard.errors import DataFileError, UsageProblem
from dashboard.io.importers.result import ImportResult
from dashboard.io.readers import sniff_format
from dashboard.io.writers import atomic_write, neutralise_formulas, write_table

__all__ = ["output_paths", "save_import"]


def output_paths(out: str | Path, source: str | Path) -> tuple[Path, Path]:
    """OUT and its rejects file (OUT's stem + ".rejects.csv"), checked before any work."""
    out, source = Path(out), Path(source)
    sniff_format(out)  # an unknown extension fails here, before the input is read
    if not out.parent.exists():
        raise DataFileError(out, f"folder {out.parent} does not exist")
    if out.resolve() == source.resolve():
        raise UsageProblem(f"--out {out} is the input file; choose another name")
    return out, out.with_name(out.stem + ".rejects.csv")


def save_import(result: ImportResult, out: str | Path) -> Path:
    """Write the rejects (row, reason, original values), then the table; return the rejects
    path. A failure leaves an existing OUT as it was."""
    out, rejects_path = output_paths(out, result.source)
    rejects = neutralise_formulas(result.rejects)
    try:
        atomic_write(
            rejects_path, lambda tmp: rejects.to_csv(tmp, index=False, lineterminator="\n")
        )
        write_table(result.table, out)
    except OSError as exc:
        raise DataFileError(out, f"cannot write: {exc.strerror or exc}") from None
    return rejects_path
