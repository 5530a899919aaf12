"""Shared fixtures: tiny, hand-made tables whose answers are known."""

from __future__ import annotations

import pytest
import shapely
from support import TWO_TOWN_EVENTS, table_from_csv, two_towns_gazetteer

from dashboard.core.gazetteer import Gazetteer


@pytest.fixture
def gazetteer() -> Gazetteer:
    return two_towns_gazetteer()


@pytest.fixture
def box_outline():
    """A 4 x 2 degree box around the two towns."""
    return shapely.box(36.0, 34.0, 40.0, 36.0)


@pytest.fixture(scope="module")
def two_towns():
    """A whole Dataset over the two-town table, zones clipped to Syria's real outline."""
    from dashboard.io.dataset import Dataset, model_for

    gazetteer = two_towns_gazetteer()
    table = table_from_csv(TWO_TOWN_EVENTS, gazetteer)
    return Dataset(gazetteer, table, model_for(table, gazetteer, 40.0))


@pytest.fixture(scope="session")
def postgres():
    """One throw-away PostgreSQL + PostGIS cluster for the session (on a unix socket)."""
    from pg_cluster import start_cluster

    cluster = start_cluster()
    yield cluster
    cluster.stop()
