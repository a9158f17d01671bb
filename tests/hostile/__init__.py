"""Hostile input: fuzzing and fault tests of the readers, the validator and the web server.

Helpers shared by the test modules live here: counting the cases each test
tries, a time limit for one case, a raw HTTP client that sends bytes exactly
as given, and the checks every answer must pass.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).with_name("corpus")
ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "jargraph" / "data"
QUERIES = ROOT / "src" / "jargraph" / "queries"

QUERY_TIMEOUT = 2.0
"""The time limit of the server under attack."""
HANG_LIMIT = QUERY_TIMEOUT * 2 + 40.0
"""Most seconds any one HTTP answer may take: the time limit twice (waiting for a worker,
then running), plus a margin for starting a replacement worker on a loaded machine."""
CASE_LIMIT = 60.0
"""Most seconds one reader or validator case may take before it counts as a hang."""

CASES: Counter[str] = Counter()
"""Cases tried by each test, by test name; printed at the end of the session."""
_cases_lock = threading.Lock()


NOTES: list[str] = []
"""Things worth knowing that are not failures (e.g. how the cases ended); printed too."""


def count_case(name: str, n: int = 1) -> None:
    """Record that the test called ``name`` tried ``n`` more cases."""
    with _cases_lock:
        CASES[name] += n


def note(text: str) -> None:
    """Keep one line for the end-of-session summary (each distinct line once)."""
    with _cases_lock:
        if text not in NOTES:
            NOTES.append(text)


class CaseTimeout(AssertionError):
    """One case ran past its time limit (a hang, as far as these tests are concerned)."""


@contextlib.contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Fail with CaseTimeout when the block runs longer than ``seconds`` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise CaseTimeout(f"{what} did not finish within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------- raw HTTP


@dataclass
class Answer:
    """One HTTP answer, as read off the socket."""

    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float
    request: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def raw_exchange(base: str, data: bytes, *, half_close: bool = False,
                 timeout: float = HANG_LIMIT, label: str = "") -> Answer:
    """Send ``data`` as it is to the server at ``base`` (``http://127.0.0.1:PORT``) and read
    the answer until the server closes; ``half_close`` shuts the sending side afterwards."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    assert host == "127.0.0.1", "these tests talk to loopback only"
    started = time.monotonic()
    deadline = started + timeout
    chunks: list[bytes] = []
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        try:
            sock.sendall(data)
            if half_close:
                sock.shutdown(socket.SHUT_WR)
        except OSError:  # the server may answer and close before reading everything
            pass
        while time.monotonic() < deadline:
            sock.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            except OSError:  # reset after the answer was sent
                break
            if not chunk:
                break
            chunks.append(chunk)
            if _complete(b"".join(chunks)):
                break
    seconds = time.monotonic() - started
    raw = b"".join(chunks)
    assert raw, f"no answer at all within {seconds:.1f} s to {label or data[:80]!r}"
    return _parse(raw, seconds, label or data[:200].decode("latin-1"))


def _complete(raw: bytes) -> bool:
    """True when ``raw`` holds a whole answer with a Content-Length."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value.strip() or 0)
    return False


def _parse(raw: bytes, seconds: float, label: str) -> Answer:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    assert len(parts) >= 2 and parts[0].startswith("HTTP/"), f"not HTTP: {raw[:200]!r}"
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _unchunk(body)
    elif "content-length" in headers:
        body = body[: int(headers["content-length"])]
    return Answer(int(parts[1]), headers, body, seconds, label)


def _unchunk(body: bytes) -> bytes:
    out, rest = [], body
    for _ in range(1_000_000):
        size_line, sep, rest = rest.partition(b"\r\n")
        if not sep:
            break
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out.append(rest[:size])
        rest = rest[size + 2:]
    return b"".join(out)


def request(base: str, method: str, target: str, *, body: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = HANG_LIMIT) -> Answer:
    """One HTTP/1.1 request with the target sent byte for byte (UTF-8 if it is not ASCII)."""
    host = base.removeprefix("http://")
    sent = {"Host": host, "Connection": "close", **(headers or {})}
    if body is not None and not any(k.lower() == "content-length" for k in sent):
        sent["Content-Length"] = str(len(body))
    lines = [f"{method} {target} HTTP/1.1", *(f"{k}: {v}" for k, v in sent.items())]
    data = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "surrogateescape") + (body or b"")
    return raw_exchange(base, data, timeout=timeout, label=f"{method} {target[:200]}")


# ---------------------------------------------------------------- what every answer must be


CRASH_MESSAGE = "the query engine failed on this query; the server is still running"
"""The one documented 500: a query that killed its worker process."""
TRACEBACK_SIGNS = ("Traceback (most recent call last)", 'File "/', "site-packages", ".py\", line")


def assert_no_traceback(answer: Answer) -> None:
    """No stack trace, source path or Python internals in what the client sees."""
    for sign in TRACEBACK_SIGNS:
        assert sign not in answer.text, (
            f"{answer.request}: the answer {answer.status} shows Python internals "
            f"({sign!r}):\n{answer.text[:2000]}")


def assert_answered(answer: Answer, allowed: set[int], *, crash_ok: bool = False) -> None:
    """The status is one of ``allowed`` (a 500 only as the documented crash, when
    ``crash_ok``), it came within the hang limit, and no traceback shows."""
    assert answer.seconds < HANG_LIMIT, f"{answer.request}: took {answer.seconds:.1f} s"
    assert_no_traceback(answer)
    if answer.status == 500 and crash_ok:
        assert CRASH_MESSAGE in answer.text, (
            f"{answer.request}: a 500 that is not the documented engine crash:\n"
            f"{answer.text[:2000]}")
        return
    assert answer.status in allowed, (
        f"{answer.request}: status {answer.status}, expected one of {sorted(allowed)}:\n"
        f"{answer.text[:2000]}")
    if answer.status >= 400:
        assert answer.text.strip(), f"{answer.request}: a {answer.status} without a message"
