"""The worker processes that run the queries, and what they send back (``Answer``).

A query runs in one of a few worker processes, never in the server: an Oxigraph query cannot be
cancelled from another thread, so one that overruns the timeout is ended by killing its worker,
which is replaced in the background. The workers' own code is in :mod:`newsprov.serve.worker`.
"""
from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from ..errors import NewsprovError
from ..graph.base import is_remote
from .defaults import DEFAULT_MEMORY, WORKER_START


@dataclass
class Answer:
    """What a worker sends back: an HTTP status, a content type, a body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str, headers: dict[str, str] | None = None) -> "Answer":
        return cls(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"), headers or {})


@dataclass(eq=False)  # each worker is itself: kept in a set
class _Worker:
    process: object
    connection: object


class WorkerPool:
    """Worker processes that answer jobs; one that overruns the timeout is killed and replaced."""

    def __init__(self, location: Path | str, size: int, timeout: float, limit: int,
                 memory: int | None = DEFAULT_MEMORY):
        self.location, self.size, self.timeout, self.limit = location, size, timeout, limit
        self.memory = memory
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        try:
            starting = [self._spawn() for _ in range(size)]
            for worker in starting:
                self._await_ready(worker, raise_errors=True)
        except BaseException:
            self.close()
            raise

    def _spawn(self) -> _Worker:
        """A new worker: a fresh interpreter, not multiprocessing's fork (a forked child of a
        threaded server holding a RocksDB store can hang) nor its spawn (which runs the
        caller's main module again). It talks over a socket pair, and runs in a session of its
        own so that the terminal's Ctrl-C reaches the server only, which ends the workers."""
        mine, theirs = socket.socketpair()
        settings = {"fd": theirs.fileno(), "location": str(self.location),
                    "remote": is_remote(self.location), "limit": self.limit, "memory": self.memory}
        package_root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", "from newsprov.serve.worker import main; main()",
                 json.dumps(settings)],
                # a worker that runs out of memory aborts with a Rust backtrace: the server says it in one line
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        finally:
            theirs.close()
        worker = _Worker(process, Connection(mine.detach()))
        with self._lock:
            self._live.add(worker)
        return worker

    def _await_ready(self, worker: _Worker, raise_errors: bool = False) -> None:
        try:
            ready = worker.connection.poll(WORKER_START)
            status, message, code = worker.connection.recv() if ready else ("failed", "did not start in time", 70)
        except (EOFError, OSError):
            status, message, code = "failed", "stopped while starting", 70
        if status == "ready" and not self._closed:
            self._idle.put(worker)
            return
        self._stop(worker)
        if self._closed:
            return
        if raise_errors:
            error = NewsprovError(f"the query workers cannot start: {message}")
            error.exit_code = code if code in (3, 4) else 70
            raise error
        if status != "ready":
            print(f"newsprov serve: a replacement worker failed: {message}", file=sys.stderr)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background."""
        self._stop(worker)
        if not self._closed:
            threading.Thread(target=lambda: self._await_ready(self._spawn()), daemon=True).start()

    def _stop(self, worker: _Worker) -> None:
        with self._lock:
            self._live.discard(worker)
        if worker.process.poll() is None:
            worker.process.kill()
        try:
            worker.process.wait(5)
        except Exception:  # noqa: BLE001 - a worker that will not die is the kernel's now
            pass
        worker.connection.close()

    def run(self, job: dict) -> Answer:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer.text(503, f"all {self.size} query workers stayed busy for {self.timeout:g} s; "
                                    f"try again in a moment", {"Retry-After": "1"})
        started = time.monotonic()
        try:
            worker.connection.send(job)
            if worker.connection.poll(self.timeout):
                answer = worker.connection.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError):
            try:
                code = worker.process.wait(5)
            except Exception:  # noqa: BLE001 - still running: it is killed below
                code = None
            self._replace(worker)
            if code == -signal.SIGABRT and self.memory:
                return Answer.text(503, f"the query needed more memory than a worker may use ({self.memory} MiB, "
                                        f"--memory); narrow it (LIMIT, more specific patterns) or restart the "
                                        f"server with a larger --memory", {"Retry-After": "1"})
            return Answer.text(503, "the worker answering this request stopped; a new one is starting",
                               {"Retry-After": "1"})
        self._replace(worker)
        return Answer.text(503, f"stopped after {time.monotonic() - started:.1f} s: the server's limit is "
                                f"{self.timeout:g} s a request (--timeout); narrow the query (LIMIT, more "
                                f"specific patterns) or restart the server with a larger --timeout",
                           {"Retry-After": "1"})

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._live)
        for worker in workers:
            self._stop(worker)
