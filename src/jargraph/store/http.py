"""HTTP for the remote store: one request, with Basic or Digest credentials.

Only the standard library's ``urllib`` is used. A large request body is sent
once, with the credentials: the server's challenge is fetched first with
``HEAD``, because Virtuoso answers a request without credentials before
reading its body and then closes the connection.
"""

from __future__ import annotations

import base64
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from .errors import StoreError, StoreUnavailable

PREAUTH_BYTES = 16 * 1024
"""Request bodies at least this large go with the credentials in the first request."""


@dataclass
class Reply:
    """One HTTP answer, whatever its status."""

    status: int
    content_type: str
    body: bytes

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def text(self, limit: int = 500) -> str:
        """The server's message, without Virtuoso's echo of the query."""
        text = self.body.decode("utf-8", "replace").split("\n\nSPARQL query:", 1)[0].strip()
        return text[:limit] + ("..." if len(text) > limit else "")


def send(
    method: str,
    url: str,
    body: bytes | None,
    headers: dict[str, str],
    timeout: float,
    passwords: urllib.request.HTTPPasswordMgr | None = None,
) -> Reply:
    """One request; any HTTP status comes back, network failures raise StoreUnavailable."""
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    opener = opener_for(passwords)
    if body is not None and len(body) >= PREAUTH_BYTES:
        refused = _preauthorise(passwords, request, timeout)
        if refused is not None:
            return refused
        if request.has_header("Authorization"):
            opener = urllib.request.build_opener()  # a refusal comes back, not resent
    try:
        with opener.open(request, timeout=timeout) as response:
            return Reply(response.status, response.headers.get("Content-Type", ""),
                         response.read())
    except urllib.error.HTTPError as exc:
        content = exc.read() if exc.fp is not None else b""
        return Reply(exc.code, exc.headers.get("Content-Type", "") if exc.headers else "",
                     content)
    except TimeoutError:
        raise StoreUnavailable(
            f"the SPARQL server at {url} did not answer within {timeout:g} s; "
            "is it overloaded, or is the query too expensive?"
        ) from None
    except ValueError as exc:  # a malformed URL, or an authentication scheme urllib lacks
        raise StoreError(f"cannot send a request to {url}: {exc}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason_text = reason(exc)
        raise StoreUnavailable(
            f"cannot reach SPARQL server at {url}: {reason_text}; is it running?"
        ) from None


def _preauthorise(passwords: urllib.request.HTTPPasswordMgr | None,
                  request: urllib.request.Request, wait: float) -> Reply | None:
    """Put the answer to the server's authentication challenge in the request up front.

    urllib sends a request without credentials and, on a 401, sends it again
    with them; Virtuoso answers the 401 and closes the connection before it
    reads the body, so a large body fails with a broken pipe or a reset. So
    ``HEAD`` requests on the same URL (they change nothing) fetch the
    challenge and try the answer, which then goes with the one real request.
    Returns the server's refusal of the credentials, the body unsent, or None.
    """
    if passwords is None:
        return None
    probe = urllib.request.Request(request.full_url, method="HEAD")
    challenged = _head(probe, wait)
    answer = authorizer(passwords, challenged.challenges if challenged else [])
    if answer is None or challenged is None:
        return None  # no credentials asked for, or none that can be given up front
    header = answer(probe)
    if header is None:
        return None
    probe.add_unredirected_header("Authorization", header)
    checked = _head(probe, wait)
    if checked is not None and checked.reply.status == 401:
        return checked.reply
    header = answer(request)
    if header is not None:
        request.add_unredirected_header("Authorization", header)
    return None


def passwords_for(
    auth: tuple[str, str] | None, urls: list[str]
) -> urllib.request.HTTPPasswordMgr | None:
    """The credentials, offered only to the servers of ``urls``."""
    if not auth:
        return None
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    servers = {f"{p.scheme}://{p.netloc}/" for p in map(urlsplit, urls)}
    passwords.add_password(None, sorted(servers), auth[0], auth[1])
    return passwords


@dataclass
class Challenge:
    """A 401 answer and the ``WWW-Authenticate`` challenges it carries."""

    reply: Reply
    challenges: list[str]


def _head(probe: urllib.request.Request, wait: float) -> Challenge | None:
    """Send a ``HEAD`` without answering challenges; the 401 if there was one, else None."""
    try:
        with urllib.request.build_opener().open(probe, timeout=wait):
            return None
    except urllib.error.HTTPError as exc:
        headers = exc.headers
        exc.close()
        if exc.code != 401:
            return None
        reply = Reply(401, headers.get("Content-Type", "") if headers else "", b"")
        return Challenge(reply, headers.get_all("WWW-Authenticate", []) if headers else [])
    except (urllib.error.URLError, OSError, ValueError):
        return None  # the real request will say what is wrong


def authorizer(
    passwords: urllib.request.HTTPPasswordMgr, challenges: list[str]
) -> Callable[[urllib.request.Request], str | None] | None:
    """What computes the ``Authorization`` value answering these challenges, request by request.

    Digest is preferred to Basic (the Digest nonce count goes up with each
    request answered); None when no challenge can be answered.
    """
    parsed = [c.strip().partition(" ") for c in challenges]
    schemes = {scheme.lower(): params for scheme, _, params in parsed}
    if "digest" in schemes:
        items = urllib.request.parse_http_list(schemes["digest"])
        challenge = urllib.request.parse_keqv_list([item for item in items if item])
        handler = urllib.request.HTTPDigestAuthHandler(passwords)

        def digest(request: urllib.request.Request) -> str | None:
            try:
                answer = handler.get_authorization(request, challenge)
            except (urllib.error.URLError, ValueError):  # e.g. only qop=auth-int offered
                return None
            return f"Digest {answer}" if answer else None

        return digest
    if "basic" in schemes:

        def basic(request: urllib.request.Request) -> str | None:
            user, password = passwords.find_user_password(
                None, request.full_url)  # type: ignore[arg-type]  # None: any realm
            if user is None:
                return None
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
            return f"Basic {token}"

        return basic
    return None


def opener_for(passwords: urllib.request.HTTPPasswordMgr | None) -> urllib.request.OpenerDirector:
    """An opener that answers Basic and Digest challenges (Virtuoso uses Digest).

    A new one per request: the Digest handler counts retries and nonces,
    so sharing one between threads could fail a good login.
    """
    if passwords is None:
        return urllib.request.build_opener()
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))



def reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "timed out"
    return str(reason) or type(reason).__name__


def without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
