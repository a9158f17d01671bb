"""How much the SPARQL endpoint adds to a query, and how much it serves.

Prints, measured in one run on this machine, for the seed graph (data/) and a
synthetic graph (default 1,000 JAR reports, see synthetic.py):

- for every named query (queries/*.rq, with its example's parameters): the
  median time of the query run directly on pyoxigraph in this process (the
  baseline: ``store.run_query``, which serialises the same results), the
  median and 95th percentile through the real server (``jargraph serve``:
  waitress, Flask, query workers; ``POST /sparql``), and their ratio; then the
  median of the ratios and the ratio of the summed medians, against the
  target (endpoint overhead: median under 1.5x);
- where the overhead goes: the fixed cost of one request (``ASK {}``
  directly, through a pool of query workers, through the Flask app's test
  client and over HTTP) and, per query, columns measured in this process: the
  query with the server's row limit (as a query worker runs it), the worker's
  SERVICE check on the query text alone, and the query through a pool of
  query workers (no Flask, no HTTP), and the query over HTTP to the same Flask
  app and waitress in this process with the query run in the request's own
  thread ("in-thread"): the least any design that keeps Flask and waitress
  could add, since it has no worker process and so no time limit that holds;
- throughput with 1 and 8 concurrent keep-alive clients, and their ratio;
- peak memory (VmHWM) of the server process and of each of its children,
  sampled through the run so that replaced workers count too.

Modes are interleaved in each round, so a busy machine slows them alike. A
query the server stops at its time limit is listed but not timed. Slow
queries (over a quarter of a second) get one warm-up and no +limit and pool
columns, and every query stops repeating once its timed runs add up to
``--budget`` seconds. Graphs are built without SHACL validation (it only
keeps invalid documents out, and it is not what is measured here). The
synthetic graph is kept under ``benchmarks/out/graphs/`` and reused while the
reports, the build code and its inputs are unchanged (``--fresh`` builds it
again): building 1,000 reports takes about five minutes on two cores, and the
measurements about as long again. The lines printed also go to
``benchmarks/out/endpoint-DATE.txt``.

    python benchmarks/endpoint_benchmark.py               # seed and 1,000 reports
    python benchmarks/endpoint_benchmark.py --quick       # seed and 100 reports, fewer runs
    python benchmarks/endpoint_benchmark.py --reports 300 --repeat 10
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
GRAPHS = OUT / "graphs"
HOST = "127.0.0.1"
SPARQL_JSON = "application/sparql-results+json"
TURTLE = "text/turtle"
HEADERS = {"Content-Type": "application/sparql-query", "Accept": SPARQL_JSON}
TARGET = 1.5
"""Endpoint overhead target: the median of per-query HTTP/direct ratios stays under this."""
FLOOR_QUERY = "ASK {}"
"""A query with no work, to show the fixed cost of one request."""
SLOW = 0.25
"""Seconds over which a query gets one warm-up and no +limit and pool columns."""
FAST = 0.05
"""Seconds under which a query's columns go into the sums of where the overhead goes
(above it, the engine's run-to-run spread hides the steps)."""
SERVER = "import sys; from jargraph.cli import main; sys.exit(main())"
START_LIMIT = 120.0
STOP_LIMIT = 20.0
MODES = ("direct", "limited", "check", "pool", "in-thread", "http")


class Output:
    """Prints lines and keeps them for the results file."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(self.lines) + "\n", encoding="utf-8")


@dataclass
class Timing:
    """Latencies of one query in one mode, in seconds."""

    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else math.nan

    @property
    def p95(self) -> float:
        """95th percentile, nearest rank."""
        if not self.samples:
            return math.nan
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class QueryResult:
    """Everything measured for one named query on one graph."""

    name: str
    timings: dict[str, Timing]
    rows: str = "-"
    size: int = 0
    notes: list[str] = field(default_factory=list)
    failed: bool = False

    def median(self, mode: str) -> float:
        return self.timings[mode].median if mode in self.timings else math.nan

    @property
    def ratio(self) -> float:
        return self.median("http") / self.median("direct")


class Failed(Exception):
    """One run of a query did not give an answer."""


# ---------------------------------------------------------------- the server


def free_port() -> int:
    """A port on the loopback address that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Client:
    """One keep-alive HTTP connection to the endpoint."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=300)

    def post(self, sparql: str) -> tuple[int, bytes, bool]:
        """Status, body and whether the server cut the rows; reconnects once if dropped."""
        for attempt in range(2):
            try:
                self.conn.request("POST", "/sparql", body=sparql.encode(), headers=HEADERS)
                response = self.conn.getresponse()
                body = response.read()
                truncated = response.getheader("X-JARGRAPH-Truncated") == "true"
                return response.status, body, truncated
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=300)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.conn.close()


class Server:
    """``jargraph serve`` on a free loopback port, in its own process."""

    def __init__(self, home: Path, log: Path, *, workers: int, threads: int,
                 row_limit: int, timeout: float, extra: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.log = log
        env = {k: v for k, v in os.environ.items() if not k.startswith("JARGRAPH_")}
        with open(log, "wb") as handle:
            self.process = subprocess.Popen(
                [sys.executable, "-c", SERVER, "serve", "--host", HOST,
                 "--port", str(self.port), "--home", str(home),
                 "--workers", str(workers), "--threads", str(threads),
                 "--row-limit", str(row_limit), "--timeout", f"{timeout:g}", *extra],
                stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
            )

    def wait_ready(self) -> float:
        """Seconds until the endpoint answered a query; exits with the log if it never does."""
        start = time.perf_counter()
        deadline = time.monotonic() + START_LIMIT
        while time.monotonic() < deadline and self.process.poll() is None:
            client = Client(self.port)
            try:
                if client.post(FLOOR_QUERY)[0] == 200:
                    return time.perf_counter() - start
            except OSError:
                pass
            finally:
                client.close()
            time.sleep(0.2)
        self.stop()
        sys.exit(f"the server did not answer:\n{self.log.read_text(errors='replace')}")

    def tree(self) -> list[int]:
        """The server's process id and those of all its descendants."""
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rfind(")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
        found, todo = [], [self.process.pid]
        while todo and len(found) < 1000:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def stop(self) -> None:
        """SIGTERM (the server then stops its workers), then kill whatever it left."""
        pids = self.tree() if self.process.poll() is None else [self.process.pid]
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_LIMIT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(STOP_LIMIT)
        deadline = time.monotonic() + STOP_LIMIT
        for pid in pids[1:]:
            while alive(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def alive(pid: int) -> bool:
    """True while ``pid`` is a running (not zombie) process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"


def memory(pid: int) -> tuple[str, float, float]:
    """What the process is, its peak (VmHWM) and current (VmRSS) resident memory in MiB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "gone", math.nan, math.nan
    if not cmdline:
        return "gone", math.nan, math.nan  # exiting, or not yet started
    fields = {line.split(":")[0]: line.split()[1:2] for line in status.splitlines()}
    hwm, rss = (int((fields.get(key) or ["0"])[0]) / 1024 for key in ("VmHWM", "VmRSS"))
    if "resource_tracker" in cmdline:
        kind = "multiprocessing resource tracker"
    elif "spawn_main" in cmdline:
        kind = "query worker"
    elif "jargraph.cli" in cmdline:
        kind = "server (waitress, Flask)"
    else:
        kind = cmdline.split(" ", 1)[0].rsplit("/", 1)[-1] or "?"
    return kind, hwm, rss


class MemoryWatch:
    """Samples the server's process tree twice a second, so replaced workers count too."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.peaks: dict[int, tuple[str, float]] = {}
        self.most = 0.0
        """The largest total resident memory of the tree at one sample, MiB."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-watch", daemon=True)
        self._thread.start()

    def sample(self) -> None:
        total = 0.0
        for pid in self.server.tree():
            kind, hwm, rss = memory(pid)
            if math.isnan(hwm) or kind == "gone":
                continue
            total += rss
            self.peaks[pid] = (kind, max(hwm, self.peaks.get(pid, (kind, 0.0))[1]))
        self.most = max(self.most, total)

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


# ---------------------------------------------------------------- graphs


NOT_BUILD = {"__pycache__", "web", "cli.py", "serve.py", "remote.py", "queries.py", "store.py",
             "validate"}
"""Parts of the package that do not decide what an unvalidated build loads."""


def fingerprint(*folders: Path) -> str:
    """A short hash of every file under ``folders``, the package's serving code aside."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("pyoxigraph").encode())
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            parts = path.relative_to(folder.parent).parts
            if path.is_file() and not NOT_BUILD & set(parts):
                digest.update("/".join(parts).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def build_graph(data: Path, home: Path) -> tuple[int, float]:
    """Build ``data`` into ``home``; (triples, seconds)."""
    from jargraph import store
    from jargraph.build import build

    start = time.perf_counter()
    report = build(data, home, bundled=False, validate=False)
    if not store.current_store_path(home).exists():
        sys.exit(f"the build of {data.name} produced no store")
    return report.triples, time.perf_counter() - start


def synthetic_graph(reports: int, tmp: Path, fresh: bool) -> tuple[Path, str]:
    """The home of a built synthetic graph, kept for later runs unless ``fresh``."""
    from synthetic import generate

    import jargraph
    from jargraph import store
    from jargraph.resources import data_dir, ontology_dir

    corpus = tmp / "corpus"
    generate(reports, corpus)
    if fresh:
        triples, seconds = build_graph(corpus, tmp / "home-synthetic")
        return tmp / "home-synthetic", f"{triples:,} triples, built in {seconds:.0f} s"
    key = fingerprint(corpus, Path(jargraph.__file__).parent, data_dir(), ontology_dir())
    home = GRAPHS / f"synthetic-{reports}-{key}"
    stamp = home / "triples"
    if stamp.exists():
        return home, f"{int(stamp.read_text()):,} triples, kept from an earlier run"
    for old in GRAPHS.glob(f"synthetic-{reports}-*"):
        shutil.rmtree(old, ignore_errors=True)
    partial = GRAPHS / f".partial-{reports}-{key}"
    shutil.rmtree(partial, ignore_errors=True)
    triples, seconds = build_graph(corpus, partial)
    shutil.rmtree(store.current_dumps_path(partial).resolve(), ignore_errors=True)
    (partial / "triples").write_text(str(triples))
    os.replace(partial, home)
    return home, f"{triples:,} triples, built in {seconds:.0f} s (kept for later runs)"


# ---------------------------------------------------------------- measurements


def library_queries() -> list[tuple[str, str]]:
    """(name, SPARQL) of every named query, rendered with its example's parameters."""
    from jargraph.named_queries import example_values, load_library

    return [(name, query.render(example_values(query.example)))
            for name, query in load_library().items()]


def describe_body(body: bytes) -> str:
    """Rows of a SELECT, the answer of an ASK, or '-' for RDF."""
    try:
        data = json.loads(body)
    except ValueError:
        return "-"
    if "boolean" in data:
        return str(data["boolean"]).lower()
    return str(len(data.get("results", {}).get("bindings", [])))


def measure_query(name: str, runners: dict[str, Callable[[], object]],
                  args: argparse.Namespace) -> QueryResult:
    """Interleaved rounds of every mode; the first warm-up runs over HTTP first."""
    result = QueryResult(name, {})
    order = ["http", *(m for m in MODES if m != "http")]
    start = time.perf_counter()
    try:
        runners["http"]()
        slow = time.perf_counter() - start > SLOW
        modes = [m for m in order if not slow or m in ("direct", "check", "http")]
        for mode in modes[1:]:
            runners[mode]()
        for _ in range(0 if slow else args.warmup - 1):
            for mode in modes:
                runners[mode]()
    except Failed as exc:
        result.failed = True
        result.notes.append(f"{exc} in a warm-up: not timed")
        return result
    result.timings = {mode: Timing() for mode in modes}
    spent = 0.0
    for number in range(args.repeat):
        for mode in modes if number % 2 else reversed(modes):
            began = time.perf_counter()
            try:
                runners[mode]()
            except Failed as exc:
                result.failed = True
                result.notes.append(f"{mode}: {exc}")
                return result
            elapsed = time.perf_counter() - began
            result.timings[mode].samples.append(elapsed)
            spent += elapsed
        if spent > args.budget:
            break
    runs = len(result.timings["http"].samples)
    if runs < args.repeat:
        result.notes.append(f"{runs} run{'s' if runs > 1 else ''}")
    return result


class InThread:
    """Runs each query in the request's own thread, as a server without query workers
    would (the executor's interface, queries only)."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.opened: dict = {}
        self.lock = threading.Lock()

    def execute(self, sparql: str, select_format: str | None, graph_format: str | None,
                default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (),
                row_limit: int | None = None, timeout: float = 10.0) -> object:
        from jargraph.web.executor import Job, run_job

        job = Job(sparql, select_format, graph_format, tuple(default_graphs),
                  tuple(named_graphs), row_limit)
        if "store" not in self.opened:
            with self.lock:  # the first query opens the store; later ones find it open
                return run_job(job, self.home, (), self.opened)
        return run_job(job, self.home, (), self.opened)

    def close(self) -> None:
        pass


def in_thread_server(home: Path, args: argparse.Namespace) -> tuple[int, Callable[[], None]]:
    """The Flask app over waitress in this process, queries run in the request threads;
    returns its port and how to stop it."""
    import waitress.server

    from jargraph.web import EXECUTOR_KEY, create_app

    app = create_app({"home": home, "timeout": args.timeout, "row_limit": args.row_limit})
    app.extensions[EXECUTOR_KEY] = InThread(home)
    server = waitress.server.create_server(app, host=HOST, port=0, threads=args.threads)
    threading.Thread(target=server.run, daemon=True, name="in-thread-server").start()
    return int(server.effective_port), server.close  # type: ignore[union-attr]


def run_latencies(home: Path, client: Client, queries: list[tuple[str, str]],
                  args: argparse.Namespace) -> list[QueryResult]:
    """Each query directly, with the row limit, its SERVICE check, in a pool, in the
    request thread of a server in this process, and over HTTP."""
    from jargraph import store
    from jargraph.web.executor import Executor

    ox_store = store.open_read_only(home)
    pool = Executor(home, workers=1, wait=args.timeout)
    port, stop_in_thread = in_thread_server(home, args)
    in_thread = Client(port)
    limit = args.row_limit or None
    results = []
    try:
        for name, sparql in queries:
            seen: dict[str, object] = {}

            def over_http(sparql: str = sparql, seen: dict = seen) -> None:
                status, body, truncated = client.post(sparql)
                if status != 200:
                    raise Failed(f"HTTP {status}")
                seen.update(body=body, truncated=truncated)

            def pooled(sparql: str = sparql) -> None:
                try:
                    pool.execute(sparql, SPARQL_JSON, TURTLE, row_limit=limit,
                                 timeout=args.timeout)
                except store.StoreError as exc:
                    raise Failed(type(exc).__name__) from None

            def in_request_thread(sparql: str = sparql) -> None:
                status, _, _ = in_thread.post(sparql)
                if status != 200:
                    raise Failed(f"in-thread HTTP {status}")

            runners: dict[str, Callable[[], object]] = {
                "direct": lambda sparql=sparql: store.run_query(ox_store, sparql),
                "limited": lambda sparql=sparql: store.run_query(ox_store, sparql,
                                                                 row_limit=limit),
                "check": lambda sparql=sparql: store.service_endpoints(sparql),
                "pool": pooled,
                "in-thread": in_request_thread,
                "http": over_http,
            }
            result = measure_query(name, runners, args)
            body = seen.get("body", b"")
            assert isinstance(body, bytes)
            result.rows, result.size = describe_body(body), len(body)
            if seen.get("truncated"):
                result.notes.append(f"cut at {args.row_limit} rows")
            results.append(result)
    finally:
        pool.close()
        in_thread.close()
        stop_in_thread()
    return results


def floor_latency(home: Path, client: Client, args: argparse.Namespace) -> dict[str, float]:
    """Median seconds of a query with no work: directly, through a worker pool, through
    the Flask app in this process (its test client, one worker), and over HTTP."""
    from jargraph import store
    from jargraph.web import create_app, shutdown
    from jargraph.web.executor import Executor

    ox_store = store.open_read_only(home)
    pool = Executor(home, workers=1, wait=args.timeout)
    app = create_app({"home": home, "workers": 1, "timeout": args.timeout,
                      "row_limit": args.row_limit})
    flask_client = app.test_client()
    runs: dict[str, Callable[[], object]] = {
        "direct": lambda: store.run_query(ox_store, FLOOR_QUERY),
        "pool": lambda: pool.execute(FLOOR_QUERY, SPARQL_JSON, TURTLE, timeout=args.timeout),
        "flask": lambda: flask_client.post("/sparql", data=FLOOR_QUERY, headers=HEADERS),
        "http": lambda: client.post(FLOOR_QUERY),
    }
    timings = {mode: Timing() for mode in runs}
    try:
        for _ in range(102):
            for mode, run in runs.items():
                began = time.perf_counter()
                run()
                timings[mode].samples.append(time.perf_counter() - began)
    finally:
        pool.close()
        shutdown(app)
    return {mode: statistics.median(t.samples[2:]) for mode, t in timings.items()}


def throughput(port: int, queries: list[str], requests: int, clients: int) -> tuple[float, int]:
    """Requests per second for ``requests`` queries cycling through the list, and failures."""
    lock = threading.Lock()
    state = {"next": 0, "failed": 0}

    def work() -> None:
        client = Client(port)
        try:
            while True:
                with lock:
                    index = state["next"]
                    if index >= requests:
                        return
                    state["next"] = index + 1
                status, _, _ = client.post(queries[index % len(queries)])
                if status != 200:
                    with lock:
                        state["failed"] += 1
        finally:
            client.close()

    threads = [threading.Thread(target=work, name=f"client-{n}") for n in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return requests / (time.perf_counter() - start), state["failed"]


# ---------------------------------------------------------------- report


def ms(seconds: float) -> str:
    return "-" if math.isnan(seconds) else f"{seconds * 1000:.1f}"


def show_latencies(say: Output, results: list[QueryResult]) -> float:
    """The per-query table and the overall figures; returns the median ratio."""
    width = max(len(r.name) for r in results)
    say(f"  {'query':<{width}} {'rows':>6} {'KiB':>7} {'direct':>8} {'HTTP':>8} "
        f"{'HTTP p95':>9} {'ratio':>6} | {'+limit':>8} {'check':>7} {'pool':>8} "
        f"{'in-thread':>9}")
    for r in results:
        ratio = "-" if r.failed else f"{r.ratio:.2f}x"
        p95 = r.timings["http"].p95 if "http" in r.timings else math.nan
        say(f"  {r.name:<{width}} {r.rows:>6} {r.size / 1024:>7.1f} {ms(r.median('direct')):>8} "
            f"{ms(r.median('http')):>8} {ms(p95):>9} "
            f"{ratio:>6} | {ms(r.median('limited')):>8} {ms(r.median('check')):>7} "
            f"{ms(r.median('pool')):>8} {ms(r.median('in-thread')):>9}"
            + (f"  ({'; '.join(r.notes)})" if r.notes else ""))
    say("  (medians in ms, HTTP p95 the 95th percentile; direct: pyoxigraph in this process, "
        "the baseline; HTTP: POST /sparql; ratio HTTP/direct; +limit: direct with the server's "
        "row limit; check: the SERVICE check alone; pool: through query workers, no HTTP; "
        "in-thread: over HTTP to Flask and waitress in this process, the query run in the "
        "request thread, no worker)")
    timed = [r for r in results if not r.failed]
    ratios = [r.ratio for r in timed]
    median_ratio = statistics.median(ratios)
    direct = sum(r.median("direct") for r in timed)
    http = sum(r.median("http") for r in timed)
    verdict = "met" if median_ratio < TARGET else "MISSED"
    say(f"  median of per-query ratios HTTP/direct ({len(timed)} queries): {median_ratio:.2f}x "
        f"(from {min(ratios):.2f}x to {max(ratios):.2f}x)")
    say(f"  summed medians: direct {ms(direct)} ms, HTTP {ms(http)} ms: {http / direct:.2f}x")
    say(f"  target 'endpoint overhead: median under {TARGET}x': {verdict}")
    threaded = [r.median("in-thread") / r.median("direct") for r in timed
                if "in-thread" in r.timings]
    if threaded:
        say(f"  with no query worker (the query in the request thread, {len(threaded)} "
            f"queries): median ratio {statistics.median(threaded):.2f}x, the least that "
            f"Flask, waitress and HTTP add")
    checked = [r for r in timed if r.median("check") > 0.001]
    unchecked = [(r.median("http") - r.median("check")) / r.median("direct") for r in timed]
    if checked:
        say(f"  the SERVICE check parses {len(checked)} of the {len(timed)} queries with "
            f"rdflib ({ms(sum(r.median('check') for r in checked))} ms summed); HTTP minus "
            f"the check would give a median ratio of {statistics.median(unchecked):.2f}x")
    full = [r for r in timed if "pool" in r.timings and r.median("direct") < FAST]
    if full:
        sums = {mode: sum(r.median(mode) for r in full) for mode in MODES}
        overhead = sums["http"] - sums["direct"]
        steps = [
            ("row limit (rows serialised in Python)", sums["limited"] - sums["direct"]),
            ("SERVICE check (in the worker)", sums["check"]),
            ("worker round trip (pipe, pickle)", sums["pool"] - sums["limited"] - sums["check"]),
            ("Flask, waitress, HTTP", sums["http"] - sums["pool"]),
        ]
        say(f"  where the overhead goes, summed over the {len(full)} queries under "
            f"{FAST * 1000:g} ms "
            f"(direct {ms(sums['direct'])} ms, HTTP {ms(sums['http'])} ms, "
            f"overhead {ms(overhead)} ms):")
        for label, cost in steps:
            share = f"{cost / overhead:>5.0%}" if overhead > 0 else "-"
            say(f"    {label:<42} {ms(cost):>8} ms  {share}")
    return median_ratio


def show_memory(say: Output, watch: MemoryWatch) -> None:
    living = set(watch.server.tree())
    say("  peak memory (VmHWM) of the server's processes:")
    for pid, (kind, mib) in watch.peaks.items():
        ended = "" if pid in living else "  (ended: replaced after a time limit or crash)"
        say(f"    {kind:<34} {mib:>7.0f} MiB{ended}")
    say(f"    {'most at once (RSS summed, sampled)':<34} {watch.most:>7.0f} MiB")


def bench_graph(say: Output, label: str, home: Path, log: Path,
                args: argparse.Namespace) -> float:
    """Serve one graph, measure it, stop the server; returns the median ratio."""
    queries = library_queries()
    server = Server(home, log, workers=args.workers, threads=args.threads,
                    row_limit=args.row_limit, timeout=args.timeout)
    watch: MemoryWatch | None = None
    try:
        started = server.wait_ready()
        watch = MemoryWatch(server)
        say(f"  server answered after {started:.1f} s ({args.workers} query workers, "
            f"{args.threads} threads, row limit {args.row_limit}, time limit {args.timeout:g} s)")
        client = Client(server.port)
        try:
            floor = floor_latency(home, client, args)
            say(f"  fixed cost of one request ({FLOOR_QUERY}, median of 100): direct "
                f"{ms(floor['direct'])} ms, through a worker pool {ms(floor['pool'])} ms, "
                f"through the Flask app in this process {ms(floor['flask'])} ms, "
                f"HTTP {ms(floor['http'])} ms")
            results = run_latencies(home, client, queries, args)
        finally:
            client.close()
        median_ratio = show_latencies(say, results)
        timed = [r for r in results if not r.failed]
        texts = [sparql for name, sparql in queries if name in {r.name for r in timed}]
        pass_seconds = sum(r.median("http") for r in timed)
        passes = max(1, min(args.requests // len(texts),
                            int(args.throughput_time / max(pass_seconds, 1e-9))))
        requests = min(args.requests, passes * len(texts))
        rates = {}
        for clients in (1, 8):
            rate, failed = throughput(server.port, texts, requests, clients)
            rates[clients] = rate
            say(f"  throughput, {clients} client{'s' if clients > 1 else ' '}: {rate:7.1f} req/s "
                f"({requests} requests cycling through the {len(texts)} timed queries"
                + (f"; {failed} failed" if failed else "") + ")")
        say(f"  throughput 8 clients / 1 client: {rates[8] / rates[1]:.2f}x")
        watch.stop()
        show_memory(say, watch)
    finally:
        if watch is not None:
            watch.stop()
        server.stop()
    return median_ratio


def main() -> None:
    from jargraph.web import DEFAULTS

    parser = argparse.ArgumentParser(description="jargraph SPARQL endpoint benchmark")
    parser.add_argument("--reports", type=int, default=None,
                        help="synthetic JAR reports (default 1000, 100 with --quick)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="timed runs per query and mode (default 20, 5 with --quick)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first (2)")
    parser.add_argument("--budget", type=float, default=None,
                        help="stop repeating a query once its timed runs took this many "
                             "seconds, all modes together (default 5, 2 with --quick)")
    parser.add_argument("--requests", type=int, default=None,
                        help="requests per throughput run (default 400, 112 with --quick)")
    parser.add_argument("--throughput-time", type=float, default=60.0,
                        help="fewer requests (whole passes of the library) when one client "
                             "would take longer than this many seconds (60)")
    parser.add_argument("--workers", type=int, default=DEFAULTS["WORKERS"],
                        help="the server's query workers (its default)")
    parser.add_argument("--threads", type=int, default=8,
                        help="the server's waitress threads (8, its default)")
    parser.add_argument("--row-limit", type=int, default=DEFAULTS["ROW_LIMIT"],
                        help="the server's row limit (its default)")
    parser.add_argument("--timeout", type=float, default=DEFAULTS["QUERY_TIMEOUT"],
                        help="the server's time limit per query (its default)")
    parser.add_argument("--fresh", action="store_true",
                        help="build the synthetic graph again instead of reusing a kept one")
    parser.add_argument("--quick", action="store_true", help="a small, fast run")
    args = parser.parse_args()
    quick = args.quick
    args.reports = args.reports if args.reports is not None else (100 if quick else 1000)
    args.repeat = args.repeat or (5 if quick else 20)
    args.warmup = max(1, args.warmup)
    args.budget = args.budget or (2.0 if quick else 5.0)
    args.requests = args.requests or (112 if quick else 400)
    sys.path.insert(0, str(HERE))

    from jargraph.resources import data_dir

    date = time.strftime("%Y-%m-%d")
    say = Output()
    say(f"jargraph endpoint benchmark, {date}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}")
    say(f"up to {args.repeat} timed runs per query and mode after {args.warmup} warm-ups, "
        f"at most {args.budget:g} s of timed runs per query; baseline: the same query on "
        "pyoxigraph in this process")
    ratios = {}
    begun = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        say()
        triples, seconds = build_graph(data_dir(), tmp / "home-seed")
        say(f"seed graph (data/): {triples:,} triples, built in {seconds:.1f} s")
        ratios["seed"] = bench_graph(say, "seed", tmp / "home-seed", tmp / "seed.log", args)
        say()
        label = f"synthetic graph ({args.reports} reports)"
        home, how = synthetic_graph(args.reports, tmp, args.fresh)
        say(f"{label}: {how}")
        measured = time.perf_counter()
        ratios[label] = bench_graph(say, label, home, tmp / "synthetic.log", args)
    say()
    for label, ratio in ratios.items():
        verdict = "met" if ratio < TARGET else "MISSED"
        say(f"{label}: median HTTP/direct {ratio:.2f}x; target under {TARGET}x {verdict}")
    say(f"run took {time.perf_counter() - begun:.0f} s, of which the synthetic graph's "
        f"measurements {time.perf_counter() - measured:.0f} s; load average at the end "
        f"{os.getloadavg()[0]:.1f}")
    path = OUT / f"endpoint-{date}{'-quick' if quick else ''}.txt"
    say.save(path)
    print(f"(written to benchmarks/out/{path.name})")


if __name__ == "__main__":
    main()
