"""The bounded child process that reads untrusted files: its value and errors come back, and
a function that wants too much memory or time is stopped, the process gone."""

import os
import signal
import subprocess
import sys
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


def gone(pid: int, within: float = 5) -> bool:
    deadline = time.monotonic() + within
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


def chatty():
    print("a parser that prints")
    return "answer"


def test_what_the_function_prints_does_not_spoil_the_answer():
    assert run_limited(chatty, memory_bytes=512 * MB, timeout=30) == "answer"


def test_the_child_gets_no_secrets_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "do-not-leak")

    assert run_limited(os.getenv, "DJANGO_SECRET_KEY", memory_bytes=512 * MB, timeout=30) is None


def test_a_child_outlives_a_killed_parent_only_until_its_deadline(tmp_path):
    pid_file = tmp_path / "pid"
    script = (
        f"import sys; sys.path[:0] = {sys.path!r}\n"
        "from sparklio.core.sandbox import run_limited\n"
        "from sparklio.core.tests.test_sandbox import stall\n"
        f"run_limited(stall, {str(pid_file)!r}, memory_bytes=512 * 1024 * 1024, timeout=2)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline and parent.poll() is None
        time.sleep(0.1)
    parent.kill()  # a worker SIGKILLed mid-task: nobody is left to kill the child
    parent.wait()

    assert gone(int(pid_file.read_text()), within=15)


def _in_a_daemonic_process(results):
    results.put(run_limited(add, 1, 2, memory_bytes=512 * MB, timeout=30))


def test_it_runs_inside_a_celery_prefork_worker():
    # Celery's prefork pool runs tasks in daemonic billiard processes, which multiprocessing
    # forbids to have children of their own.
    import billiard

    results = billiard.Queue()
    worker = billiard.Process(target=_in_a_daemonic_process, args=(results,), daemon=True)
    worker.start()
    try:
        assert results.get(timeout=60) == 3
    finally:
        worker.join(10)
