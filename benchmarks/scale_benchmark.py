"""jargraph at the size of the full corpus: every page kind and named query, against its peers.

Measured in one run on this machine, on the realistic synthetic corpus
(``synthetic.py``: ``--reports`` JAR reports beside the seed documents, default 1,000):

- the build (``jargraph build``, with validation) against the plain load of the same
  quads (one bulk load of the named graphs, nothing derived), in time and store size;
  and, for the choice of how the default graph is a set (issue "Trustworthy answers"),
  the library's queries on that plain store with its union of named graphs as the
  default graph against the build's store with the default graph written;
- through HTTP, per page kind (home, area, review, judgement, finding, recommendation,
  search, named-query page; a sample of each), median and 95th percentile, cold (a
  server whose result cache is off: every request runs all its queries, as the first
  after a build does) and warm (the default server, the page asked once before);
- per named query, with its defaults and with its example's parameters, the same
  SPARQL through ``POST /sparql`` on jargraph (cold and warm), Virtuoso 7 and
  ``oxigraph serve-read-only`` (the plain store, union default graph), interleaved, with
  the ratios of the peers' medians to jargraph's cold median;
- the peak memory of ``jargraph serve`` (server and workers).

Goals (issue "Fast at the size of the full corpus"): each page kind's cold p95 under
300 ms; each named query's cold median under 500 ms; the median over the library at
most Virtuoso's; the build with validation under 5 minutes; serve under 1 GiB. The
report goes to ``benchmarks/RESULTS.md`` and is printed; the run takes about as long
as the build plus half an hour on two cores.

    python benchmarks/scale_benchmark.py                  # 1,000 reports
    python benchmarks/scale_benchmark.py --reports 100    # a quick look
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from endpoint_benchmark import HOST, Client, Server, Timing, free_port, memory  # noqa: E402
from peers_benchmark import (  # noqa: E402
    HttpPeer,
    Report,
    Served,
    SizeResult,
    latencies,
    load_virtuoso_module,
    ms,
    read_through,
    stop_process,
    wait_http,
)

RESULTS = HERE / "RESULTS.md"
PAGE_GOAL = 0.300
QUERY_GOAL = 0.500
BUILD_GOAL = 300.0
MEMORY_GOAL = 1024.0
PAGE_KINDS = ("home", "area", "review", "judgement", "finding", "recommendation", "search",
              "named-query page")
SEARCH_WORDS = ("private fostering", "speech and language therapy", "permanence planning",
                "young carers", "performance management")


# ---------------------------------------------------------------- building


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build_corpus(reports: int, seed: int, tmp: Path) -> tuple[Path, float, int]:
    """The corpus built as ``jargraph build --data`` builds it: (home, seconds, store bytes)."""
    from synthetic import generate

    from jargraph import store
    from jargraph.build import build
    from jargraph.progress import Progress

    corpus = tmp / "corpus"
    generate(reports, corpus, seed)
    home = tmp / "home"
    start = time.perf_counter()
    report = build(corpus, home, progress=Progress(sys.stderr))
    seconds = time.perf_counter() - start
    if not report.ok:
        sys.exit(f"the build failed: {report.errors[:3]}")
    return home, seconds, folder_size(store.current_store_path(home).resolve())


def plain_load(home: Path, tmp: Path) -> tuple[Path, float, int]:
    """The build's named graphs bulk-loaded into a fresh store, nothing else:
    (store folder, seconds, bytes)."""
    import pyoxigraph as ox

    from jargraph import store

    nquads = store.current_dumps_path(home) / "jargraph.nq"
    folder = tmp / "plain"
    start = time.perf_counter()
    oxi = ox.Store(str(folder))
    oxi.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    oxi.flush()
    seconds = time.perf_counter() - start
    del oxi
    return folder, seconds, folder_size(folder)


def written_load(home: Path, tmp: Path) -> tuple[Path, float, int]:
    """The same named graphs with their set of triples written again as the store's own
    default graph, as builds once did: (store folder, seconds, bytes)."""
    import pyoxigraph as ox

    from jargraph import store

    nquads = store.current_dumps_path(home) / "jargraph.nq"
    folder = tmp / "written"
    start = time.perf_counter()
    oxi = ox.Store(str(folder))
    oxi.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    oxi.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                    for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    oxi.flush()
    seconds = time.perf_counter() - start
    del oxi
    return folder, seconds, folder_size(folder)


def default_graph_choice(written: Path, plain: Path, queries: list[tuple[str, str]],
                         repeat: int) -> list[tuple[str, float, float]]:
    """Each query in this process on a store with the default graph written and on the
    plain store (the union of the named graphs as the default graph): median seconds."""
    import pyoxigraph as ox

    built = ox.Store.read_only(str(written))
    union = ox.Store.read_only(str(plain))
    out = []
    for name, sparql in queries:
        times: dict[str, list[float]] = {"written": [], "union": []}
        for _ in range(repeat):
            for how, oxi, as_union in (("written", built, False), ("union", union, True)):
                began = time.perf_counter()
                result = oxi.query(sparql, use_default_graph_as_union=as_union)
                if isinstance(result, ox.QuerySolutions | ox.QueryTriples):
                    for _ in result:
                        pass
                times[how].append(time.perf_counter() - began)
        out.append((name, statistics.median(times["written"]),
                    statistics.median(times["union"])))
    return out


def push(remote: object, home: Path) -> None:
    """Every named graph of the build into a fresh Virtuoso, as ``--store`` writes them (one
    Graph Store PUT each, the build's name last); the fresh server has no earlier graphs
    to drop, and listing them there takes longer than Virtuoso's query limit at this size."""
    import pyoxigraph as ox

    from jargraph import store
    from jargraph.progress import Progress
    from jargraph.store.remote import BUILD_GRAPH, RemoteStore, build_stamp

    assert isinstance(remote, RemoteStore)
    built = store.open_read_only(home)
    names = sorted(g.value for g in built.named_graphs() if isinstance(g, ox.NamedNode))
    with Progress(sys.stderr).task("pushing", len(names), "graphs") as task:
        for name in names:
            data = built.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
            remote.replace_graph(name, data or b"")
            task.advance()
    remote.replace_graph(BUILD_GRAPH, build_stamp(store.current_build(home).resolve()))


# ---------------------------------------------------------------- what to ask


def library() -> list[tuple[str, str, str]]:
    """(label, SPARQL, API path) of every named query with its defaults and its example."""
    from jargraph.named_queries import example_values, load_library

    found = []
    for name, query in load_library().items():
        for how, values in (("defaults", {}), ("example", example_values(query.example))):
            try:
                sparql = query.render(values)
            except Exception:  # noqa: BLE001 - a query with a required parameter has no defaults
                continue
            found.append((f"{name} ({how})", sparql,
                          f"/api/queries/{name}?{urllib.parse.urlencode(values)}"))
    return found


def sample_pages(home: Path, per_kind: int, seed: int) -> dict[str, list[str]]:
    """Paths of a sample of each page kind, drawn from the built store."""
    from jargraph import store
    from jargraph.named_queries import load_library
    from jargraph.store.dataset import query

    oxi = store.open_read_only(home)
    rng = random.Random(seed)

    def things(sparql: str) -> list[str]:
        rows = [row[0].value for row in query(  # type: ignore[union-attr]
            oxi, "PREFIX jar: <https://w3id.org/jargraph/def#>\n" + sparql)]
        return rng.sample(rows, min(per_kind, len(rows)))

    def doc(iri: str) -> str:
        return "/doc/" + iri.split("/jargraph/id/", 1)[1]

    kinds = {
        "home": ["/"],
        "area": [doc(i) for i in things("SELECT DISTINCT ?a WHERE { ?r a jar:JointAreaReview ; "
                                        "jar:area ?a }")],
        "review": [doc(i) for i in things("SELECT ?r WHERE { ?r a jar:JointAreaReview }")],
        "judgement": [doc(i) for i in things("SELECT ?j WHERE { ?j a jar:Judgement } "
                                             "LIMIT 5000")],
        "finding": [doc(i) for i in things("SELECT ?f WHERE { ?f a jar:MajorStrength } "
                                           "LIMIT 5000")],
        "recommendation": [doc(i) for i in things("SELECT ?m WHERE { ?m a jar:Recommendation } "
                                                  "LIMIT 5000")],
        "search": [f"/search?{urllib.parse.urlencode({'q': w})}" for w in SEARCH_WORDS],
        "named-query page": [f"/queries/{name}" for name in
                             rng.sample(sorted(load_library()), per_kind)],
    }
    return {kind: paths for kind, paths in kinds.items() if paths}


# ---------------------------------------------------------------- through HTTP


class Browser:
    """One keep-alive connection making GET requests."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=120)

    def get(self, path: str) -> tuple[int, float]:
        for attempt in range(2):
            try:
                began = time.perf_counter()
                self.conn.request("GET", path, headers={"Accept": "text/html"})
                response = self.conn.getresponse()
                response.read()
                return response.status, time.perf_counter() - began
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
                if attempt:
                    raise
        raise AssertionError("unreachable")


@dataclass
class PageKind:
    kind: str
    cold: Timing = field(default_factory=Timing)
    warm: Timing = field(default_factory=Timing)
    failed: list[str] = field(default_factory=list)


def measure_pages(pages: dict[str, list[str]], cold_port: int, warm_port: int,
                  repeat: int) -> list[PageKind]:
    cold, warm = Browser(cold_port), Browser(warm_port)
    out = []
    for kind in PAGE_KINDS:
        result = PageKind(kind)
        for path in pages.get(kind, []):
            status, _ = warm.get(path)  # the warm server sees each page once first
            if status != 200:
                result.failed.append(f"{path}: {status}")
                continue
            for _ in range(repeat):
                status, seconds = cold.get(path)
                if status == 200:
                    result.cold.samples.append(seconds)
                result.warm.samples.append(warm.get(path)[1])
        out.append(result)
        print(f"  {kind}: cold median {ms(result.cold.median)} p95 {ms(result.cold.p95)} ms, "
              f"warm median {ms(result.warm.median)} ms", flush=True)
    return out


# ---------------------------------------------------------------- the run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pages", type=int, default=10, help="pages sampled per kind (10)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="timed runs per page and per query and server (5)")
    parser.add_argument("--budget", type=float, default=5.0,
                        help="stop repeating a query on a server after this many seconds (5)")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--home", type=Path, default=None,
                        help="measure a corpus built before (jargraph build --home DIR --data "
                             "CORPUS) instead of building one; the build is then not timed")
    parser.add_argument("--choice-repeat", type=int, default=3,
                        help="runs of each query on each store for the default graph's "
                             "choice (3)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    began = time.perf_counter()
    say = Report()
    virtuoso_module = load_virtuoso_module()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.home is None:
            print(f"building {args.reports:,} synthetic reports with the seed documents",
                  flush=True)
            home, built_s, built_bytes = build_corpus(args.reports, args.seed, tmp)
        else:
            from jargraph import store

            home, built_s = args.home, math.nan
            built_bytes = folder_size(store.current_store_path(home).resolve())
        plain, plain_s, plain_bytes = plain_load(home, tmp)
        queries = library()
        choice: list = []
        written: tuple[float, int] | None = None
        if args.choice_repeat:
            written_store, written_s, written_bytes = written_load(home, tmp)
            written = (written_s, written_bytes)
            print("default graph: written or the union of the named graphs", flush=True)
            choice = default_graph_choice(written_store, plain,
                                          [(n, q) for n, q, _ in queries], args.choice_repeat)
            shutil.rmtree(written_store, ignore_errors=True)
        pages = sample_pages(home, args.pages, args.seed)
        virtuoso = virtuoso_module.started(tmp / "virtuoso")
        servers: list[Server] = []
        oxiserve: subprocess.Popen | None = None
        peers: list[HttpPeer] = []
        try:
            from jargraph import store
            from jargraph.store.remote import remote_store_from_url

            print("loading Virtuoso", flush=True)
            remote = remote_store_from_url(virtuoso.url(), timeout=900)
            start = time.perf_counter()
            push(remote, home)
            virtuoso_s = time.perf_counter() - start
            common = {"workers": 2, "threads": 8, "row_limit": 10000, "timeout": args.timeout}
            warm = Server(home, tmp / "warm.log", **common)
            cold = Server(home, tmp / "cold.log", **common, extra=("--cache-mib", "0"))
            servers += [warm, cold]
            warm.wait_ready()
            cold.wait_ready()
            port = free_port()
            with open(tmp / "oxigraph.log", "wb") as log:
                oxiserve = subprocess.Popen(
                    [str(Path(sys.executable).parent / "oxigraph"), "serve-read-only",
                     "--location", str(plain), "--bind", f"{HOST}:{port}",
                     "--union-default-graph", "--timeout-s", f"{args.timeout:g}"],
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            ox_peer = HttpPeer(port, "/query", form=False, timeout=args.timeout + 30)
            virt_peer = HttpPeer(virtuoso.http_port, "/sparql", form=True,
                                 timeout=args.timeout + 30)
            peers += [ox_peer, virt_peer]
            wait_http(ox_peer, oxiserve, 120)
            warmed = read_through(store.current_store_path(home).resolve())
            warmed += read_through(plain) + read_through(virtuoso.folder)
            print(f"read {warmed / 2**20:,.0f} MiB of store files into the page cache", flush=True)
            print("pages", flush=True)
            page_results = measure_pages(pages, cold.port, warm.port, args.repeat)
            print("named queries", flush=True)
            result = SizeResult(f"{args.reports:,} reports", args.reports)
            clients = {"cold": Client(cold.port), "warm": Client(warm.port)}

            def jargraph(client: Client) -> Callable[[str], None]:
                def run(sparql: str) -> None:
                    status, body, _ = client.post(sparql)
                    if status != 200:
                        raise RuntimeError(f"HTTP {status}: {body[:80]!r}")
                return run

            def peer(http_peer: HttpPeer) -> Callable[[str], None]:
                def run(sparql: str) -> None:
                    status, body = http_peer.post(sparql)
                    if status != 200:
                        raise RuntimeError(f"HTTP {status}: {body[:80]!r}")
                return run

            runners = {"jargraph cold": jargraph(clients["cold"]),
                       "jargraph warm": jargraph(clients["warm"]),
                       "Virtuoso": peer(virt_peer), "oxigraph serve": peer(ox_peer)}
            latencies(result, runners, [(n, q) for n, q, _ in queries],  # type: ignore[arg-type]
                      args, None)
            mib = sum(memory(pid)[1] for server in (warm,) for pid in server.tree())
        finally:
            for http_peer in peers:
                http_peer.close()
            for server in servers:
                server.stop()
            stop_process(oxiserve)
            virtuoso.stop()
        write(say, args, built_s, built_bytes, plain_s, plain_bytes,
              written, virtuoso_s, choice,
              page_results, result.served, mib, time.perf_counter() - began)
    args.output.write_text("\n".join(say.lines) + "\n", encoding="utf-8")
    print(f"(written to {args.output})")


# ---------------------------------------------------------------- the report


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def write(say: Report, args: argparse.Namespace, built_s: float, built_bytes: int,
          plain_s: float, plain_bytes: int, written: tuple[float, int] | None, virtuoso_s: float,
          choice: list[tuple[str, float, float]], pages: list[PageKind],
          served: list[Served], mib: float, seconds: float) -> None:
    say.lines.clear()
    say("# jargraph at the size of the full corpus")
    say()
    say("Generated by `benchmarks/scale_benchmark.py`; do not edit by hand. "
        f"Date {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load average at the end "
        f"{os.getloadavg()[0]:.1f}; {args.reports:,} synthetic reports (seed {args.seed}) beside "
        "the seed documents. Cold: a server whose result cache is off (each request runs all "
        "its queries, as the first after a build does); warm: the default server, asked "
        f"before. Up to {args.repeat} timed runs per page and per query and server.")
    say()
    say("## Build")
    say()
    say.table(["", "seconds", "store MiB", "goal"], [
        ["`jargraph build` (read, convert, validate, load, summary, dumps)",
         "not timed in this run (--home)" if math.isnan(built_s) else f"{built_s:.0f}",
         f"{built_bytes / 2**20:,.0f}",
         "" if math.isnan(built_s) else
         f"under {BUILD_GOAL:.0f} s: {verdict(built_s < BUILD_GOAL)}"],
        ["plain bulk load of the same named graphs (baseline)", f"{plain_s:.0f}",
         f"{plain_bytes / 2**20:,.0f}", ""],
        ["build / plain load", "-" if math.isnan(built_s) else f"{built_s / plain_s:.1f}x",
         f"{built_bytes / plain_bytes:.2f}x", ""],
        ["Virtuoso: the build pushed (Graph Store PUT per graph)", f"{virtuoso_s:.0f}", "", ""],
    ])
    say("## The default graph: written at build time, or the union of the named graphs")
    say()
    if not choice or written is None:
        say("Not measured in this run (--choice-repeat 0); the figures that decided it are in "
            "docs/DESIGN.md.")
    else:
        times = [w for _, w, _ in choice]
        union = [u for _, _, u in choice]
        ratios = [u / w for w, u in zip(times, union, strict=True) if w]
        say(f"The library's {len(choice)} queries in this process, median of "
            f"{args.choice_repeat}: summed {sum(times):.1f} s on a store with the default "
            f"graph written against {sum(union):.1f} s on the plain store queried with the "
            f"union of its named graphs ({sum(union) / sum(times):.2f}x); median per-query "
            f"ratio union / written {statistics.median(ratios):.2f}x. Writing the default "
            f"graph: load {written[0]:.0f} s against {plain_s:.0f} s "
            f"({written[0] / plain_s:.2f}x), store {written[1] / 2**20:,.0f} MiB against "
            f"{plain_bytes / 2**20:,.0f} MiB ({written[1] / plain_bytes:.2f}x).")
    say()
    say("## Pages through HTTP")
    say()
    rows = []
    for page in pages:
        ok = page.cold.samples and page.cold.p95 < PAGE_GOAL and not page.failed
        rows.append([page.kind, str(len(page.cold.samples)), ms(page.cold.median),
                     ms(page.cold.p95), ms(page.warm.median), ms(page.warm.p95),
                     verdict(bool(ok)) if page.cold.samples else "not measured: "
                     + ("; ".join(page.failed[:1]) or "no such page")])
    say.table(["page kind", "cold runs", "cold median ms", "cold p95 ms", "warm median ms",
               "warm p95 ms", f"cold p95 under {PAGE_GOAL * 1000:.0f} ms"], rows)
    say("## Named queries through HTTP (the same SPARQL on every server)")
    say()
    servers = ("jargraph cold", "jargraph warm", "Virtuoso", "oxigraph serve")
    rows = []
    for q in served:
        cold = q.median("jargraph cold")
        cells = [f"{ms(q.median(s))} / {ms(q.p95(s))}" if not math.isnan(q.median(s))
                 else q.notes.get(s, "-") for s in servers]
        rows.append([q.name, *cells,
                     *(f"{q.median(s) / cold:.2f}x" if cold and not math.isnan(q.median(s))
                       else "-" for s in ("Virtuoso", "oxigraph serve")),
                     verdict(cold < QUERY_GOAL) if not math.isnan(cold) else "MISSED"])
    say.table(["query", *(f"{s} median / p95 ms" for s in servers), "Virtuoso / jargraph cold",
               "oxigraph serve / jargraph cold", f"cold median under {QUERY_GOAL * 1000:.0f} ms"],
              rows)
    timed = [q for q in served if not math.isnan(q.median("jargraph cold"))
             and not math.isnan(q.median("Virtuoso"))]
    if timed:
        ours = statistics.median(q.median("jargraph cold") for q in timed)
        theirs = statistics.median(q.median("Virtuoso") for q in timed)
        ratio = statistics.median(q.median("Virtuoso") / q.median("jargraph cold")
                                  for q in timed)
        under = sum(q.median("jargraph cold") < QUERY_GOAL for q in served)
        say(f"Median over the {len(timed)} queries both answered: jargraph cold "
            f"{ms(ours)} ms, Virtuoso {ms(theirs)} ms (Virtuoso / jargraph {theirs / ours:.2f}x; "
            f"median of per-query ratios {ratio:.2f}x); goal Virtuoso / jargraph at least "
            f"1.0: {verdict(theirs >= ours)}. Queries under {QUERY_GOAL * 1000:.0f} ms cold: "
            f"{under} of {len(served)}.")
        say()
    say("## Memory")
    say()
    say(f"`jargraph serve` (server and query workers, resident, after the run): {mib:,.0f} MiB; "
        f"goal under {MEMORY_GOAL:,.0f} MiB: {verdict(mib < MEMORY_GOAL)}.")
    say()
    say(f"Run took {seconds:.0f} s.")


if __name__ == "__main__":
    main()
