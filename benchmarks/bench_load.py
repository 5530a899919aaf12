"""Load benchmark: `syria-map serve` with 1 and 4 workers, each with and without 64 slow
clients (sockets trickling a request's headers a byte a second), under 20 concurrent clients
that load the page and its layout (GET / and GET /_dash-layout, alternately, keep-alive).

Prints throughput (requests a second), p50 and p99 latency and errors per configuration.
Bounded: loopback only, a fixed number of clients, each configuration runs `--seconds` (20).

Usage: python benchmarks/bench_load.py [--seconds 20] [--clients 20] [--slow 64]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support import free_port

HOST = "127.0.0.1"
PATHS = ("/", "/_dash-layout")
TARGETS = {  # (limit, unit, comparison): what issue 13 asks of the server under slow clients
    "p99 latency with 64 slow clients, 1 worker": (1000.0, "ms", "<="),
    "p99 latency with 64 slow clients, 4 workers": (1000.0, "ms", "<="),
}


def start(port: int, workers: int) -> subprocess.Popen:
    """`syria-map serve` on the bundled data; returns once the URL is announced."""
    command = [sys.executable, "-m", "dashboard", "serve", "--port", str(port)]
    command += ["--workers", str(workers)]
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=dict(os.environ)
    )
    if not process.stderr.readline():
        raise RuntimeError(f"the server did not start (exit {process.poll()})")
    return process


def warm(port: int, workers: int) -> None:
    """Wait until every worker has loaded the data (each answers /_dash-layout)."""
    deadline = time.monotonic() + 180
    answered = 0
    while answered < 4 * workers:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=30)
            connection.request("GET", "/_dash-layout")
            connection.getresponse().read()
            connection.close()
            answered += 1
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def slow_client(port: int, until: float, held: list) -> None:
    """Open a connection and trickle a request's headers, a byte a second, until `until`."""
    try:
        sock = socket.create_connection((HOST, port), timeout=5)
    except OSError:
        return
    held.append(sock)
    try:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        while time.monotonic() < until:
            sock.sendall(b"X")
            time.sleep(1)
    except OSError:
        return


def client(port: int, until: float, latencies: list, errors: list) -> None:
    """Request the page and its layout in turn on one keep-alive connection until `until`."""
    connection = None
    turn = 0
    while time.monotonic() < until:
        path = PATHS[turn % len(PATHS)]
        turn += 1
        begin = time.perf_counter()
        try:
            if connection is None:
                connection = http.client.HTTPConnection(HOST, port, timeout=10)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"HTTP {response.status}")
            else:
                latencies.append((time.perf_counter() - begin) * 1000)
        except (OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            if connection is not None:
                connection.close()
            connection = None
    if connection is not None:
        connection.close()


def run_load(port: int, seconds: float, clients: int, slow: int) -> dict:
    held: list = []
    slow_until = time.monotonic() + seconds + 3
    slow_threads = [
        threading.Thread(target=slow_client, args=(port, slow_until, held), daemon=True)
        for _ in range(slow)
    ]
    for thread in slow_threads:
        thread.start()
    time.sleep(1.0 if slow else 0)  # the slow clients hold their connections first
    latencies: list[float] = []
    errors: list[str] = []
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(port, until, latencies, errors), daemon=True)
        for _ in range(clients)
    ]
    begin = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    elapsed = time.monotonic() - begin
    for sock in held:
        sock.close()
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "rate": len(latencies) / elapsed,
        "p50": statistics.median(ordered) if ordered else float("nan"),
        "p99": ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0,
        "errors": len(errors),
        "kinds": sorted(set(errors)),
        "slow_held": len(held),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--slow", type=int, default=64)
    args = parser.parse_args()
    results = {}
    print(f"{args.clients} clients, GET {' and '.join(PATHS)} for {args.seconds:g} s each")
    print(f"{'workers':>7} {'slow':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for workers in (1, 4):
        port = free_port()
        process = start(port, workers)
        try:
            warm(port, workers)
            for slow in (0, args.slow):
                result = run_load(port, args.seconds, args.clients, slow)
                results[(workers, slow)] = result
                kinds = f"  ({', '.join(result['kinds'])})" if result["kinds"] else ""
                print(
                    f"{workers:>7} {slow:>5} {result['rate']:>8.1f} {result['p50']:>8.1f} "
                    f"{result['p99']:>8.1f} {result['errors']:>7}{kinds}",
                    flush=True,
                )
        finally:
            stop(process)
    for workers in (1, 4):
        name = f"p99 latency with 64 slow clients, {workers} worker{'s' if workers > 1 else ''}"
        limit, unit, _ = TARGETS[name]
        value = results[(workers, args.slow)]["p99"]
        verdict = "ok" if value <= limit else "MISSED"
        print(f"{name}: {value:.1f} {unit} (target <= {limit:g} {unit}) {verdict}")


if __name__ == "__main__":
    main()
