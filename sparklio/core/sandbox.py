"""Run a function on untrusted input in a fresh child process under a memory ceiling and a
deadline, so a hostile file costs at most that much memory and time, and both come back.

A thread cannot be stopped and the memory a parser took rarely returns to the system; a child
process can be killed and its memory goes with it. The child is a new interpreter (this file,
run as a script), not a fork: a fork of the server would carry its address space into the
limit and the locks its other threads hold, and Celery's prefork workers may not start
multiprocessing children at all. It gets no environment (no secrets), its address space is
limited (RLIMIT_AS), and an alarm ends it should the parent die before the deadline. The
function and its arguments must pickle (module-level names, plain values), and the function
must not need Django: the child imports only the function's module.

This file imports nothing from the project, so that it can run as that script.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import resource
import select
import signal
import subprocess
import sys
import tempfile
import time

logger = logging.getLogger(__name__)

# An interpreter and a parser's imports (lxml, pypdf) take about a second; the deadline
# starts when the child says it is ready.
STARTUP_SECONDS = 30.0
_READY = b"R"


class SandboxLimit(Exception):
    """The child hit a limit: ``limit`` is ``"memory"``, ``"time"`` or ``"crash"`` (it died
    without an answer). The message says which in words; it completes "reading the file …"."""

    def __init__(self, message: str, *, limit: str):
        super().__init__(message)
        self.message = message
        self.limit = limit


def run_limited(func, /, *args, memory_bytes: int, timeout: float, **kwargs):
    """``func(*args, **kwargs)`` in a child process with at most ``memory_bytes`` of address
    space, killed after ``timeout`` seconds. Returns its value or raises its exception (pickled
    back), or ``SandboxLimit`` when it ran out of memory, out of time or died."""
    with tempfile.TemporaryFile() as request:
        pickle.dump((sys.path, memory_bytes, timeout), request)
        pickle.dump((func, args, kwargs), request)
        request.seek(0)
        process = subprocess.Popen(  # noqa: S603 (this interpreter and this file, no shell)
            [sys.executable, "-I", os.path.abspath(__file__)],
            stdin=request,
            stdout=subprocess.PIPE,
            env={"LC_ALL": "C.UTF-8"},
            close_fds=True,
        )
    try:
        if _read(process.stdout, 1, deadline=time.monotonic() + STARTUP_SECONDS) != _READY:
            raise _died(process, func, memory_bytes)
        answer = _read(process.stdout, None, deadline=time.monotonic() + timeout)
        if answer is None:
            raise SandboxLimit(f"took longer than {timeout:g} s, the limit", limit="time")
        if not answer:
            raise _died(process, func, memory_bytes)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()
    outcome, value = pickle.loads(answer)  # noqa: S301 (our own child's answer)
    if outcome == "ok":
        return value
    if outcome == "memory":
        raise SandboxLimit(f"needed more than {_megabytes(memory_bytes)} of memory, the limit", limit="memory")
    raise value


def _read(stream, size: int | None, *, deadline: float) -> bytes | None:
    """``size`` bytes (all until EOF when None) from a pipe, or None at the deadline."""
    chunks: list[bytes] = []
    received = 0
    fd = stream.fileno()
    while size is None or received < size:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            return None
        chunk = os.read(fd, 1 << 20 if size is None else size - received)
        if not chunk:
            break
        chunks.append(chunk)
        received += len(chunk)
    return b"".join(chunks)


def _died(process: subprocess.Popen, func, memory_bytes: int) -> SandboxLimit:
    try:
        code = process.wait(timeout=1)
    except subprocess.TimeoutExpired:
        code = None
    logger.warning("sandboxed %s died with exit code %s", func.__qualname__, code)
    # Under an address-space limit a crash in C code (lxml, zlib) is most often an allocation
    # that failed and was not checked.
    return SandboxLimit(
        f"stopped without an answer (out of memory under the {_megabytes(memory_bytes)} limit, or a crash)",
        limit="crash",
    )


def _child() -> None:
    """The child's side: limits first, then the call, then one pickled answer on stdout."""
    # The answer goes out on the real stdout alone: anything the function prints goes to stderr.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    stdin = sys.stdin.buffer
    path, memory_bytes, timeout = pickle.load(stdin)  # noqa: S301 (written by the parent)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.path[:] = path
    try:
        func, args, kwargs = pickle.load(stdin)  # noqa: S301 (imports the function's module)
    except MemoryError:
        return  # the imports alone do not fit: the parent reports a crash
    # The parent kills the child at the deadline; should the parent die first (a worker killed
    # mid-task), the alarm's default action still ends the child soon after.
    signal.alarm(math.ceil(timeout) + 1)
    out.write(_READY)
    out.flush()
    try:
        result = ("ok", func(*args, **kwargs))
    except MemoryError:
        result = ("memory", None)
    except Exception as exc:  # handed to the parent, which raises it there
        # C libraries report a failed allocation in their own words (lxml: "unknown error"
        # from the XML parser): an error met with the address space at its ceiling is that.
        result = ("memory", None) if _peak_bytes() >= 0.95 * memory_bytes else ("error", exc)
    try:
        answer = pickle.dumps(result)
    except MemoryError:
        answer = pickle.dumps(("memory", None))
    except Exception as exc:  # an exception or value that does not pickle
        answer = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    out.write(answer)
    out.flush()


def _peak_bytes() -> int:
    """The most address space this process has held (Linux), 0 where that is unknown."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


if __name__ == "__main__":
    _child()
