"""Worker processes are forked only where that is safe, and end with the process that
started them."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from jargraph.processes import forked_pool

ORPHANED = """
import os
from jargraph.processes import forked_pool
pool = forked_pool(2, 2)
worker = pool.submit(os.getpid).result()
print(worker, flush=True)
os._exit(9)  # killed, as by the OOM killer: no clean-up of the pool
"""


def test_no_pool_for_one_piece_of_work_or_one_job() -> None:
    assert forked_pool(None, 1) is None
    assert forked_pool(1, 10) is None


def test_no_fork_from_a_process_with_threads() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert forked_pool(2, 10) is None
    finally:
        stop.set()
        thread.join()


def test_a_worker_ends_when_its_parent_is_killed() -> None:
    done = subprocess.run([sys.executable, "-c", ORPHANED], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 9, done.stderr
    worker = int(done.stdout.split()[-1])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.1)
    assert not _alive(worker), f"worker {worker} outlived the process that forked it"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie has ended; only its exit status is left for init to collect
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
