"""`make run` and `make test` work on a fresh machine: they use a virtual environment, never the
system Python, and run every tool through it (issue 15).

Each test copies the Makefile into an empty folder and runs make there, with `make -n` (print
the commands, run none) or with a fake virtual environment whose `python` and `syria-map` only
record how they were called. No network, no pip, a second or two in all.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")

pytestmark = pytest.mark.skipif(MAKE is None, reason="needs GNU make")


def _base_python() -> Path:
    """An interpreter that is not inside any virtual environment."""
    base = Path(getattr(sys, "_base_executable", "") or sys.executable)
    if sys.prefix != sys.base_prefix and base.parent == Path(sys.executable).parent:
        base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}"
    return base


def _env(path_first: Path | None = None, **extra: str) -> dict[str, str]:
    """The test's environment without any active venv or outer make's flags."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
    }
    path = [str(Path(MAKE).parent), "/usr/bin", "/bin"]
    if path_first is not None:
        path.insert(0, str(path_first))
    env["PATH"] = os.pathsep.join(path)
    env.update(extra)
    return env


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project with this repository's Makefile and a pyproject.toml."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "Makefile", root / "Makefile")
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    return root


@pytest.fixture
def plain_python(tmp_path: Path) -> Path:
    """A folder whose `python3` is a plain (non-venv) interpreter, to put first on PATH."""
    bindir = tmp_path / "plain-bin"
    bindir.mkdir()
    (bindir / "python3").symlink_to(_base_python())
    out = subprocess.run(
        [bindir / "python3", "-c", "import sys; print(sys.prefix != sys.base_prefix)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False", "the base interpreter looks like a venv"
    return bindir


@pytest.fixture
def trap(tmp_path: Path) -> Path:
    """A folder whose `python3` fails: first on PATH where no venv may be created."""
    bindir = tmp_path / "trap-bin"
    bindir.mkdir()
    _write_script(bindir / "python3", 'echo "python3 must not run here: $*" >&2\nexit 97\n')
    return bindir


def _write_script(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@pytest.fixture
def fake_venv(tmp_path: Path) -> Path:
    """A venv whose python and syria-map append their arguments to calls.log.

    `python -m pytest` exits with $FAKE_PYTEST_RC (default 0), `python -m ruff check` with
    $FAKE_RUFF_RC (default 0).
    """
    root = tmp_path / "active-venv"
    (root / "bin").mkdir(parents=True)
    log = root / "calls.log"
    _write_script(
        root / "bin" / "python",
        f'echo "python $*" >> "{log}"\n'
        'case "$*" in\n'
        '  "-m pytest"*) exit "${FAKE_PYTEST_RC:-0}" ;;\n'
        '  "-m ruff check"*) exit "${FAKE_RUFF_RC:-0}" ;;\n'
        "esac\n"
        "exit 0\n",
    )
    _write_script(root / "bin" / "syria-map", f'echo "syria-map $*" >> "{log}"\n')
    return root


def _make(project: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MAKE, "--no-print-directory", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _commands(output: str) -> list[list[str]]:
    """The commands `make -n` would run, split into words, without its echo lines."""
    return [line.split() for line in output.splitlines() if line and not line.startswith("echo ")]


def _serve_command(output: str) -> list[str]:
    serve = [words for words in _commands(output) if words[1:2] == ["serve"]]
    assert len(serve) == 1, output
    return serve[0]


def _calls(fake_venv: Path) -> list[str]:
    log = fake_venv / "calls.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


# Without an active venv: .venv/, made with the first python3 on PATH.


def test_make_run_port_uses_the_venvs_syria_map_with_that_port(project, plain_python):
    out = _make(project, "-n", "run", "PORT=8080", env=_env(plain_python))
    assert out.returncode == 0, out.stderr
    serve = _serve_command(out.stdout)
    assert serve[0] == ".venv/bin/syria-map"
    assert serve[serve.index("--port") + 1] == "8080"
    assert serve[serve.index("--host") + 1] == "127.0.0.1"


def test_make_run_host_is_passed_to_serve(project, plain_python):
    out = _make(project, "-n", "run", "PORT=9000", "HOST=0.0.0.0", env=_env(plain_python))
    assert out.returncode == 0, out.stderr
    serve = _serve_command(out.stdout)
    assert serve[serve.index("--host") + 1] == "0.0.0.0"
    assert serve[serve.index("--port") + 1] == "9000"


def test_without_an_active_venv_make_creates_dot_venv_and_installs_into_it(project, plain_python):
    out = _make(project, "-n", "setup", env=_env(plain_python))
    assert out.returncode == 0, out.stderr
    assert "-m venv .venv" in out.stdout
    assert "==> creating .venv with" in out.stdout
    pip = [w for w in _commands(out.stdout) if w[1:4] == ["-m", "pip", "install"]]
    assert len(pip) == 1, out.stdout
    assert pip[0][0] == ".venv/bin/python"
    assert '".[test]"' in pip[0] or ".[test]" in pip[0]
    assert "--quiet" not in pip[0] and "-q" not in pip[0]  # pip's progress stays visible


def test_make_test_runs_ruff_check_format_check_then_pytest_in_dot_venv(project, plain_python):
    out = _make(project, "-n", "test", env=_env(plain_python))
    assert out.returncode == 0, out.stderr
    _assert_checks_in_order(_commands(out.stdout), ".venv/bin/python")


PARALLEL_PYTEST = "python -m pytest -n 2 --dist loadfile -m not network and not serial"
SERIAL_PYTEST = "python -m pytest -m serial and not network tests/web"


def _assert_checks_in_order(commands: list[list[str]], python: str) -> None:
    wanted = [
        ["-m", "ruff", "check", "."],
        ["-m", "ruff", "format", "--check", "."],
        ["-m", "pytest"],
    ]
    found = []
    for want in wanted:
        hits = [i for i, words in enumerate(commands) if words[1 : 1 + len(want)] == want]
        assert hits, f"make test does not run {' '.join(want)}: {commands}"
        assert commands[hits[0]][0] == python, commands[hits[0]]
        found.append(hits[0])
    assert found == sorted(found), "expected ruff check, ruff format --check, pytest, in order"


def test_an_up_to_date_venv_is_not_reinstalled(project, plain_python):
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".venv" / "bin" / "python").touch()
    stamp = project / ".venv" / ".syria-control-map-installed"
    stamp.touch()
    pyproject = project / "pyproject.toml"
    os.utime(pyproject, (stamp.stat().st_mtime - 60,) * 2)
    out = _make(project, "-n", "setup", env=_env(plain_python))
    assert "pip install" not in out.stdout and "-m venv" not in out.stdout, out.stdout
    os.utime(pyproject, (stamp.stat().st_mtime + 60,) * 2)  # pyproject.toml changed
    out = _make(project, "-n", "setup", env=_env(plain_python))
    assert "-m pip install" in out.stdout and "-m venv" not in out.stdout, out.stdout


# With an active venv: used as is, .venv/ is never made.


def test_an_active_venv_from_virtual_env_is_used_as_is(project, plain_python, fake_venv):
    env = _env(plain_python, VIRTUAL_ENV=str(fake_venv))
    out = _make(project, "-n", "run", "PORT=8080", env=env)
    assert out.returncode == 0, out.stderr
    assert "-m venv" not in out.stdout and ".venv" not in out.stdout, out.stdout
    serve = _serve_command(out.stdout)
    assert serve[0] == f"{fake_venv}/bin/syria-map"
    assert serve[serve.index("--port") + 1] == "8080"
    out = _make(project, "-n", "test", env=env)
    assert out.returncode == 0, out.stderr
    _assert_checks_in_order(_commands(out.stdout), f"{fake_venv}/bin/python")


def test_a_venv_python_first_on_path_counts_as_active(project, tmp_path):
    env_dir = tmp_path / "path-venv"
    venv.create(env_dir, with_pip=False, symlinks=True)
    out = _make(project, "-n", "run", env=_env(env_dir / "bin"))
    assert out.returncode == 0, out.stderr
    assert "-m venv" not in out.stdout, out.stdout
    assert _serve_command(out.stdout)[0] == f"{env_dir}/bin/syria-map"


def test_setup_installs_into_the_active_venv_once(project, fake_venv, trap):
    env = _env(trap, VIRTUAL_ENV=str(fake_venv))
    out = _make(project, "setup", env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert not (project / ".venv").exists()
    assert len(_calls(fake_venv)) == 1
    assert _calls(fake_venv)[0].startswith("python -m pip install")
    assert _calls(fake_venv)[0].endswith("-e .[test]")
    out = _make(project, "setup", env=env)
    assert out.returncode == 0 and len(_calls(fake_venv)) == 1, "reinstalled without a change"


def test_make_test_runs_the_checks_for_real_and_stops_at_a_failure(project, fake_venv, trap):
    env = _env(trap, VIRTUAL_ENV=str(fake_venv))
    out = _make(project, "test", "BROWSER_PACKAGES=", "POSTGIS_PACKAGES=", env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert _calls(fake_venv)[1:] == [
        "python -m ruff check .",
        "python -m ruff format --check .",
        PARALLEL_PYTEST,
        SERIAL_PYTEST,
    ]
    (fake_venv / "calls.log").unlink()
    out = _make(
        project, "test", "BROWSER_PACKAGES=", "POSTGIS_PACKAGES=", env={**env, "FAKE_RUFF_RC": "1"}
    )
    assert out.returncode != 0
    assert _calls(fake_venv) == ["python -m ruff check ."]


@pytest.mark.parametrize("rc", ["1", "5"])  # 5: pytest collected no tests
def test_a_pytest_failure_or_no_tests_fails_make_test(project, fake_venv, trap, rc):
    env = _env(trap, VIRTUAL_ENV=str(fake_venv), FAKE_PYTEST_RC=rc)
    out = _make(project, "test", "BROWSER_PACKAGES=", "POSTGIS_PACKAGES=", env=env)
    assert out.returncode != 0
    assert _calls(fake_venv)[-1] == PARALLEL_PYTEST  # the serial run never starts


def test_make_run_passes_port_and_host_to_serve(project, fake_venv, trap):
    env = _env(trap, VIRTUAL_ENV=str(fake_venv))
    out = _make(
        project,
        "run",
        "PORT=8080",
        "HOST=0.0.0.0",
        "BROWSER_PACKAGES=",
        "POSTGIS_PACKAGES=",
        env=env,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert _calls(fake_venv)[-1] == "syria-map serve --host 0.0.0.0 --port 8080"


# CI runs the README's test command the way a fresh machine would.


def test_ci_runs_make_test_with_usr_bin_first_and_no_venv(tmp_path, fake_venv):
    root = tmp_path / "ci-project"
    (root / ".ci").mkdir(parents=True)
    shutil.copy(REPO / ".ci" / "run", root / ".ci" / "run")
    report = tmp_path / "seen"
    (root / "Makefile").write_text(
        "test:\n"
        f'\t@echo "$$(command -v python3) $${{VIRTUAL_ENV:-none}} $$(echo $$PATH | cut -d: -f1)"'
        f" > {report}\n"
        "\t@exit $${FAKE_RC:-0}\n",
        encoding="utf-8",
    )
    env = _env(fake_venv / "bin", VIRTUAL_ENV=str(fake_venv))
    out = subprocess.run(["bash", root / ".ci" / "run"], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    python3, virtual_env, first_on_path = report.read_text(encoding="utf-8").split()
    assert virtual_env == "none"
    assert first_on_path == "/usr/bin"
    if Path("/usr/bin/python3").exists():
        assert python3 == "/usr/bin/python3"
    out = subprocess.run(
        ["bash", root / ".ci" / "run"], env={**env, "FAKE_RC": "5"}, capture_output=True
    )
    assert out.returncode != 0


def test_the_readme_quick_start_tells_the_truth_about_the_venv_and_the_port():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme[readme.index("## Quick start") : readme.index("## Dashboard")]
    for needle in ("make run PORT=8080", ".venv/", "chromium-driver", "fonts-dejavu-core"):
        assert needle in quick_start, needle
    assert ".venv/" in (REPO / ".gitignore").read_text(encoding="utf-8").split()


def test_every_serial_test_is_where_make_test_runs_them():
    marked = {
        path.relative_to(REPO).parts[:2]
        for path in (REPO / "tests").rglob("test_*.py")
        if re.search(r"pytest\.mark\.serial\b", path.read_text(encoding="utf-8"))
    }
    assert marked == {("tests", "web")}  # the Makefile's SERIAL_TESTS
