"""The bounded child process that reads untrusted files: its value and errors come back, and
a function that wants too much memory or time is stopped, the process gone."""

import os
import signal
import time

import pytest

from sparklio.core.sandbox import SandboxLimit, run_limited

MB = 1024 * 1024


def add(a, b, *, times=1):
    return (a + b) * times


def refuse(message):
    raise LookupError(message)


def hungry(megabytes):
    blocks = [bytearray(MB) for _ in range(megabytes)]
    return len(blocks)


def stall(pid_file):
    with open(pid_file, "w") as out:
        out.write(str(os.getpid()))
    time.sleep(60)


def die():
    os.kill(os.getpid(), signal.SIGSEGV)


def gone(pid: int) -> bool:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_the_value_and_the_functions_own_errors_come_back():
    assert run_limited(add, 2, 3, times=2, memory_bytes=512 * MB, timeout=30) == 10
    with pytest.raises(LookupError, match="no such part"):
        run_limited(refuse, "no such part", memory_bytes=512 * MB, timeout=30)


def test_memory_over_the_limit_is_refused_and_the_child_only_pays():
    assert run_limited(hungry, 20, memory_bytes=512 * MB, timeout=30) == 20
    with pytest.raises(SandboxLimit) as caught:
        run_limited(hungry, 600, memory_bytes=400 * MB, timeout=30)
    assert caught.value.limit == "memory" and "400 MB" in str(caught.value)


def test_a_child_past_its_deadline_is_killed(tmp_path):
    pid_file = tmp_path / "pid"
    started = time.monotonic()
    with pytest.raises(SandboxLimit) as caught:
        run_limited(stall, str(pid_file), memory_bytes=512 * MB, timeout=1)
    assert caught.value.limit == "time" and "longer than 1 s" in str(caught.value)
    assert time.monotonic() - started < 10
    assert gone(int(pid_file.read_text()))


def test_a_child_that_dies_is_reported_not_waited_for():
    with pytest.raises(SandboxLimit) as caught:
        run_limited(die, memory_bytes=512 * MB, timeout=30)
    assert caught.value.limit == "crash"


def spin(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "done"


def test_a_busy_child_is_also_held_to_its_cpu_time(tmp_path):
    # The backstop for a child whose parent died: CPU time past the deadline kills it.
    from sparklio.core import sandbox

    receiver, sender = sandbox._context.Pipe(duplex=False)
    process = sandbox._context.Process(target=sandbox._child, args=(sender, 512 * MB, 0.5, spin, (30,), {}))
    started = time.monotonic()
    process.start()
    sender.close()
    process.join(20)
    assert not process.is_alive() and process.exitcode == -signal.SIGXCPU
    assert time.monotonic() - started < 10
    receiver.close()
