"""Worker processes: forked only where that is safe, and ended when the process that
started them is gone.

The build converts documents, and writes the search index and the dumps, in forked
processes; the web server runs each query in a worker process. A worker whose parent
was killed (or ran out of memory) would otherwise wait for work forever, holding the
build's output or the store open.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor


def forked_pool(jobs: int | None, tasks: int) -> ProcessPoolExecutor | None:
    """Worker processes for ``tasks`` pieces of work (``jobs`` of them, by default one per
    core), or None where they are not worth it or not safe: forked workers are used only
    from a single-threaded process (forking a process with threads can deadlock);
    otherwise the work goes one piece at a time."""
    jobs = min(jobs or os.cpu_count() or 1, tasks)
    if jobs <= 1 or threading.active_count() > 1:
        return None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=exit_with_parent, initargs=(os.getpid(),))


def exit_with_parent(parent: int, status: int = 1) -> None:
    """End this process (with ``status``) once ``parent`` is no longer its parent."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(status)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
