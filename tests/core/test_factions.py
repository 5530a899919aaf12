"""Faction colours stay apart in greyscale and for colour-blind readers; validity periods."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from dashboard.core.factions import FACTIONS, faction, factions_on

# Machado et al. (2009) simulation matrices, severity 1.0, on linear RGB.
DEUTERANOPIA = np.array(
    [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]]
)
PROTANOPIA = np.array(
    [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ]
)
_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])


def _linear(hex_colour: str) -> np.ndarray:
    rgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    xyz = _XYZ @ np.clip(linear, 0, 1) / _XYZ.sum(axis=1)
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _days_together(a, b) -> int:
    start = max(
        pd.Timestamp(a.valid_from or "1900-01-01"), pd.Timestamp(b.valid_from or "1900-01-01")
    )
    end = min(pd.Timestamp(a.valid_to or "2100-01-01"), pd.Timestamp(b.valid_to or "2100-01-01"))
    return (end - start).days + 1


PAIRS = [(a, b) for a, b in itertools.combinations(FACTIONS, 2) if _days_together(a, b) > 1]


@pytest.mark.parametrize("a,b", PAIRS, ids=[f"{a.code}-{b.code}" for a, b in PAIRS])
def test_factions_that_exist_together_are_ten_lightness_apart(a, b):
    gap = abs(_lab(_linear(a.colour))[0] - _lab(_linear(b.colour))[0])
    assert gap >= 10, f"{a.code} and {b.code} are {gap:.1f} L* apart"


@pytest.mark.parametrize("a,b", PAIRS, ids=[f"{a.code}-{b.code}" for a, b in PAIRS])
def test_factions_that_exist_together_stay_apart_for_colour_blind_readers(a, b):
    for matrix in (DEUTERANOPIA, PROTANOPIA):
        distance = np.linalg.norm(
            _lab(matrix @ _linear(a.colour)) - _lab(matrix @ _linear(b.colour))
        )
        assert distance >= 15, f"{a.code} and {b.code}: ΔE {distance:.1f}"


def test_assads_government_ends_and_the_transitional_one_begins_on_8_december_2024():
    assert faction("government").valid_on("2024-12-08")
    assert not faction("government").valid_on("2024-12-09")
    assert not faction("transitional").valid_on("2024-12-07")
    assert faction("transitional").valid_on("2024-12-08")


def test_the_factions_of_a_date_are_those_valid_on_it():
    before = {f.code for f in factions_on("2019-06-01")}
    after = {f.code for f in factions_on("2025-08-01")}
    assert {"government", "hts"} <= before and not {"transitional", "israel"} & before
    assert {"transitional", "israel", "suwayda", "sdf"} <= after
    assert not {"government", "hts"} & after
