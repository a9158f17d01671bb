"""jargraph's SPARQL endpoint against its peers, on the seed graph and synthetic graphs.

Measured in one run on this machine, for the seed graph (data/) and synthetic
graphs of ``--reports`` JAR reports (default 1,000 and 10,000; the realistic corpus of
``synthetic.py``, built without validation):

- latency of every named query (queries/*.rq with its example's parameters)
  directly on pyoxigraph in this process (the baseline), through ``jargraph
  serve`` (``POST /sparql``), ``oxigraph serve-read-only`` (the same store
  files, union default graph), Virtuoso 7 (``/sparql``) and rdflib-endpoint
  (an rdflib Dataset with union default graph; only where loading rdflib is
  practical): median, 95th percentile and the ratio to the baseline;
- throughput of jargraph's endpoint with 1, 8 and 32 concurrent clients;
- load time into Virtuoso (Graph Store PUT per graph) vs the embedded store
  (pyoxigraph bulk load), and the seed build into the embedded store vs the
  seed build that also pushes to Virtuoso (``build --store``);
- peak memory (VmHWM) of ``jargraph serve`` (server and query workers) and
  of each peer server.

Every server listens on 127.0.0.1 only and is stopped at the end. The report
goes to benchmarks/RESULTS.md and is printed.

    python benchmarks/peers_benchmark.py                  # seed, 1,000 and 10,000 reports
    python benchmarks/peers_benchmark.py --reports 100    # a quick look
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from endpoint_benchmark import (  # noqa: E402
    HOST,
    SPARQL_JSON,
    Client,
    Server,
    Timing,
    free_port,
    library_queries,
    memory,
    throughput,
)

RESULTS = HERE / "runs" / "peers.md"
"""(``RESULTS.md`` is ``scale_benchmark.py``'s.)"""
CONFTEST = HERE.parent / "tests" / "remote" / "conftest.py"
ACCEPT = f"{SPARQL_JSON}, text/turtle;q=0.9"
RDFLIB_MAX = 1000
"""Largest synthetic size served by rdflib-endpoint (it holds everything in Python objects)."""
START_LIMIT = 900.0
CLIENT_COUNTS = (1, 8, 32)
PEERS = ("jargraph", "oxigraph serve", "Virtuoso", "rdflib-endpoint")
RDFLIB_SERVER = """
import json, resource, sys, time
import uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
start = time.perf_counter()
dataset = Dataset(default_union=True)
dataset.parse(sys.argv[1], format="nquads")
print(json.dumps({"load": time.perf_counter() - start, "quads": len(dataset)}), flush=True)
app = SparqlEndpoint(graph=dataset, path="/sparql")
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


class Report:
    """Markdown lines, printed as they come and written to RESULTS.md at the end."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.lines: list[str] = []
        self.quiet = quiet

    def __call__(self, line: str = "") -> None:
        if not self.quiet:
            print(line, flush=True)
        self.lines.append(line)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self("| " + " | ".join(header) + " |")
        self("|" + "|".join("---" if n == 0 else "---:" for n in range(len(header))) + "|")
        for row in rows:
            self("| " + " | ".join(row) + " |")
        self()


def ms(seconds: float) -> str:
    return "-" if math.isnan(seconds) else f"{seconds * 1000:.1f}"


def ratio(value: float, base: float) -> str:
    return "-" if math.isnan(value) or math.isnan(base) or base <= 0 else f"{value / base:.2f}x"


# ---------------------------------------------------------------- peer servers


class HttpPeer:
    """A keep-alive connection to some SPARQL endpoint, queried with POST."""

    def __init__(self, port: int, path: str, *, form: bool, timeout: float) -> None:
        import http.client

        self.port, self.path, self.form, self.timeout = port, path, form, timeout
        self.conn = http.client.HTTPConnection(HOST, port, timeout=timeout)

    def post(self, sparql: str) -> tuple[int, bytes]:
        """Status and body; a socket timeout propagates."""
        import http.client

        if self.form:
            body = urllib.parse.urlencode({"query": sparql}).encode()
            kind = "application/x-www-form-urlencoded"
        else:
            body, kind = sparql.encode(), "application/sparql-query"
        for attempt in range(2):
            try:
                self.conn.request("POST", self.path, body=body,
                                  headers={"Content-Type": kind, "Accept": ACCEPT})
                response = self.conn.getresponse()
                return response.status, response.read()
            except (ConnectionError, http.client.HTTPException):
                self.reconnect()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def reconnect(self) -> None:
        import http.client

        self.conn.close()
        self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)

    def close(self) -> None:
        self.conn.close()


def wait_http(peer: HttpPeer, process: subprocess.Popen, limit: float) -> float:
    """Seconds until ``ASK {}`` answers 200; raises if the process dies or it never does."""
    start = time.perf_counter()
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if peer.post("ASK {}")[0] == 200:
                return time.perf_counter() - start
        except OSError:
            peer.reconnect()
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer within {limit:g} s")


def stop_process(process: subprocess.Popen | None) -> None:
    """SIGTERM, then SIGKILL after a bounded wait."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(20)


def cpu_ticks(pid: int) -> int:
    """User plus system CPU ticks of a process so far (0 once it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = stat[stat.rfind(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def wait_idle(pid: int, limit: float) -> bool:
    """Wait (bounded) until a server stops burning CPU, e.g. after a query timed out."""
    deadline = time.monotonic() + limit
    last = cpu_ticks(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = cpu_ticks(pid)
        if now - last <= 1:
            return True
        last = now
    return False


def load_virtuoso_module() -> ModuleType:
    """The tests' Virtuoso helper (ini template, start, stop, writer user)."""
    spec = importlib.util.spec_from_file_location("remote_virtuoso", CONFTEST)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    # more buffers than the tests' small database: ~2.6 GB, as for a real graph
    module.INI = (module.INI.replace("NumberOfBuffers      = 10000",
                                     "NumberOfBuffers      = 340000")
                  .replace("MaxDirtyBuffers      = 6000", "MaxDirtyBuffers      = 250000")
                  .replace("MaxClientConnections = 10", "MaxClientConnections = 40"))
    return module


# ---------------------------------------------------------------- one size


@dataclass
class Served:
    """Latency samples of one query on every server, with what went wrong."""

    name: str
    timings: dict[str, Timing] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def median(self, server: str) -> float:
        timing = self.timings.get(server)
        return timing.median if timing and timing.samples else math.nan

    def p95(self, server: str) -> float:
        timing = self.timings.get(server)
        return timing.p95 if timing and timing.samples else math.nan


@dataclass
class SizeResult:
    """Everything measured on one graph."""

    label: str
    reports: int
    quads: int = 0
    loads: dict[str, float] = field(default_factory=dict)
    served: list[Served] = field(default_factory=list)
    rates: dict[int, tuple[float, int, int]] = field(default_factory=dict)
    memory: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    rdflib_mib_per_1000: float = math.nan


def embedded_home(nquads: Path, home: Path) -> float:
    """A build-shaped home (``current -> builds/x/oxigraph``) bulk-loaded from ``nquads``."""
    import pyoxigraph as ox

    from jargraph import store

    folder = store.new_build_folder(home)
    start = time.perf_counter()
    oxi = ox.Store(str(folder / "oxigraph"))
    oxi.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    oxi.flush()
    seconds = time.perf_counter() - start
    del oxi
    store.publish(folder, home)
    return seconds


def read_through(folder: Path) -> int:
    """Read every file under ``folder`` once, so the first queries timed do not pay for
    data pushed out of the page cache by an earlier step (Virtuoso's load); bytes read."""
    total = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    total += len(chunk)
        except OSError:
            continue  # a lock or socket file: nothing to cache
    return total


def latencies(result: SizeResult, runners: dict[str, Callable[[], float | None]],
              queries: list[tuple[str, str]], args: argparse.Namespace,
              rdflib_pid: int | None) -> None:
    """Each query on every server, interleaved, each server stopping at its own budget."""
    for name, sparql in queries:
        served = Served(name, {server: Timing() for server in runners})
        spent = dict.fromkeys(runners, 0.0)
        active = list(runners)
        for round_number in range(args.repeat + 1):  # the first round warms up
            for server in list(active) if round_number % 2 else list(reversed(active)):
                began = time.perf_counter()
                try:
                    runners[server](sparql)
                except TimeoutError:
                    served.notes[server] = "timeout"
                    active.remove(server)
                    if rdflib_pid and server == "rdflib-endpoint" \
                            and not wait_idle(rdflib_pid, args.rdflib_timeout * 6):
                        runners.pop(server)
                        result.notes.append(f"rdflib-endpoint still busy after a timeout in "
                                            f"{name}: the queries after it not run")
                    continue
                except Exception as exc:  # noqa: BLE001 - a failed query is reported, not fatal
                    served.notes[server] = str(exc)[:40] or type(exc).__name__
                    active.remove(server)
                    continue
                elapsed = time.perf_counter() - began
                if elapsed > args.timeout:  # over jargraph's own limit: one run says enough
                    served.notes[server] = f"over {args.timeout:g} s"
                    active.remove(server)
                    continue
                if round_number:
                    served.timings[server].samples.append(elapsed)
                spent[server] += elapsed
                if spent[server] > args.budget and served.timings[server].samples:
                    active.remove(server)  # at least one timed run after the warm-up
            if not active:
                break
        result.served.append(served)
        cells = ", ".join(f"{s} {ms(served.median(s))}" for s in served.timings)
        print(f"    {name}: {cells}", flush=True)


def http_runner(peer: HttpPeer) -> Callable[[str], None]:
    def run(sparql: str) -> None:
        status, body = peer.post(sparql)
        if status != 200:
            raise RuntimeError(f"HTTP {status}: {body[:60].decode(errors='replace')}")
    return run


def bench_size(label: str, reports: int, nquads: Path, tmp: Path,
               virtuoso_module: ModuleType, args: argparse.Namespace) -> SizeResult:
    """Load one dataset everywhere, measure, stop every server."""
    import pyoxigraph as ox

    from jargraph import store
    from jargraph.store.remote import remote_store_from_url

    result = SizeResult(label, reports)
    home = tmp / f"home-{reports}"
    result.loads["embedded"] = embedded_home(nquads, home)
    oxi = store.open_read_only(home)
    result.quads = len(oxi)
    print(f"  {label}: {result.quads:,} quads, embedded bulk load "
          f"{result.loads['embedded']:.1f} s", flush=True)
    queries = library_queries()
    virtuoso = virtuoso_module.started(tmp / f"virtuoso-{reports}")
    server: Server | None = None
    oxiserve: subprocess.Popen | None = None
    rdflib: subprocess.Popen | None = None
    peers: list[HttpPeer] = []
    try:
        remote = remote_store_from_url(virtuoso.url(), timeout=600)
        start = time.perf_counter()
        for graph in sorted(g.value for g in oxi.named_graphs()):  # as `build --store` does
            data = oxi.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
            remote.replace_graph(graph, data or b"")
        result.loads["Virtuoso"] = time.perf_counter() - start
        print(f"  Virtuoso GSP load {result.loads['Virtuoso']:.1f} s", flush=True)

        server = Server(home, tmp / f"serve-{reports}.log", workers=args.workers,
                        threads=args.threads, row_limit=args.row_limit, timeout=args.timeout)
        server.wait_ready()
        ox_port = free_port()
        with open(tmp / f"oxigraph-{reports}.log", "wb") as log:
            oxiserve = subprocess.Popen(
                [str(Path(sys.executable).parent / "oxigraph"), "serve-read-only",
                 "--location", str(store.current_store_path(home)),
                 "--bind", f"{HOST}:{ox_port}", "--union-default-graph",
                 "--timeout-s", f"{args.timeout:g}"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        ox_peer = HttpPeer(ox_port, "/query", form=False, timeout=args.timeout + 30)
        virt_peer = HttpPeer(virtuoso.http_port, "/sparql", form=True,
                             timeout=args.timeout + 30)
        peers += [ox_peer, virt_peer]
        wait_http(ox_peer, oxiserve, 60)
        rdflib_pid = None
        if reports <= RDFLIB_MAX:
            rd_port = free_port()
            with open(tmp / f"rdflib-{reports}.log", "wb") as err:
                rdflib = subprocess.Popen(
                    [sys.executable, "-c", RDFLIB_SERVER, str(nquads), str(rd_port)],
                    stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL)
            rd_peer = HttpPeer(rd_port, "/sparql", form=True, timeout=args.rdflib_timeout)
            peers.append(rd_peer)
            assert rdflib.stdout is not None
            line = rdflib.stdout.readline()
            if not line:
                raise RuntimeError("rdflib-endpoint exited while loading:\n"
                                   + (tmp / f"rdflib-{reports}.log").read_text()[-2000:])
            result.loads["rdflib"] = json.loads(line)["load"]
            wait_http(rd_peer, rdflib, 120)
            rdflib_pid = rdflib.pid
            mib = memory(rdflib.pid)[1]
            result.rdflib_mib_per_1000 = mib / max(reports, 1) * 1000
            print(f"  rdflib-endpoint loaded in {result.loads['rdflib']:.1f} s, {mib:.0f} MiB",
                  flush=True)

        client = Client(server.port)

        def direct(sparql: str) -> None:
            store.run_query(oxi, sparql)

        def jargraph(sparql: str) -> None:
            status, body, _ = client.post(sparql)
            if status != 200:
                raise RuntimeError(f"HTTP {status}")

        runners: dict[str, Callable[[str], None]] = {
            "direct": direct, "jargraph": jargraph,
            "oxigraph serve": http_runner(ox_peer), "Virtuoso": http_runner(virt_peer),
        }
        if rdflib_pid:
            runners["rdflib-endpoint"] = http_runner(peers[-1])
        warmed = read_through(store.current_store_path(home)) + read_through(virtuoso.folder)
        print(f"  read {warmed / 2**20:,.0f} MiB of store files into the page cache", flush=True)
        try:
            latencies(result, runners, queries, args, rdflib_pid)  # type: ignore[arg-type]
            fast = [sparql for (name, sparql), served in zip(queries, result.served, strict=True)
                    if served.median("jargraph") < 0.25]
            for clients in CLIENT_COUNTS:
                rate, failed = throughput(server.port, fast or [q for _, q in queries],
                                          args.requests, clients)
                result.rates[clients] = (rate, failed, len(fast))
                print(f"  throughput {clients} clients: {rate:.1f} req/s", flush=True)
        finally:
            client.close()
        result.memory["jargraph serve (all processes)"] = sum(
            memory(pid)[1] for pid in server.tree())
        result.memory["oxigraph serve"] = memory(oxiserve.pid)[1]
        if virtuoso.process is not None:
            result.memory["Virtuoso"] = memory(virtuoso.process.pid)[1]
        if rdflib is not None:
            result.memory["rdflib-endpoint"] = memory(rdflib.pid)[1]
    finally:
        for peer in peers:
            peer.close()
        if server is not None:
            server.stop()
        stop_process(oxiserve)
        stop_process(rdflib)
        virtuoso.stop()
    return result


def seed_builds(tmp: Path, virtuoso_module: ModuleType) -> dict[str, float]:
    """Seconds of the seed build into the embedded store, and with ``--store`` Virtuoso."""
    from jargraph.build import build
    from jargraph.store import remote_store_from_url

    times = {}
    start = time.perf_counter()
    build(None, tmp / "home-seed-build", validate=False)
    times["embedded"] = time.perf_counter() - start
    virtuoso = virtuoso_module.started(tmp / "virtuoso-build")
    try:
        start = time.perf_counter()
        report = build(None, tmp / "home-seed-store", validate=False,
                       target=remote_store_from_url(virtuoso.url()))
        times["store"] = time.perf_counter() - start
        times["push"] = report.timings.get("push", math.nan)
    finally:
        virtuoso.stop()
    return times


# ---------------------------------------------------------------- report


def ratios(served: list[Served], server: str, baseline: str) -> list[float]:
    """Per-query ratios of ``server``'s median to ``baseline``'s, over the queries both timed."""
    return [q.median(server) / q.median(baseline) for q in served
            if not math.isnan(q.median(server)) and not math.isnan(q.median(baseline))]


def write_report(say: Report, results: list[SizeResult], builds: dict[str, float],
                 args: argparse.Namespace, skipped: list[str], began: float) -> None:
    say("## Build and load")
    say()
    say(f"Seed build (`jargraph build`, no validation) into the embedded store: "
        f"{builds['embedded']:.1f} s; with `--store` Virtuoso: {builds['store']:.1f} s "
        f"({ratio(builds['store'], builds['embedded'])}; the push alone {builds['push']:.1f} s).")
    say()
    rows = []
    for r in results:
        rows.append([r.label, f"{r.quads:,}", f"{r.loads['embedded']:.1f}",
                     f"{r.loads['Virtuoso']:.1f}",
                     ratio(r.loads["Virtuoso"], r.loads["embedded"]),
                     f"{r.loads['rdflib']:.1f}" if "rdflib" in r.loads else "not run",
                     ratio(r.loads.get("rdflib", math.nan), r.loads["embedded"])])
    say.table(["graph", "quads", "embedded bulk load s (baseline)", "Virtuoso GSP PUTs s",
               "Virtuoso / embedded", "rdflib parse s", "rdflib / embedded"], rows)
    for r in results:
        say(f"## Latency: {r.label}")
        say()
        servers = [s for s in ("direct", *PEERS) if any(s in q.timings for q in r.served)]
        header = ["query", *(f"{s} median / p95 ms" for s in servers),
                  *(f"{s} / direct" for s in servers if s != "direct")]
        rows = []
        for q in r.served:
            cells = []
            for s in servers:
                note = q.notes.get(s)
                cells.append(note if note and not q.timings.get(s, Timing()).samples
                             else f"{ms(q.median(s))} / {ms(q.p95(s))}"
                             if s in q.timings else "not run")
            rows.append([q.name, *cells, *(ratio(q.median(s), q.median("direct"))
                                           for s in servers if s != "direct")])
        say.table(header, rows)
        say("Summary (medians over the queries every server answered in time; "
            "ratio of summed medians and median of per-query ratios, against direct pyoxigraph):")
        say()
        rows = []
        for s in servers[1:]:
            both = [q for q in r.served if not math.isnan(q.median(s))
                    and not math.isnan(q.median("direct"))]
            if not both:
                rows.append([s, "0", "-", "-", "-"])
                continue
            per = statistics.median(ratios(both, s, "direct"))
            summed = sum(q.median(s) for q in both) / sum(q.median("direct") for q in both)
            failed = sum(1 for q in r.served if s in q.notes)
            rows.append([s, f"{len(both)}", f"{per:.2f}x", f"{summed:.2f}x", f"{failed}"])
        say.table(["server", "queries timed", "median ratio to direct", "summed ratio to direct",
                   "timeouts / errors"], rows)
        say("Against the peers (median of per-query ratios peer / jargraph; above 1 means "
            "jargraph is faster):")
        say()
        rows = []
        for s in servers[2:]:
            per_query = ratios(r.served, s, "jargraph")
            if per_query:
                rows.append([s, f"{len(per_query)}", f"{statistics.median(per_query):.2f}x"])
        say.table(["peer", "queries", "peer / jargraph"], rows)
        overhead = ratios(r.served, "jargraph", "direct")
        if overhead:
            median_overhead = statistics.median(overhead)
            say(f"**Endpoint overhead** ({r.label}): median jargraph / direct "
                f"{median_overhead:.2f}x, target under 1.5x: "
                f"{'met' if median_overhead < 1.5 else 'MISSED'}.")
            say()
        for note in r.notes:
            say(f"- {note}")
        if r.notes:
            say()
    say("## Throughput of jargraph's endpoint")
    say()
    rows = []
    for r in results:
        base = r.rates.get(1, (math.nan, 0, 0))[0]
        for clients, (rate, failed, _) in r.rates.items():
            rows.append([r.label, str(clients), f"{args.requests}", f"{rate:.1f}",
                         ratio(rate, base), str(failed)])
    say.table(["graph", "clients", "requests", "req/s", "ratio to 1 client", "failed"], rows)
    fast_counts = {r.label: r.rates.get(1, (0, 0, 0))[2] for r in results}
    say("Requests cycle through the queries whose jargraph median was under 250 ms ("
        + ", ".join(f"{label}: {n}" for label, n in fast_counts.items()) + f"); the server "
        f"ran {args.workers} query workers and {args.threads} threads.")
    say()
    say("## Peak memory (VmHWM, MiB)")
    say()
    names = list(dict.fromkeys(k for r in results for k in r.memory))
    say.table(["graph", *names],
              [[r.label, *(f"{r.memory[n]:.0f}" if n in r.memory else "not run" for n in names)]
               for r in results])
    if skipped:
        say("## Not run")
        say()
        for line in skipped:
            say(f"- {line}")
        say()
    say(f"Run took {time.perf_counter() - began:.0f} s.")


def main() -> None:
    from jargraph.settings import BY_NAME

    DEFAULTS = {"WORKERS": BY_NAME["workers"].default, "ROW_LIMIT": BY_NAME["row_limit"].default,
                "QUERY_TIMEOUT": BY_NAME["timeout"].default}
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[1000, 10000],
                        help="synthetic graph sizes in JAR reports (1000 10000)")
    parser.add_argument("--repeat", type=int, default=7,
                        help="timed runs per query and server after one warm-up (7)")
    parser.add_argument("--budget", type=float, default=3.0,
                        help="stop repeating a query on a server after this many seconds (3)")
    parser.add_argument("--rdflib-timeout", type=float, default=10.0,
                        help="seconds before an rdflib-endpoint query counts as a timeout (10)")
    parser.add_argument("--requests", type=int, default=200,
                        help="requests per throughput run (200)")
    parser.add_argument("--workers", type=int, default=DEFAULTS["WORKERS"])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--row-limit", type=int, default=DEFAULTS["ROW_LIMIT"])
    parser.add_argument("--timeout", type=float, default=DEFAULTS["QUERY_TIMEOUT"])
    parser.add_argument("--output", type=Path, default=RESULTS, help="the Markdown report")
    args = parser.parse_args()

    from synthetic import generate

    from jargraph import store
    from jargraph.build import build

    virtuoso_module = load_virtuoso_module()
    began = time.perf_counter()
    results: list[SizeResult] = []
    skipped: list[str] = []

    def save(pending: list[int], say: Report) -> None:
        """RESULTS.md with every size measured so far; sizes still to run say so."""
        say("# jargraph endpoint against its peers")
        say()
        say("Generated by `benchmarks/peers_benchmark.py`; do not edit by hand.")
        say()
        say(f"Date {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores; sizes: seed graph and "
            + ", ".join(f"{n:,}" for n in args.reports) + " synthetic JAR reports. "
            "Latency: the store files of the embedded store and of Virtuoso read once into "
            "the page cache, then per query one warm-up and up to "
            f"{args.repeat} timed runs per server, "
            f"interleaved, each server stopping after {args.budget:g} s on a query once it "
            f"has one timed run; a run over jargraph's {args.timeout:g} s query limit ends "
            "that query on that server (jargraph stops such queries itself, with a 503); "
            f"rdflib-endpoint queries time out after {args.rdflib_timeout:g} s. "
            "Baseline: the same query on pyoxigraph in this process (`store.run_query`). "
            "Each figure is a ratio against a baseline measured in the same run.")
        say()
        waiting = [f"{n:,} reports: not measured yet (the run was still going or was "
                   "stopped before this size)." for n in pending]
        write_report(say, results, builds, args, skipped + waiting, began)
        args.output.write_text("\n".join(say.lines) + "\n", encoding="utf-8")

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        builds = seed_builds(tmp, virtuoso_module)
        seed_home = tmp / "home-seed-build"
        seed_nq = store.current_dumps_path(seed_home) / "jargraph.nq"
        print("seed graph", flush=True)
        results.append(bench_size("seed", 0, seed_nq, tmp, virtuoso_module, args))
        save(list(args.reports), Report(quiet=True))
        for number, reports in enumerate(args.reports):
            print(f"{reports} reports", flush=True)
            generate(reports, tmp / f"corpus-{reports}")
            built = tmp / f"home-{reports}-build"
            build(tmp / f"corpus-{reports}", built, validate=False)
            nquads = store.current_dumps_path(built) / "jargraph.nq"
            result = bench_size(f"{reports:,} reports", reports, nquads, tmp,
                                virtuoso_module, args)
            results.append(result)
            shutil.rmtree(built, ignore_errors=True)
            if reports > RDFLIB_MAX:
                known = [r for r in results if not math.isnan(r.rdflib_mib_per_1000)
                         and r.reports]
                per = (f"{known[-1].rdflib_mib_per_1000:.0f} MiB per 1,000 reports measured"
                       if known else "memory per 1,000 reports not measured in this run")
                skipped.append(f"rdflib-endpoint at {reports:,} reports: loading "
                               f"{result.quads:,} quads into rdflib's in-memory store is not "
                               f"practical in memory and time ({per}).")
            save(list(args.reports[number + 1:]), Report(quiet=True))
    save([], Report())
    print(f"(written to {args.output})")


if __name__ == "__main__":
    main()
