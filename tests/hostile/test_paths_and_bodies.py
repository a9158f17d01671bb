"""Hostile paths, headers and bodies to the web server (real HTTP on loopback).

``/doc/`` and ``/id/`` get path traversal (``..``, ``%2e%2e``, ``%2f``,
backslashes), NUL and control characters, 10,000-character paths, unicode and
extensions on odd names; ``/sparql`` and ``/validate`` get bodies over the
limit, ``Content-Length`` lies, malformed multipart and chunked bodies;
``/api/queries/...`` gets huge and odd parameters. Every answer must be a
3xx or 4xx with a message (200 where the request is in fact fine, 503 where
a query hit the time limit), never a 500, never a traceback.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import Answer, assert_answered, count_case, raw_exchange, request
from .conftest import MAX_REQUEST_BYTES, MAX_URL_BYTES

PATH_EXAMPLES = 120
PARAMETER_EXAMPLES = 80
"""Hypothesis examples per property test."""

SETTINGS = settings(deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PAGE_STATUSES = {200, 301, 303, 308, 400, 404, 405, 414, 431}
BODY_STATUSES = {400, 403, 404, 405, 411, 413, 415}
SECRETS = ("root:x:0:0", "[boot loader]", "BEGIN RSA PRIVATE KEY")

TRAVERSALS = [
    "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "area/..%2f..%2f..%2fetc/passwd", "..\\..\\..\\etc\\passwd",
    "..%5c..%5cwindows%5cwin.ini", "%252e%252e%252fetc%252fpasswd", "....//....//etc/passwd",
    "area/%2e%2e/%2e%2e/%2e%2e/src/jargraph/web/__init__.py", ".%2e/.%2e/etc/passwd",
    "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "area/leeds/../../../../etc/passwd.ttl",
    "area/leeds%00.ttl", "area/leeds%00/../../etc/passwd", "%00", "%0d%0aSet-Cookie:%20x=1",
    "area/leeds%0a", "area/%09leeds", "area/leeds%7f", "%1b[2J", "%ff%fe%fd", "%ed%a0%80",
    "%", "%zz", "%%%", "area/leeds%20", "./area/leeds", "area//leeds", "area/./leeds",
    ".ttl", "..ttl", "...ttl", "area/leeds.ttl.ttl", "area/leeds.TTL", "area/leeds.",
    "area/leeds.jsonld", "area/leeds.json", "area/leeds.nt", "area/leeds.html", "area/leeds.rq",
    "area/.ttl", "area/leeds.ttl/", "-", "_", "~", "area/-leeds", "a" * 10_000,
    "a/" * 5_000, "area/" + "x" * 401, "%C3%A1rea/%C3%BCn%C3%AFc%C3%B6de",
    "\u00e1rea/\u00fcn\u00efc\u00f6de", "\U0001f600", "\u202eevil", "area/leeds\u200b",
    "area/leeds;jsessionid=1", "area/leeds?format=ttl", "area/leeds#frag", "@", "*", "%2a",
    "area/<script>alert(1)</script>", "area/%3Cscript%3E", "area/'%22", "area/leeds%2f",
    "C:%5cwindows", "file:///etc/passwd", "http://evil.example/", "//evil.example/",
    "%2F%2Fevil.example%2F", "area/leeds/",
]
"""What follows ``/doc/`` or ``/id/``; sent byte for byte (non-ASCII as UTF-8)."""
ACCEPTS = (None, "text/turtle", "application/ld+json", "text/html", "image/png", "*/*;q=x",
           "application/n-triples;q=0.5, text/html;q=0.4", "x" * 2000)


def check_page(answer: Answer, *, allowed: set[int] = PAGE_STATUSES) -> None:
    """A page answer: allowed status, no traceback, no secrets, a sane redirect."""
    assert_answered(answer, allowed)
    for secret in SECRETS:
        assert secret not in answer.text, f"{answer.request}: served {secret!r}"
    location = answer.headers.get("location", "")
    if answer.status in (301, 303, 308):
        assert location, f"{answer.request}: a redirect without Location"
        assert "\r" not in location and "\n" not in location
        assert not location.startswith("//"), f"{answer.request}: redirect off-site: {location}"


# ---------------------------------------------------------------- /doc and /id


@pytest.mark.parametrize("prefix", ["/doc/", "/id/"])
@pytest.mark.parametrize("accept", ACCEPTS[:4], ids=["none", "turtle", "jsonld", "html"])
def test_traversal_and_odd_paths(hostile_url: str, prefix: str, accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    for rest in TRAVERSALS:
        count_case("paths: fixed /doc and /id paths (x Accept)")
        check_page(request(hostile_url, "GET", prefix + rest, headers=headers))


def test_a_known_thing_is_still_served(hostile_url: str) -> None:
    count_case("paths: fixed /doc and /id paths (x Accept)")
    answer = request(hostile_url, "GET", "/doc/area/leeds.ttl")
    assert answer.status == 200, answer.text[:500]
    assert "Leeds" in answer.text


path_alphabet = st.sampled_from(
    list("abcAZ09-._~/\\%?#;:@&=+$,!*'()[]{}<>\"|^` ") + ["%2e", "%2f", "%5c", "%00", "%0a",
                                                         "%ff", "..", "\u00e9", "\u202e",
                                                         "\U0001f600", "\x00", "\t", "\x7f"])


@st.composite
def odd_paths(draw: st.DrawFn) -> str:
    parts = draw(st.lists(path_alphabet, max_size=60))
    text = "".join(parts)
    if draw(st.booleans()):
        text += draw(st.sampled_from((".ttl", ".jsonld", ".nt", ".json", ".html", ".x", ".")))
    return draw(st.sampled_from(("/doc/", "/id/"))) + _request_safe(text)


def _request_safe(text: str) -> str:
    """Space, CR and LF percent-encoded: raw, they would end the request line."""
    return text.replace(" ", "%20").replace("\r", "%0d").replace("\n", "%0a")


def test_random_paths(hostile_url: str) -> None:
    @settings(SETTINGS, max_examples=PATH_EXAMPLES)
    @given(path=odd_paths(), accept=st.sampled_from(ACCEPTS))
    def case(path: str, accept: str | None) -> None:
        count_case("paths: random /doc and /id paths")
        headers = {"Accept": accept} if accept else {}
        check_page(request(hostile_url, "GET", path, headers=headers))

    case()


def test_raw_control_characters_in_the_request_line(hostile_url: str) -> None:
    """NUL, TAB, ESC and DEL written raw into the request target."""
    for char in ("\x00", "\x01", "\t", "\x1b", "\x7f", "\x85", "\u2028"):
        for prefix in ("/doc/", "/id/"):
            count_case("paths: raw control characters")
            target = f"{prefix}area/le{char}eds"
            check_page(request(hostile_url, "GET", target))


# ---------------------------------------------------------------- bodies


def post(base: str, path: str, body: bytes, content_type: str, **headers: str) -> Answer:
    return request(base, "POST", path, body=body,
                   headers={"Content-Type": content_type, **headers})


def test_oversized_bodies(hostile_url: str) -> None:
    big = b"x" * (2 * MAX_REQUEST_BYTES)
    turtle = b"<a:b> <a:c> " + b'"' + b"y" * (2 * MAX_REQUEST_BYTES) + b'" .'
    cases = [
        ("/sparql", b"SELECT * WHERE { ?s ?p ?o } #" + big, "application/sparql-query"),
        ("/sparql", b"query=" + big, "application/x-www-form-urlencoded"),
        ("/validate", turtle, "text/turtle"),
        ("/validate", b"text=" + big, "application/x-www-form-urlencoded"),
        ("/validate", multipart([("file", "big.ttl", "text/turtle", turtle)]),
         f"multipart/form-data; boundary={BOUNDARY}"),
        ("/validate?format=json", turtle, "application/ld+json"),
    ]
    for path, body, content_type in cases:
        for accept in ("application/json", "text/html"):
            count_case("bodies: oversized")
            answer = post(hostile_url, path, body, content_type, Accept=accept)
            answer.request = f"POST {path} ({len(body)} bytes of {content_type})"
            assert_answered(answer, {413})


def test_content_length_lies(hostile_url: str) -> None:
    host = hostile_url.removeprefix("http://")
    turtle = b"<http://e.org/a> <http://e.org/p> <http://e.org/o> ."
    query = b"ASK {}"
    cases: list[tuple[str, bytes, bool, set[int]]] = []
    for path, body, ctype in (("/validate", turtle, "text/turtle"),
                              ("/sparql", query, "application/sparql-query")):
        head = f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {ctype}\r\n" \
               "Accept: application/json\r\nConnection: close\r\n"
        cases += [
            (f"{path}: claims more than sent",
             (head + f"Content-Length: {len(body) + 500}\r\n\r\n").encode() + body, True,
             {400}),
            (f"{path}: claims less than sent",
             (head + "Content-Length: 5\r\n\r\n").encode() + body, False, {200, 400}),
            (f"{path}: claims zero", (head + "Content-Length: 0\r\n\r\n").encode() + body,
             False, {200, 400}),
            (f"{path}: claims ten gigabytes",
             (head + "Content-Length: 10737418240\r\n\r\n").encode() + body, True, {413}),
            (f"{path}: negative", (head + "Content-Length: -5\r\n\r\n").encode() + body,
             True, {200, 400, 411}),
            (f"{path}: not a number", (head + "Content-Length: lots\r\n\r\n").encode() + body,
             True, {200, 400, 411}),
            (f"{path}: two different",
             (head + f"Content-Length: {len(body)}\r\nContent-Length: 2\r\n\r\n").encode()
             + body, True, {200, 400}),
            (f"{path}: chunked, bad sizes",
             (head + "Transfer-Encoding: chunked\r\n\r\n").encode() + b"zz\r\nab\r\n0\r\n\r\n",
             True, {200, 400}),
            (f"{path}: chunked, never ends",
             (head + "Transfer-Encoding: chunked\r\n\r\n").encode() + b"5\r\nASK {\r\n", True,
             {200, 400}),
            (f"{path}: chunked and a length",
             (head + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n").encode()
             + b"6\r\nASK {}\r\n0\r\n\r\n", True, {200, 400}),
        ]
    for label, data, half_close, allowed in cases:
        count_case("bodies: Content-Length and chunked lies")
        answer = raw_exchange(hostile_url, data, half_close=half_close, label=label)
        assert_answered(answer, allowed)


BOUNDARY = "hostileBoundary7MA4YWxk"


def multipart(parts: list[tuple[str, str | None, str | None, bytes]],
              boundary: str = BOUNDARY, close: bool = True) -> bytes:
    """A multipart/form-data body: (field name, file name, content type, data) per part."""
    out = b""
    for name, filename, ctype, data in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        out += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode("utf-8",
                                                                                "surrogatepass")
        if ctype:
            out += f"Content-Type: {ctype}\r\n".encode()
        out += b"\r\n" + data + b"\r\n"
    if close:
        out += f"--{boundary}--\r\n".encode()
    return out


TURTLE = b"<http://e.org/a> <http://e.org/p> <http://e.org/o> ."


def test_malformed_multipart(hostile_url: str) -> None:
    ctype = f"multipart/form-data; boundary={BOUNDARY}"
    cases: list[tuple[str, bytes, str]] = [
        ("no boundary parameter", multipart([("file", "a.ttl", None, TURTLE)]),
         "multipart/form-data"),
        ("empty boundary", multipart([("file", "a.ttl", None, TURTLE)]),
         'multipart/form-data; boundary=""'),
        ("boundary mismatch", multipart([("file", "a.ttl", None, TURTLE)], "other"), ctype),
        ("never closed", multipart([("file", "a.ttl", None, TURTLE)], close=False), ctype),
        ("cut in the headers", f"--{BOUNDARY}\r\nContent-Disposition: form-da".encode(), ctype),
        ("no headers at all", f"--{BOUNDARY}\r\n\r\n".encode() + TURTLE +
         f"\r\n--{BOUNDARY}--\r\n".encode(), ctype),
        ("only the closing line", f"--{BOUNDARY}--\r\n".encode(), ctype),
        ("empty body", b"", ctype),
        ("garbage", bytes(range(256)) * 4, ctype),
        ("traversal file name", multipart([("file", "../../../etc/passwd", None, TURTLE)]), ctype),
        ("windows file name", multipart([("file", "C:\\..\\..\\boot.ini", None, TURTLE)]), ctype),
        ("NUL in file name", multipart([("file", "a\x00.ttl", None, TURTLE)]), ctype),
        ("long file name", multipart([("file", "a" * 10_000 + ".ttl", None, TURTLE)]), ctype),
        ("unicode file name", multipart([("file", "\u202egpj.ttl", None, TURTLE)]), ctype),
        ("empty file name", multipart([("file", "", None, TURTLE)]), ctype),
        ("binary file", multipart([("file", "a.ttl", None, b"\x00\x01\xff" * 100)]), ctype),
        ("not UTF-8 file", multipart([("file", "a.ttl", None, b"<a:b> <a:c> \"\xe9\" .")]),
         ctype),
        ("odd syntax field", multipart([("syntax", None, None, b"\x00" * 50),
                                        ("file", "a.x", None, TURTLE)]), ctype),
        ("pasted JSON-LD with a remote context",
         multipart([("syntax", None, None, b"json-ld"),
                    ("text", None, None,
                     b'{"@context": "http://127.0.0.1:9/ctx", "@id": "http://e.org/a"}')]),
         ctype),
        ("many parts", multipart([(f"f{i}", None, None, b"x") for i in range(3000)]), ctype),
        ("huge part headers", f"--{BOUNDARY}\r\nX-Junk: {'j' * 100_000}\r\n\r\nx\r\n"
         f"--{BOUNDARY}--\r\n".encode(), ctype),
        ("nested multipart", multipart([("file", "a.ttl", "multipart/mixed; boundary=inner",
                                         b"--inner\r\n\r\nx\r\n--inner--")]), ctype),
        ("form urlencoded garbage", b"%%%&&&===\x00\xff", "application/x-www-form-urlencoded"),
        ("unknown media type", TURTLE, "application/x-unknown"),
        ("no content type", TURTLE, ""),
    ]
    for label, body, content_type in cases:
        for accept in ("application/json", "text/html"):
            count_case("bodies: malformed multipart and forms")
            headers = {"Content-Type": content_type} if content_type else {}
            answer = request(hostile_url, "POST", "/validate", body=body,
                             headers={**headers, "Accept": accept})
            answer.request = f"POST /validate ({label})"
            assert_answered(answer, {200} | BODY_STATUSES)
            if accept == "application/json" and answer.status in (200, 400) and \
                    answer.headers.get("content-type", "").startswith("application/json"):
                json.loads(answer.body)


def test_validate_refuses_remote_context(hostile_url: str) -> None:
    """JSON-LD naming a remote @context is answered 400 without fetching it."""
    count_case("bodies: remote JSON-LD context")
    body = b'{"@context": "http://127.0.0.1:9/ctx", "@id": "http://e.org/a"}'
    answer = post(hostile_url, "/validate?format=json", body, "application/ld+json")
    assert_answered(answer, {400})
    report = json.loads(answer.body)
    assert report["errors"] and "fetch" in report["errors"][0]["message"]


def test_methods_and_headers(hostile_url: str) -> None:
    """Other methods, huge and many headers, a request line over every limit."""
    cases: list[tuple[str, str, dict[str, str], set[int]]] = [
        ("PUT", "/sparql", {}, {405}), ("DELETE", "/sparql", {}, {405}),
        ("PATCH", "/validate", {}, {405}), ("TRACE", "/doc/area/leeds", {}, {405}),
        ("PROPFIND", "/", {}, {405}), ("GET", "/doc/area/leeds", {"X-Junk": "j" * 100_000},
                                       {200, 400, 431}),
        ("GET", "/doc/area/leeds", {f"X-H{i}": "x" for i in range(300)}, {200, 400, 431}),
        ("GET", "/sparql?query=" + "A" * (MAX_URL_BYTES + 10), {}, {414}),
        ("GET", "/doc/" + "a" * 100_000, {}, {400, 404, 414}),
        ("GET", "/sparql?" + "&".join(f"default-graph-uri=x{i}" for i in range(5000))
         + "&query=ASK%7B%7D", {}, {200, 400, 414}),
        ("GET", "/sparql?query=ASK%7B%7D&default-graph-uri=%00&named-graph-uri=%ff", {},
         {200, 400}),
        ("GET", "/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20iri", {}, {200, 400}),
    ]
    for method, target, headers, allowed in cases:
        count_case("bodies: methods and headers")
        answer = request(hostile_url, method, target, headers=headers,
                         body=b"" if method in ("PUT", "PATCH") else None)
        answer.request = f"{method} {target[:100]}"
        assert_answered(answer, allowed)


# ---------------------------------------------------------------- /api/queries


ODD_VALUES = ("", " ", "\x00", "%", "\u202e", "\U0001f600", "a" * 10_000, '"} DROP ALL #',
              "> } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #", "\\u0022", "'; --",
              "https://w3id.org/jargraph/id/area/leeds", "jarid:area/leeds", "<>", "-1",
              "99999999999999999999999999", "1e999", "NaN", "leeds", "Leeds", "LEEDS",
              "South East", "southampton\n", "../../etc/passwd", "?_area", "$x")


@st.composite
def api_requests(draw: st.DrawFn) -> str:
    from . import QUERIES

    names = sorted(p.stem for p in QUERIES.glob("*.rq"))
    name = draw(st.one_of(st.sampled_from(names), st.sampled_from(
        ("..", "%2e%2e", "nope", "a" * 5000, "\u00e9", "area-grades.rq", "%00", "area grades"))))
    params = draw(st.lists(st.tuples(
        st.sampled_from(("area", "region", "judgement_area", "grade", "year", "format",
                         "nope", "", "a" * 300, "area[]", "\u00e9")),
        st.one_of(st.sampled_from(ODD_VALUES), st.text(max_size=30)),
    ), max_size=6))
    query = "&".join(f"{quote(k.encode('utf-8', 'surrogatepass'))}="
                     f"{quote(v.encode('utf-8', 'surrogatepass'))}" for k, v in params)
    return f"/api/queries/{quote(name)}" + (f"?{query}" if query else "")


def test_api_parameters(hostile_url: str) -> None:
    @settings(SETTINGS, max_examples=PARAMETER_EXAMPLES)
    @given(target=api_requests(), accept=st.sampled_from(
        (None, "application/json", "text/csv", "text/turtle", "image/png")))
    def case(target: str, accept: str | None) -> None:
        count_case("api: random query names and parameters")
        headers = {"Accept": accept} if accept else {}
        answer = request(hostile_url, "GET", target, headers=headers)
        answer.request = f"GET {target[:300]}"
        assert_answered(answer, {200, 400, 404, 406, 414, 422, 503})
        if answer.status in (400, 404) and answer.headers.get(
                "content-type", "").startswith("application/json"):
            assert json.loads(answer.body)["message"]

    case()


def test_query_pages_with_odd_parameters(hostile_url: str) -> None:
    """The HTML pages of the query library take the same parameters."""
    for value in ODD_VALUES:
        count_case("api: /queries pages with odd parameters")
        target = "/queries/area-profile?area=" + quote(value.encode("utf-8", "surrogatepass"))
        answer = request(hostile_url, "GET", target)
        answer.request = f"GET {target[:200]}"
        assert_answered(answer, {200, 400, 404, 422, 503})
