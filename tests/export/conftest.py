"""Shared fixtures for the export tests: the bundled data, loaded once, and a known view."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core.view import MapView
from dashboard.io.dataset import Dataset, load_dataset
from dashboard.settings import Settings

# On this date the bundled data has government, SDF, Islamic State, opposition, HTS and
# Turkey-backed zones.
KNOWN_DATE = pd.Timestamp("2017-06-01")


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    return load_dataset(Settings())


@pytest.fixture
def june_2017() -> MapView:
    return MapView(date=KNOWN_DATE)
