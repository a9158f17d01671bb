"""How much memory the web server needs to send a large answer from ``/sparql``.

A query worker hands a large answer to the view as a file that the view
streams and deletes (``jargraph.web.executor.AnswerStream``); before, the
whole answer came back through the worker's pipe and sat in the server's
memory, in more than one copy, while it was sent. This script measures both
in one run: the same server with answers handed over as files (as served)
and with every answer sent back whole (the baseline: the executor's
``spool_bytes`` set past any answer).

For each format (CSV, TSV, SPARQL JSON, SPARQL XML) it downloads
``SELECT * WHERE { ?s ?p ?o . ?x ... }`` with no row limit from a store of
synthetic triples, reading the answer in pieces, and records the web
server process's peak resident memory (``VmHWM``) above what it held after
a warm-up. It prints the answer's size, the growth of the peak for the
baseline and for streaming, and their ratio.

    python benchmarks/answer_memory.py                 # 200,000 triples
    python benchmarks/answer_memory.py --triples 50000
"""

from __future__ import annotations

import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HOST = "127.0.0.1"
FORMATS = ("text/csv", "text/tab-separated-values", "application/sparql-results+json",
           "application/sparql-results+xml")
QUERY = "SELECT * WHERE { ?s ?p ?o }"
SERVER = """
import sys
from werkzeug.serving import make_server
from jargraph.web import create_app, executor_for
app = create_app({"home": sys.argv[1], "row_limit": 0, "workers": 1, "timeout": 300})
if sys.argv[2] == "whole":
    executor_for(app).spool_bytes = 1 << 62
server = make_server("127.0.0.1", 0, app, threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
"""


def make_store(home: Path, triples: int) -> None:
    """A published store of synthetic triples: a subject, one of a few predicates and a
    sentence-long literal each, as findings and passages are."""
    import pyoxigraph as ox

    from jargraph import store
    from jargraph.store.dataset import load_dataset

    folder = store.new_store_folder(home)
    built = ox.Store(str(folder))
    lines = (f"<https://w3id.org/jargraph/id/thing/{n}> <https://w3id.org/jargraph/def#p{n % 5}> "
             f'"Statement number {n} of the synthetic graph, about an area."@en '
             "<https://w3id.org/jargraph/graph/synthetic> .\n" for n in range(triples))
    load_dataset(built, "".join(lines).encode(), ox.RdfFormat.N_QUADS)
    del built
    store.publish(folder, home)


def peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def download(port: int, accept: str) -> int:
    """Fetch the answer in pieces (the client holds none of it); its size in bytes."""
    conn = http.client.HTTPConnection(HOST, port, timeout=600)
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": QUERY}),
                 headers={"Accept": accept})
    response = conn.getresponse()
    if response.status != 200:
        raise RuntimeError(f"{accept}: {response.status} {response.read()[:300]!r}")
    size = 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
    conn.close()
    return size


def measure(home: Path, mode: str, accept: str) -> tuple[int, int]:
    """(answer bytes, growth of the server's peak memory in KB) for one download on a
    fresh server, so each peak is its own."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(home), mode],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              env=env)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        conn = http.client.HTTPConnection(HOST, port, timeout=120)
        conn.request("GET", "/sparql?query=ASK%7B%7D", headers={"Accept": accept})
        conn.getresponse().read()
        conn.close()
        time.sleep(0.5)
        before = peak_kb(server.pid)
        size = download(port, accept)
        return size, peak_kb(server.pid) - before
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="answer-memory-") as tmp:
        home = Path(tmp)
        make_store(home, args.triples)
        print(f"{args.triples:,} triples, {QUERY!r} with no row limit; growth of the web "
              "server's peak memory (VmHWM) during one download")
        print(f"{'format':34} {'answer':>10} {'whole (baseline)':>17} {'streamed':>10} "
              f"{'ratio':>7}")
        for accept in FORMATS:
            size, whole = measure(home, "whole", accept)
            _, streamed = measure(home, "streamed", accept)
            ratio = streamed / whole if whole else float("nan")
            print(f"{accept:34} {size / 1e6:8.1f} MB {whole / 1024:14.1f} MB "
                  f"{streamed / 1024:7.1f} MB {ratio:7.3f}")


if __name__ == "__main__":
    main()
