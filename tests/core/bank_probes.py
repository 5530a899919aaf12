"""Probe points either side of the Euphrates between Raqqa and Abu Kamal, with the controller
each should have on a date (shared by tests/core/test_bundled_zones.py and
benchmarks/bench_zones.py).

Every `step_km` along the river, one point `offset_km` to its left (the north/east bank: the
river flows south-east) and one to its right (the south/west bank). A point that the offset
carries back over a bend of the river is dropped. Expected on 2019-04-01: SDF north/east,
government south/west. On 2018-08-15 the same, except Islamic State on the north bank between
Hajin and Baghuz (the Hajin pocket); within `edge_km` of either end of the pocket both ISIS and
the SDF count as right, as the pocket's edge moved. From September 2017 the government held a
strip of the east bank around Deir ez-Zor city (Husseiniyah, Salihiyah, Marrat, Mazloum, Hatla)
down to Khasham and Tabiyeh; north-bank probes within `city_km` of the city or of Khasham are
left out, since the strip's width is not in the data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from dashboard.core.cells import banks, to_degrees, to_metres

__all__ = ["PROBE_DATES", "euphrates_probes", "probe_score"]

PROBE_DATES = ("2018-08-15", "2019-04-01")
_ENDS = {"raqqa": (39.008, 35.953), "abu_kamal": (40.919, 34.452)}
_DEIR_EZ_ZOR = (40.141, 35.336)
_KHASHAM = (40.289, 35.301)
_HAJIN = (40.831, 34.695)
_BAGHUZ = (40.951, 34.459)


def _along(line, lon_lat) -> float:
    return float(shapely.line_locate_point(line, to_metres(shapely.Point(*lon_lat))))


def euphrates_probes(
    river,
    outline,
    offset_km: float = 4.5,
    step_km: float = 10.0,
    city_km: float = 12.0,
    edge_km: float = 6.0,
) -> pd.DataFrame:
    """Probe points (lon, lat), their bank ('north_east' / 'south_west'), position along the
    river (km from Raqqa), whether they face the Hajin pocket (or its uncertain edge), and
    whether they lie in the government's east-bank strip around Deir ez-Zor."""
    region = to_metres(outline)
    line = shapely.line_merge(shapely.intersection(to_metres(river), region))
    if line.geom_type != "LineString":
        line = max(shapely.get_parts(line), key=shapely.length)
    faces = banks(region, to_metres(river))
    start, stop = _along(line, _ENDS["raqqa"]), _along(line, _ENDS["abu_kamal"])
    strip = to_metres(shapely.multipoints([_DEIR_EZ_ZOR, _KHASHAM]))
    hajin, baghuz = _along(line, _HAJIN), _along(line, _BAGHUZ)
    edge = edge_km * 1000
    rows = []
    for s in np.arange(start + step_km * 500, stop, step_km * 1000):
        here = shapely.line_interpolate_point(line, s)
        ahead = shapely.line_interpolate_point(line, min(s + 500, line.length))
        behind = shapely.line_interpolate_point(line, max(s - 500, 0))
        tx, ty = ahead.x - behind.x, ahead.y - behind.y
        norm = np.hypot(tx, ty)
        left = np.array([-ty, tx]) / norm
        for bank, sign in (("north_east", 1), ("south_west", -1)):
            xy = np.array([here.x, here.y]) + sign * left * offset_km * 1000
            point = shapely.Point(*xy)
            if shapely.distance(point, line) < 0.7 * offset_km * 1000:
                continue  # the offset crossed a bend
            pocket = hajin <= s <= baghuz
            uncertain = min(abs(s - hajin), abs(s - baghuz)) <= edge
            rows.append((point, bank, (s - start) / 1000, pocket, uncertain))
    points = np.array([r[0] for r in rows], dtype=object)
    face_of = shapely.STRtree(np.array(faces, dtype=object)).query_nearest(
        points, all_matches=False
    )[1]
    north_face = face_of[[r[1] == "north_east" for r in rows]]
    north = np.bincount(north_face).argmax() if len(north_face) else -1
    same_side = (face_of == north) == np.array([r[1] == "north_east" for r in rows])
    wgs = to_degrees(points)
    frame = pd.DataFrame(
        {
            "lon": shapely.get_x(wgs).round(4),
            "lat": shapely.get_y(wgs).round(4),
            "bank": [r[1] for r in rows],
            "km_from_raqqa": np.round([r[2] for r in rows], 1),
            "hajin_pocket": [r[3] for r in rows],
            "pocket_edge": [r[4] for r in rows],
        }
    )
    in_strip = (frame["bank"] == "north_east") & (shapely.distance(points, strip) < city_km * 1000)
    return frame[same_side & ~in_strip].reset_index(drop=True)


def expected_controller(probes: pd.DataFrame, date: str) -> np.ndarray:
    """Who should hold each probe point on one of PROBE_DATES ("isis|sdf": either is right)."""
    north = (probes["bank"] == "north_east").to_numpy()
    expected = np.where(north, "sdf", "government").astype(object)
    if date == "2018-08-15":
        expected[north & probes["hajin_pocket"].to_numpy()] = "isis"
        expected[north & probes["pocket_edge"].to_numpy()] = "isis|sdf"
    return expected


def probe_score(model, probes: pd.DataFrame, date: str) -> pd.DataFrame:
    """The probes with the expected and the mapped controller on `date`, and `right`."""
    from dashboard.core.cells import atom_index_of_points
    from dashboard.core.control import faction_codes

    atoms = atom_index_of_points(model.tessellation, probes["lon"], probes["lat"])
    factions = model.atom_control(date).factions
    mapped = np.where(atoms >= 0, faction_codes(factions[np.maximum(atoms, 0)]), "outside")
    out = probes.assign(expected=expected_controller(probes, date), mapped=mapped)
    right = [m in e.split("|") for e, m in zip(out["expected"], out["mapped"], strict=True)]
    return out.assign(right=right)
