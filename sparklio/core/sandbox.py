"""Run a function on untrusted input in a fresh child process under a memory ceiling and a
deadline, so a hostile file costs at most that much memory and time, and both come back.

A thread cannot be stopped and memory freed by a parser rarely returns to the system; a child
process can be killed and its memory is gone with it. Children are forked from a small
forkserver (not from the server: a fork of daphne would carry its address space into the
limit and the locks its other threads hold), which preloads the parser's module so each run
starts in milliseconds. The function and its arguments must pickle (module-level names,
plain values); the function must not need Django.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import resource
import threading

logger = logging.getLogger(__name__)

_context = multiprocessing.get_context("forkserver")
_preloaded: set[str] = {__name__}
_preload_lock = threading.Lock()


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
    _preload(func.__module__)
    receiver, sender = _context.Pipe(duplex=False)
    process = _context.Process(
        target=_child, args=(sender, memory_bytes, timeout, func, args, kwargs), name="sandbox", daemon=True
    )
    process.start()
    sender.close()  # the child holds the only writer: EOF then means it died
    try:
        if not receiver.poll(timeout):
            raise SandboxLimit(f"took longer than {timeout:g} s, the limit", limit="time")
        try:
            outcome, value = receiver.recv()
        except EOFError:
            process.join(1)
            logger.warning("sandboxed %s died with exit code %s", func.__qualname__, process.exitcode)
            # Under an address-space limit a crash in C code (lxml, zlib) is most often an
            # allocation that failed and was not checked.
            raise SandboxLimit(
                f"stopped without an answer (out of memory under the {_megabytes(memory_bytes)} limit, or a crash)",
                limit="crash",
            ) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        process.close()
        receiver.close()
    if outcome == "ok":
        return value
    if outcome == "memory":
        raise SandboxLimit(f"needed more than {_megabytes(memory_bytes)} of memory, the limit", limit="memory")
    raise value


def _child(sender, memory_bytes: int, timeout: float, func, args, kwargs) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # The parent kills the child at the deadline; should the parent die first (a worker
    # killed mid-task), the CPU limit still ends a busy child soon after it.
    seconds = math.ceil(timeout) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        result = ("ok", func(*args, **kwargs))
    except MemoryError:
        result = ("memory", None)
    except Exception as exc:  # handed to the parent, which raises it there
        # C libraries report a failed allocation in their own words (lxml: "unknown error"
        # from the XML parser): an error met with the address space at its ceiling is that.
        result = ("memory", None) if _peak_bytes() >= 0.95 * memory_bytes else ("error", exc)
    try:
        sender.send(result)
    except MemoryError:
        sender.send(("memory", None))
    except Exception as exc:  # an exception or value that does not pickle
        sender.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        sender.close()


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


def _preload(module: str) -> None:
    """Have the forkserver import ``module`` before it forks (only takes effect before the
    forkserver starts; later modules are imported by each child)."""
    with _preload_lock:
        if module in _preloaded:
            return
        _preloaded.add(module)
        _context.set_forkserver_preload(sorted(_preloaded))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
