"""/docs and /redoc work offline: every asset they load is served by the server itself."""

from __future__ import annotations

import re

import pytest

ASSET = re.compile(r"""(?:src|href|spec-url)\s*=\s*["']([^"']+)["']|url\s*:\s*["']([^"']+)["']""")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_reference_no_external_host_and_their_assets_load(anonymous, page):
    response = anonymous.get(page)
    assert response.status_code == 200
    html = response.text
    assert "http://" not in html and "https://" not in html and "//cdn" not in html, html
    assets = {first or second for first, second in ASSET.findall(html)}
    scripts = [url for url in assets if url.endswith(".js")]
    assert scripts, html
    for url in assets:
        assert url.startswith("/"), url
        loaded = anonymous.get(url)
        assert loaded.status_code == 200, url
        assert len(loaded.content) > 100, url
    assert "/openapi.json" in assets


def test_swagger_ui_assets_are_the_real_bundle(anonymous):
    html = anonymous.get("/docs").text
    (script,) = [url for url in ASSET.findall(html) if url[0].endswith("swagger-ui-bundle.js")]
    assert "SwaggerUIBundle" in anonymous.get(script[0]).text
