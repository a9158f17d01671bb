"""``/join``: the upload form joins a CSV over real HTTP, as ``jargraph join`` does."""

from __future__ import annotations

import base64
import csv
import html
import io
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import fetch, start_server
from .test_browser import CHROMIUM, browser  # noqa: F401  (the browser fixture)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "areas-to-join.csv"


@pytest.fixture(scope="module")
def site(built_home: Path) -> Iterator[str]:
    url, stop = start_server({"home": built_home, "timeout": 20.0, "workers": 2,
                              "max_request_bytes": 1 << 20})
    yield url
    stop()


def multipart(fields: dict[str, str], file: tuple[str, bytes] | None) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    if file is not None:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                     f'filename="{file[0]}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                     + file[1] + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post(site: str, fields: dict[str, str], file: tuple[str, bytes] | None,
         path: str = "/join", accept: str = "text/html"):
    body, content_type = multipart(fields, file)
    return fetch(site, path, method="POST", body=body, accept=accept,
                 headers={"Content-Type": content_type})


def test_the_form(site: str) -> None:
    page = fetch(site, "/join", accept="text/html")
    assert page.status == 200
    assert 'enctype="multipart/form-data"' in page.text and 'name="column"' in page.text
    assert '<option value="area-grades">' in page.text


def test_upload_shows_the_result_and_a_download(site: str) -> None:
    answer = post(site, {"column": "authority", "query": "area-grades"},
                  ("areas.csv", FIXTURE.read_bytes()))
    assert answer.status == 200
    text = answer.text
    assert "9 of 11 rows matched an area; 2 did not" in text
    assert re.search(r"Line 11: <q>Atlantis</q>", text)
    link = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)" '
                     r'download="areas-joined.csv"', text)
    assert link is not None
    rows = list(csv.DictReader(io.StringIO(base64.b64decode(html.unescape(link.group(1)))
                                           .decode())))
    assert rows[0]["area_name"] == "Southampton" and rows[0]["safeguarding"] == "2"


def test_csv_asked_for(site: str) -> None:
    answer = post(site, {"column": "authority"}, ("areas.csv", FIXTURE.read_bytes()),
                  path="/join?format=csv")
    assert answer.status == 200 and answer.media_type == "text/csv"
    assert answer.headers["x-jargraph-unmatched"] == "2"
    assert 'filename="areas-joined.csv"' in answer.headers["content-disposition"]
    assert answer.body.startswith(b"authority,figure,area_iri,area_name,gss_code,dfe_code\r\n")


@pytest.mark.parametrize(("fields", "file", "words"), [
    ({"column": "council"}, ("a.csv", b"authority\nLeeds\n"),
     "has no column &#39;council&#39;; its columns are &#39;authority&#39;"),
    ({"column": "a"}, ("a.csv", "a\nSouthend\u2013on\u2013Sea\n".encode("cp1252")),
     "is not UTF-8 text"),
    ({"column": "a"}, ("a.csv", b""), "is empty"),
    ({"column": "a"}, None, "choose a CSV file"),
    ({"column": "a", "query": "nope"}, ("a.csv", b"a\nLeeds\n"), "no named query"),
])
def test_errors_are_400_pages(site: str, fields: dict[str, str],
                              file: tuple[str, bytes] | None, words: str) -> None:
    answer = post(site, fields, file)
    assert answer.status == 400 and answer.media_type == "text/html"
    assert words in answer.text


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium at /usr/bin/chromium")
def test_the_form_in_a_browser_joins_and_downloads(browser, site: str,  # noqa: F811
                                                   tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    try:
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto(site + "/join")
        tab.set_input_files("#file", str(FIXTURE))
        tab.fill("#column", "authority")
        tab.select_option("#query", "area-grades")
        tab.click("#join-submit")
        assert "9 of 11 rows matched an area" in tab.locator("p.summary").inner_text()
        assert tab.locator("#unmatched li").count() == 2
        assert tab.locator("#joined tbody tr").count() == 11
        with tab.expect_download() as download:
            tab.click("#download")
        saved = tmp_path / "joined.csv"
        download.value.save_as(saved)
        rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
        assert rows[1]["area_name"] == "Leeds" and rows[1]["safeguarding"] == "2"
        assert not errors
    finally:
        context.close()
