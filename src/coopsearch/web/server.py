"""Serving with waitress: one listening socket shared by several processes of threads."""
from __future__ import annotations

import os
import signal
import socket
import sys
from collections.abc import Callable
from types import FrameType

import waitress
from flask import Flask


# Requests are small GETs: refuse big headers (431) and bodies (413) before the app sees them.
LIMITS = {"max_request_header_size": 64 * 1024, "max_request_body_size": 64 * 1024}


def serve(
    app: Flask, host: str, port: int, threads: int = 8, processes: int = 1, after_fork: Callable[[], None] | None = None
) -> None:
    """Serve `app` until interrupted; `processes` > 1 forks workers that share the socket (each
    calls `after_fork` first).

    Python runs one thread at a time per process, so on a machine with several cores one
    process per core answers more requests per second than more threads in one process.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=2048)

    def run() -> None:
        waitress.serve(app, sockets=[sock], threads=threads, ident="coopsearch", **LIMITS)

    children: list[int] = []
    for _ in range(processes - 1):
        pid = os.fork()
        if pid == 0:  # a worker: serve until the parent tells it to stop
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            if after_fork is not None:
                after_fork()
            run()
            os._exit(0)
        children.append(pid)

    def stop(signum: int, frame: FrameType | None) -> None:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        run()
    except KeyboardInterrupt:
        pass
    stop(signal.SIGINT, None)
