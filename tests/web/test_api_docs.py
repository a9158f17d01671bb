"""``/api/docs``: Swagger UI, served from the site, over the OpenAPI description.

The browser tests (``test_browser_editor.py``) try queries through it.
"""

from __future__ import annotations

from .conftest import fetch


def test_api_docs_page_loads_swagger_ui_from_the_site(site_url: str) -> None:
    text = fetch(site_url, "/api/docs", accept="text/html").text
    assert 'data-spec="/api/openapi.json"' in text
    for asset in ("vendor/swagger-ui/swagger-ui-bundle.js", "vendor/swagger-ui/swagger-ui.css",
                  "api-docs.js"):
        assert f"/static/{asset}" in text
        assert fetch(site_url, f"/static/{asset}").status == 200
    assert "<noscript>" in text and 'href="/api/openapi.json"' in text
    assert fetch(site_url, "/static/vendor/swagger-ui/LICENSE").status == 200
