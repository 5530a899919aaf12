"""`syria-map serve` for real: the port, the announcement, settings in workers, slow clients."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from support import free_port

from dashboard.settings import Settings, worker_environ, worker_settings


def _serve(port: int, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    command = [sys.executable, "-m", "dashboard", "serve", "--port", str(port), *args]
    return subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )


def _announced(process: subprocess.Popen, timeout: float = 90) -> str:
    """The first line the server writes to stderr (it names the URL)."""
    line = process.stderr.readline().decode()
    assert line, f"no announcement; exit code {process.poll()}"
    return line


def _get(url: str, timeout: float = 30) -> bytes:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    return err.decode()


def test_the_worker_environment_gives_back_exactly_the_settings():
    settings = Settings(data=("a.csv", "b.csv")).with_values(
        reach_km=25.5, event_window_days=9, max_upload_mb=3.0, upload_dir="/x", play_interval_ms=80
    )
    assert worker_settings(worker_environ(settings)) == settings


def test_a_database_url_reaches_the_workers_whole_though_it_holds_the_path_separator():
    url = "postgresql://me@db.example:5432/syria?sslmode=require#public.events"
    settings = Settings(data=("a.csv", url)).with_values(store="postgresql://me@db.example/s")
    assert worker_settings(worker_environ(settings)) == settings


def test_the_url_is_announced_once_the_port_listens_with_no_development_warning():
    port = free_port()
    process = _serve(port)
    try:
        line = _announced(process)
        assert line.strip() == f"syria-map: dashboard at http://127.0.0.1:{port}/"
        socket.create_connection(("127.0.0.1", port), timeout=2).close()  # listening already
        assert b"Syria control map" in _get(f"http://127.0.0.1:{port}/")
    finally:
        err = _stop(process)
    assert "development server" not in err and "Traceback" not in err


def test_a_busy_port_fails_at_once_with_one_line_and_no_announcement():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _serve(port)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err.decode().strip() == (
        f"syria-map: error: port {port} on 127.0.0.1 is in use; choose another with --port"
    )


def test_settings_from_flags_and_variables_reach_every_worker():
    port = free_port()
    env = {"SYRIA_MAP_PLAY_INTERVAL_MS": "250"}
    process = _serve(port, "--workers", "2", "--max-upload-mb", "3", env=env)
    try:
        assert "(2 workers)" in _announced(process)
        pages = [_get(f"http://127.0.0.1:{port}/").decode() for _ in range(6)]
        layouts = [_get(f"http://127.0.0.1:{port}/_dash-layout").decode() for _ in range(6)]
    finally:
        _stop(process)
    assert all('"play_ms": 250' in page for page in pages)  # whichever worker answered
    assert all("up to 3 MB" in layout for layout in layouts)


def _slow_client(port: int, done: threading.Event, sockets: list) -> None:
    """Open a connection and trickle a request's headers, a byte a second, until `done`."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sockets.append(sock)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    while not done.wait(1):
        try:
            sock.sendall(b"X")
        except OSError:
            return


@pytest.mark.serial  # latencies: run alone, not beside another test process
@pytest.mark.parametrize("workers", ["1", "4"])
def test_64_slow_clients_leave_20_normal_clients_answered_within_a_second(workers):
    port = free_port()
    process = _serve(port, "--workers", workers)
    try:
        _announced(process)
        url = f"http://127.0.0.1:{port}/_dash-layout"
        _get(url, timeout=120)  # every worker loaded
        held, done = [], threading.Event()  # the slow clients hang on until the others are done
        slow = [
            threading.Thread(target=_slow_client, args=(port, done, held), daemon=True)
            for _ in range(64)
        ]
        for thread in slow:
            thread.start()
        time.sleep(1)
        latencies: list[float] = []

        def client() -> None:
            for _ in range(5):
                start = time.monotonic()
                _get(url, timeout=10)
                latencies.append(time.monotonic() - start)

        normal = [threading.Thread(target=client) for _ in range(20)]
        for thread in normal:
            thread.start()
        for thread in normal:
            thread.join(timeout=60)
        assert len(held) == 64 and all(thread.is_alive() for thread in slow)  # still holding
    finally:
        done.set()
        for sock in held:
            sock.close()
        _stop(process)
    assert len(latencies) == 100
    p99 = sorted(latencies)[98]
    assert p99 < 1.0, f"p99 {p99:.2f} s"
