"""Fixtures of the web tests: the app on the bundled data, built once, and a test client."""

from __future__ import annotations

import pytest

from dashboard.settings import Settings


@pytest.fixture(scope="session")
def app():
    from dashboard.web.app import create_app

    return create_app(Settings())


@pytest.fixture
def client(app):
    return app.server.test_client()
