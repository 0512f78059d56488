"""Process memory from /proc, and `coopsearch serve` under load: shared by the speed and soak benchmarks."""
from __future__ import annotations

import contextlib
import http.client
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def status_kb(pid: int | str, key: str) -> int:
    """A memory line of /proc/PID/status in KiB (VmHWM: peak RSS, VmRSS: current RSS); 0 if gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """`pid` and all its descendant processes (from /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parents.get(p, []))
    return out


def pss_kb(pid: int) -> int:
    """Proportional set size of a process (shared pages split between their users), KiB."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, timeout: float = 60.0) -> int:
    """GET a path from 127.0.0.1:port; the HTTP status."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


@dataclass
class Server:
    """A running `coopsearch serve`: its process, port and how long it took to answer."""

    proc: subprocess.Popen
    port: int
    ready_seconds: float

    def pids(self) -> list[int]:
        """The server and its forked workers."""
        return descendants(self.proc.pid)


@contextlib.contextmanager
def serving(index_dir: Path, *extra: str) -> Iterator[Server]:
    """`coopsearch serve` on a free port, ready (first search answered) when yielded; stopped after."""
    port = free_port()
    cmd = [sys.executable, "-m", "coopsearch", "serve", "--index", str(index_dir), "--port", str(port), *extra]
    # stderr to a file, not a pipe: under load waitress logs queue warnings, and a full pipe nobody
    # reads would block the server.
    errors = tempfile.TemporaryFile()
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT)
    try:
        started = time.monotonic()
        while True:  # wait for the port, then for the first search (snapshot build)
            if server.poll() is not None:
                errors.seek(0)
                raise RuntimeError(f"coopsearch serve exited: {errors.read().decode()[-1000:]}")
            try:
                status = get(port, "/api/search?q=", timeout=120.0)
                break
            except OSError:
                if time.monotonic() - started > 120:
                    raise RuntimeError("coopsearch serve did not answer within 120 s") from None
                time.sleep(0.2)
        if status != 200:
            raise RuntimeError(f"/api/search answered {status}")
        yield Server(server, port, round(time.monotonic() - started, 2))
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        errors.close()


@dataclass
class Load:
    """What the clients saw: latencies (ms), answers by status (or exception name), wall time."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        """Requests not answered 200."""
        return len(self.latencies) - self.statuses.get("200", 0)


def hammer(port: int, urls: Sequence[str], seconds: float, clients: int) -> Load:
    """`clients` threads with keep-alive connections GET `urls` round-robin for `seconds`."""
    for path in urls[: min(len(urls), 20)]:  # warm-up
        get(port, path)
    load = Load()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = k * 7
        mine, codes = [], {}
        while time.monotonic() < deadline:
            path = urls[i % len(urls)]
            i += 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                code = str(resp.status)
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            except (OSError, http.client.HTTPException) as e:
                code = type(e).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - t0) * 1000.0)
            codes[code] = codes.get(code, 0) + 1
        conn.close()
        with lock:
            load.latencies.extend(mine)
            for c, v in codes.items():
                load.statuses[c] = load.statuses.get(c, 0) + v

    t_start = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    load.seconds = time.monotonic() - t_start
    return load
