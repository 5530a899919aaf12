"""The gazetteer: named places, and matching any of their spellings to a place id."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import pandas as pd

from dashboard.core.names import did_you_mean, normalise_name
from dashboard.errors import UsageProblem

__all__ = ["Gazetteer", "article_free"]

_ARTICLES = {"al", "el", "ar", "as", "ad", "at", "az", "ash", "an", "ath", "adh", "ed", "es"}


def article_free(key: str) -> str:
    """A normalised key without Arabic articles: 'al raqqah' -> 'raqqah'."""
    return " ".join(t for t in key.split() if t not in _ARTICLES)


@dataclass(frozen=True)
class Gazetteer:
    """Places (one row each, indexed by place_id) and an index of all their spellings."""

    places: pd.DataFrame
    _keys: dict[str, str] = field(repr=False)
    _loose_keys: dict[str, str] = field(repr=False)

    @classmethod
    def from_frame(cls, places: pd.DataFrame) -> Gazetteer:
        """Index a frame with columns place_id, name, aliases, population, country, ..."""
        places = places.set_index("place_id", drop=False)
        ranked = places.assign(
            _in_syria=(places["country"] == "SY").astype(int),
            _pop=pd.to_numeric(places["population"], errors="coerce").fillna(0),
        ).sort_values(["_in_syria", "_pop"], ascending=False)
        keys: dict[str, str] = {}
        loose: dict[str, str] = {}
        # Ids and names win over aliases; within each, places in Syria and larger ones first.
        for spellings in (
            ranked["place_id"].map(lambda v: [v]),
            ranked["name"].map(lambda v: [v]),
            ranked["aliases"].fillna("").map(lambda v: [a for a in v.split(";") if a.strip()]),
            ranked.get("name_ar", pd.Series("", index=ranked.index))
            .fillna("")
            .map(
                lambda v: [v] if v.strip() else []
            ),  # Arabic script finds the place too: الرقة, حلب
        ):
            for place_id, names in spellings.items():
                for name in names:
                    key = normalise_name(name)
                    keys.setdefault(key, place_id)
                    loose.setdefault(article_free(key), place_id)
        return cls(places, keys, loose)

    def lookup(self, name: str) -> str | None:
        """The place id for a name, alias or id, case- and accent-insensitively; None if unknown."""
        key = normalise_name(name)
        if not key:
            return None
        return self._keys.get(key) or self._loose_keys.get(article_free(key))

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """The display names of the places whose spellings come closest to `name`."""
        matches = difflib.get_close_matches(
            normalise_name(name), self._keys, n=limit * 3, cutoff=0.6
        )
        names: list[str] = []
        for key in matches:
            display = self.places.at[self._keys[key], "name"]
            if display not in names:
                names.append(display)
        return names[:limit]

    def resolve(self, name: str) -> str:
        """The place id for a name; an unknown name is a UsageProblem suggesting close names."""
        place_id = self.lookup(name)
        if place_id is None:
            raise UsageProblem(f"unknown place {name!r}{did_you_mean(self.suggest(name))}")
        return place_id

    def place(self, place_id: str) -> pd.Series:
        """The row of one place."""
        return self.places.loc[place_id]

    def name(self, name: str, lang: str = "en") -> str:
        """A place's name (given by id or any spelling) in `lang`; an unknown one as given."""
        place_id = name if name in self.places.index else self.lookup(name)
        if place_id is None:
            return name
        place = self.places.loc[place_id]
        arabic = str(place.get("name_ar") or "") if lang == "ar" else ""
        return arabic if arabic and arabic != "nan" else str(place["name"])
