"""/validate over real HTTP: the same report as `jargraph validate`, as JSON or HTML."""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from pathlib import Path

import pytest

from .conftest import fetch

BAD = """@prefix jar: <https://w3id.org/jargraph/def#> .
@prefix jarid: <https://w3id.org/jargraph/id/> .

jarid:review\\/jar-nowhere-2007\\/judgement\\/safeguarding a jar:Judgement ;
    jar:grade "<script>alert('grade')</script>" .
"""
SYNTAX_ERROR = '@prefix jar: <https://w3id.org/jargraph/def#> .\njar:a jar:b "unterminated .\n'
JSON = "application/json"


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    for name, (filename, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                     .encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post(site_url: str, body: bytes, content_type: str, *, accept: str = JSON,
         path: str = "/validate"):
    return fetch(site_url, path, method="POST", body=body, accept=accept,
                 headers={"Content-Type": content_type})


def test_get_shows_the_form(site_url: str) -> None:
    answer = fetch(site_url, "/validate", accept="text/html")
    assert answer.status == 200
    for part in ('type="file"', "<textarea", 'name="syntax"', 'enctype="multipart/form-data"'):
        assert part in answer.text


def test_raw_turtle_body_gives_the_json_report(site_url: str) -> None:
    answer = post(site_url, BAD.encode(), "text/turtle")
    assert answer.status == 200
    report = json.loads(answer.body)
    assert report["conforms"] is False
    assert len(report["problems"]) == 5
    problem = report["problems"][0]
    assert set(problem) >= {"file", "line", "focus", "path", "value", "message"}
    assert problem["line"] == 4
    # shown as legal Turtle: the file declares jarid:, but a name with slashes is no
    # prefixed name, so the IRI is written in full
    assert problem["focus"] == (
        "<https://w3id.org/jargraph/id/review/jar-nowhere-2007/judgement/safeguarding>")
    assert {p["path"] for p in report["problems"]} >= {"jar:grade", "jar:review"}
    assert any("alert('grade')" in (p["value"] or "") for p in report["problems"])
    assert report["summary"].startswith("5 problems")


def test_format_json_parameter_overrides_accept(site_url: str) -> None:
    answer = post(site_url, BAD.encode(), "text/turtle", accept="text/html",
                  path="/validate?format=json")
    assert answer.media_type == JSON
    assert json.loads(answer.body)["conforms"] is False


def test_syntax_error_is_a_400_with_line_and_column(site_url: str) -> None:
    answer = post(site_url, SYNTAX_ERROR.encode(), "text/turtle")
    assert answer.status == 400
    error = json.loads(answer.body)["errors"][0]
    assert (error["line"], error["column"]) == (2, 28)
    html = post(site_url, SYNTAX_ERROR.encode(), "text/turtle", accept="text/html")
    assert html.status == 400
    assert "line 2, column 28" in html.text


@pytest.mark.parametrize(("content_type", "body"), [
    ("application/n-triples",
     b"<https://w3id.org/jargraph/id/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
     b"<https://w3id.org/jargraph/def#Judgement> .\n"),
    ("application/trig",
     b"<https://w3id.org/jargraph/graph/g> { <https://w3id.org/jargraph/id/x> a "
     b"<https://w3id.org/jargraph/def#Judgement> . }\n"),
    ("application/ld+json",
     b'{"@id": "https://w3id.org/jargraph/id/x", '
     b'"@type": "https://w3id.org/jargraph/def#Judgement"}'),
])
def test_other_syntaxes_by_content_type(site_url: str, content_type: str, body: bytes) -> None:
    answer = post(site_url, body, content_type)
    assert answer.status == 200, answer.text
    assert json.loads(answer.body)["problems"]


def test_upload_gives_an_html_report_with_escaped_values(site_url: str) -> None:
    body, content_type = multipart({"syntax": ""}, {"file": ("bad.ttl", BAD.encode())})
    answer = post(site_url, body, content_type, accept="text/html")
    assert answer.status == 200
    assert answer.media_type == "text/html"
    assert "5 problems" in answer.text
    assert 'id="problems"' in answer.text
    assert "<script>alert('grade')" not in answer.text
    assert "&lt;script&gt;alert(" in answer.text


def test_pasted_text_in_a_form(site_url: str) -> None:
    body, content_type = multipart({"text": BAD, "syntax": "turtle"}, {})
    answer = post(site_url, body, content_type, accept="text/html")
    assert answer.status == 200
    assert "5 problems" in answer.text
    assert "<script>alert(" not in answer.text
    form = f"text={BAD}".replace("%", "%25").replace("&", "%26").replace("+", "%2B")
    answer = post(site_url, form.encode(), "application/x-www-form-urlencoded")
    assert json.loads(answer.body)["summary"].startswith("5 problems")


def test_not_utf8_and_empty_and_too_large(site_url: str) -> None:
    answer = post(site_url, b"@prefix jar: <x#> .\n\xff\xfe", "text/turtle")
    assert answer.status == 400
    assert json.loads(answer.body)["errors"][0]["line"] == 2
    assert post(site_url, b"", "text/turtle").status == 400
    assert post(site_url, b"# nothing but a comment\n", "text/turtle").status == 400
    big = b"#" * (2 << 20)
    assert post(site_url, big, "text/turtle").status == 413


def snapshot(*folders: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                path = Path(root) / name
                try:
                    stat = path.stat()
                except OSError:
                    continue
                found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


def test_nothing_posted_is_written_to_disk(site_url: str, pages_home: Path) -> None:
    temp = Path(tempfile.gettempdir())
    before_temp = set(os.listdir(temp))
    before_home = snapshot(pages_home)
    padding = "# " + "x" * 1000 + "\n"
    large = (padding * 700 + BAD).encode()  # beyond werkzeug's 500 KiB in-memory spool
    body, content_type = multipart({}, {"file": ("large.ttl", large)})
    answer = post(site_url, body, content_type)
    assert answer.status == 200
    assert json.loads(answer.body)["summary"].startswith("5 problems")
    post(site_url, BAD.encode(), "text/turtle")
    assert set(os.listdir(temp)) == before_temp
    assert snapshot(pages_home) == before_home


# ---------------------------------------------------------------- drafts from report text

LEEDS_REPORT = (Path(__file__).resolve().parents[2] / "src" / "jargraph" / "data" / "reports"
                / "leeds-executive-board-jar-2008.txt")


def test_a_draft_from_pasted_report_text_lands_in_the_form(site_url: str) -> None:
    report = LEEDS_REPORT.read_text(encoding="utf-8")
    body, content_type = multipart({"report": report}, {})
    answer = post(site_url, body, content_type, accept="text/html", path="/validate/draft")
    assert answer.status == 200
    assert "The draft is in the box below" in answer.text
    box = answer.text.split('<textarea id="text" name="text"', 1)[1].split("</textarea>", 1)[0]
    assert "&lt;document/leeds-executive-board-jar-2008&gt;" in box
    assert '<option value="turtle" selected>' in answer.text
    # what the box holds is a valid encoding: validate it as the form would
    draft = json.loads(post(site_url, body, content_type, path="/validate/draft").body)
    assert (draft["document"], draft["checks"], draft["error"]) == (
        "leeds-executive-board-jar-2008", [], None)
    checked = post(site_url, draft["turtle"].encode(), "text/turtle")
    assert json.loads(checked.body)["conforms"] is True


def test_a_draft_marks_what_to_check(site_url: str) -> None:
    report = LEEDS_REPORT.read_text(encoding="utf-8").replace("Safeguarding\t2",
                                                              "Safeguarding\t9")
    answer = post(site_url, report.encode(), "text/plain", path="/validate/draft")
    assert answer.status == 200
    draft = json.loads(answer.body)
    assert draft["checks"] and all(c.startswith("line ") for c in draft["checks"])
    assert draft["turtle"].count("# CHECK:") == len(draft["checks"])


def test_what_cannot_be_drafted_is_a_400(site_url: str) -> None:
    answer = post(site_url, b"Minutes of the meeting\n", "text/plain", path="/validate/draft")
    assert answer.status == 400
    assert json.loads(answer.body)["error"].startswith(
        "pasted report:1: error: not a report jargraph can read")
    html = post(site_url, b"Minutes of the meeting\n", "text/plain", accept="text/html",
                path="/validate/draft")
    assert html.status == 400 and "No draft could be made" in html.text
    assert post(site_url, b"  \n", "text/plain", path="/validate/draft").status == 400
    assert post(site_url, b"\xff\xfe", "text/plain", path="/validate/draft").status == 400
