"""A real Virtuoso for the remote-store tests, started and stopped by the tests.

Each server runs ``virtuoso-t`` in the foreground, bound to 127.0.0.1 on free
ports (SQL and HTTP), with a database in a temporary folder and its own
``virtuoso.ini`` written from :data:`INI`; the system's Virtuoso
configuration and service are not touched.

Writing needs a SQL user with the ``SPARQL_UPDATE`` role: one is created
with ``isql`` on the SQL port and the tests authenticate as it with HTTP
Digest on Virtuoso's ``/sparql-auth`` and ``/sparql-graph-crud-auth``, as a
real deployment would. Anonymous ``/sparql`` stays read-only, and the ``dba``
password is changed to a random one.

The tests are skipped only when Virtuoso is not installed
(``scripts/install-virtuoso.sh`` installs it).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]

INSTALL_SCRIPT = PROJECT_ROOT / "scripts" / "install-virtuoso.sh"
SERVER = "virtuoso-t"
ISQL = "isql-vt"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0

INI = """\
[Database]
DatabaseFile       = {folder}/virtuoso.db
ErrorLogFile       = {folder}/virtuoso.log
LockFile           = {folder}/virtuoso.lck
TransactionFile    = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
DirsAllowed          = .
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000
ThreadsPerQuery      = 2

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {folder}/www
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 60
MaxQueryExecutionTime      = 60
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Virtuoso:
    """One Virtuoso server with its own database folder; start and stop it at will."""

    folder: Path
    user: str = "jargraph"
    password: str = field(default_factory=lambda: secrets.token_hex(8))
    sql_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    _dba_password: str = "dba"

    def __post_init__(self) -> None:
        while self.http_port == self.sql_port:
            self.http_port = free_port()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def query_url(self) -> str:
        """The anonymous, read-only endpoint."""
        return f"{self.base_url}/sparql"

    def url(self, password: str | None = None) -> str:
        """The one URL jargraph is given: query endpoint with the writer's credentials."""
        return f"http://{self.user}:{password or self.password}@127.0.0.1:{self.http_port}/sparql"

    def start(self) -> None:
        """Start the server and wait (bounded) until its SPARQL endpoint answers."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "www").mkdir(exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        ini.write_text(INI.format(folder=self.folder, sql_port=self.sql_port,
                                  http_port=self.http_port))
        with open(self.folder / "console.log", "ab") as console:
            self.process = subprocess.Popen(
                [SERVER, "+foreground", "+configfile", str(ini)],
                cwd=self.folder, stdout=console, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        probe = f"{self.query_url}?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"Virtuoso exited with {self.process.returncode}:\n"
                                   + self.log_tail())
            try:
                with urllib.request.urlopen(probe, timeout=2) as response:
                    response.read()
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Virtuoso did not answer at {self.query_url} within "
                           f"{START_TIMEOUT:g} s:\n" + self.log_tail())

    def stop(self) -> None:
        """Stop the server (SIGTERM is an orderly shutdown); kill it if it hangs."""
        if self.process is None:
            return
        terminate(self.process)
        self.process = None

    def sql(self, statements: str) -> str:
        """Run SQL statements as dba through isql on the SQL port; fail loudly on errors."""
        script = self.folder / "setup.sql"
        script.write_text(statements)
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", self._dba_password, str(script)],
            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        )
        script.unlink()
        output = done.stdout + done.stderr
        if done.returncode != 0 or "*** Error" in output:
            raise RuntimeError(f"isql failed ({done.returncode}):\n{output}")
        return output

    def create_writer(self) -> None:
        """The SQL user the tests write as, and a dba password nobody else knows."""
        dba = secrets.token_hex(8)
        self.sql(
            f"DB.DBA.USER_CREATE('{self.user}', '{self.password}');\n"
            f'GRANT SPARQL_UPDATE TO "{self.user}";\n'
            f"DB.DBA.USER_CHANGE_PASSWORD('dba', 'dba', '{dba}');\n"
        )
        self._dba_password = dba

    def log_tail(self, lines: int = 20) -> str:
        text = ""
        for name in ("virtuoso.log", "console.log"):
            path = self.folder / name
            if path.exists():
                text += "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) + "\n"
        return text


def terminate(process: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM (an orderly shutdown for Virtuoso and for ``jargraph serve``); kill on a hang."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)


def require_virtuoso() -> None:
    """Skip unless Virtuoso is installed, as the install script judges it."""
    checked = subprocess.run(["bash", str(INSTALL_SCRIPT), "--check"], capture_output=True)
    if checked.returncode != 0 or not shutil.which(SERVER) or not shutil.which(ISQL):
        pytest.skip(f"Virtuoso is not installed ({SERVER} and {ISQL} are missing): "
                    "run scripts/install-virtuoso.sh")


def started(folder: Path) -> Virtuoso:
    """A running Virtuoso with the writer user set up."""
    server = Virtuoso(folder)
    server.start()
    try:
        server.create_writer()
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """One Virtuoso for the whole session; its URLs and credentials are attributes."""
    require_virtuoso()
    server = started(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def own_virtuoso(tmp_path: Path) -> Iterator[Virtuoso]:
    """A Virtuoso for one test, which may stop and restart it."""
    require_virtuoso()
    server = started(tmp_path / "virtuoso")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def no_store_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the caller's JARGRAPH_STORE_* settings out of the tests."""
    for name in list(os.environ):
        if name.startswith("JARGRAPH_STORE_"):
            monkeypatch.delenv(name)
