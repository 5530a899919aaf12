"""Actor names to faction codes, from the editable table `geodata/actor_factions.csv`.

How a name is matched (deterministic: the same table, name and date always give the same code):

1. The name is tidied: one kind of apostrophe, single spaces; comparisons ignore case.
2. It is tried in these forms, most specific first, and the first form that any rule's
   pattern covers decides (the less specific forms are not consulted):
   a. the whole name, e.g. "Military Forces of Syria (2000-2024) Republican Guard";
   b. for ACLED's "ABBR: Full name" form ("HTS: Hayat Tahrir al-Sham", "IS: Islamic State",
      "NLF: National Liberation Front"), the full name, then the abbreviation;
   c. each of those without ACLED's period suffix "(YYYY-)" / "(YYYY-YYYY)" and any unit name
      after it ("Military Forces of Israel (1948-) Air Force" -> "Military Forces of Israel"),
      then without a trailing qualifier such as "(Syria)" ("Protesters (Syria)" ->
      "Protesters").
   So a period suffix is ignored only where no rule spells it out: "Military Forces of Syria
   (2000-2024)" and "Military Forces of Syria (2024-)" have dated rules of their own and never
   fall back to a rule for the bare name. Trailing unit names are covered by a rule ending in
   ".*" or, after a period suffix, by step c.
3. A rule's pattern covers a form if it equals it, or else as a regular expression
   (`re.fullmatch`, case-insensitive).
4. Of the rules covering the deciding form, the first in file order whose valid_from..valid_to
   range (inclusive, empty = open) holds the event date wins. If none holds, the actor is known
   but has no faction that day (e.g. Assad's army after 8 December 2024).

Faction "none" marks a known actor that holds no territory on the map (civilians, foreign
states outside the vocabulary). A rule for a faction with a validity period (`government`,
`hts`, `transitional`, `israel`, `suwayda`; see dashboard/core/factions.py) must lie inside
it, or the table is refused with the rule's line, so an import never yields a controller that
did not exist on the event's date. A coalition such as UCDP's "Ahrar al-Sham, HTS, Southern
Front" that has no rule of its own is split on commas; it gets the faction most of its mapped
members share (ties: the first member's).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core.factions import FACTION_CODES, NO_DATA
from dashboard.core.factions import faction as faction_of
from dashboard.errors import DataFileError
from dashboard.io.messages import period_text
from dashboard.io.paths import GEODATA_DIR

__all__ = ["ACTOR_FACTIONS_FILE", "ActorMap", "Rule", "load_actor_map", "name_forms"]

ACTOR_FACTIONS_FILE = GEODATA_DIR / "actor_factions.csv"
_COLUMNS = ("pattern", "faction", "valid_from", "valid_to", "note")
_APOSTROPHES = re.compile(r"['’‘`ʿʾ´]")
_ABBREVIATED = re.compile(r"([^\s:,]{1,15}):\s+(\S.*)")  # ACLED "HTS: Hayat Tahrir al-Sham"
_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")  # ACLED "(2000-2024)", "(2024-)"
_QUALIFIER = re.compile(r"\s*\((?!\d{4}-)[^()]*\)$")  # a trailing "(Syria)"


def _tidy(name: str) -> str:
    """One kind of apostrophe and single spaces, so spelling variants compare equal."""
    return " ".join(_APOSTROPHES.sub("'", str(name)).split())


def name_forms(name: str) -> tuple[str, ...]:
    """The forms an actor name is tried in, most specific first (see the module docstring)."""
    whole = _tidy(name)
    forms = [whole]
    abbreviated = _ABBREVIATED.fullmatch(whole)
    if abbreviated:
        forms += [abbreviated.group(2), abbreviated.group(1)]
    for form in list(forms):
        period = _PERIOD.search(form)
        if period and period.start() > 0:
            forms.append(form[: period.start()])
        qualifier = _QUALIFIER.search(form)
        if qualifier and qualifier.start() > 0:
            forms.append(form[: qualifier.start()])
    return tuple(dict.fromkeys(f for f in forms if f))


@lru_cache(maxsize=4096)
def _regex(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(_tidy(pattern), re.IGNORECASE)
    except re.error:
        return None


@dataclass(frozen=True)
class Rule:
    """One row of the table: a name or pattern, its faction and when it held."""

    pattern: str
    faction: str
    valid_from: str = ""
    valid_to: str = ""

    def names(self, name: str) -> bool:
        """Whether this rule's pattern covers `name` as given (exact name first, then regex);
        `ActorMap.rules_for` tries the name's other forms."""
        key = _tidy(name)
        if key.casefold() == _tidy(self.pattern).casefold():
            return True
        regex = _regex(self.pattern)
        return regex is not None and regex.fullmatch(key) is not None

    def holds_on(self, dates: np.ndarray) -> np.ndarray:
        """Boolean mask: which ISO date strings fall inside the rule's validity range."""
        mask = np.ones(len(dates), dtype=bool)
        if self.valid_from:
            mask &= dates >= self.valid_from
        if self.valid_to:
            mask &= dates <= self.valid_to
        return mask

    @property
    def always(self) -> bool:
        return not (self.valid_from or self.valid_to)


@dataclass(frozen=True)
class ActorMap:
    """The ordered rules; resolves names (and coalitions) to faction codes at dates."""

    rules: tuple[Rule, ...]

    def rules_for(self, name: str) -> tuple[Rule, ...]:
        """The rules whose pattern names this actor, in file order.

        These are the rules covering the first of `name_forms(name)` that any rule covers. A
        name with commas is a coalition: only a rule spelling it out exactly covers it whole,
        so that a pattern like "HTS.*" does not swallow "HTS, Southern Front".
        """
        return _rules_for(self, name)

    def factions(self, names: pd.Series, dates: pd.Series) -> pd.Series:
        """Faction code per row ("" when unmapped or only "none"); dates are ISO strings."""
        codes, uniques = pd.factorize(names.fillna("").astype(str))
        day = dates.fillna("").astype(str).to_numpy(dtype=object)
        out = np.full(len(names), "", dtype=object)
        for code, name in enumerate(uniques):
            if name:
                rows = np.flatnonzero(codes == code)
                out[rows] = self._resolve(name, day[rows])
        return pd.Series(out, index=names.index, dtype=object)

    def unmapped(self, names: Iterable[str]) -> Counter[str]:
        """Actor names (coalition members separately) that no rule covers, with counts."""
        counts: Counter[str] = Counter()
        for name, count in Counter(n for n in names if n).items():
            if self.rules_for(name):
                continue
            for member in _members(name):
                if not self.rules_for(member):
                    counts[member] += count
        return counts

    def _resolve(self, name: str, dates: np.ndarray) -> np.ndarray:
        rules = self.rules_for(name)
        if rules or "," not in name:
            return _by_rules(rules, dates)
        members = np.stack([_by_rules(self.rules_for(m), dates) for m in _members(name)])
        if all(len(set(column)) == 1 for column in members):  # no date-ranged member
            return np.full(len(dates), _majority(members[:, 0]), dtype=object)
        return np.array([_majority(members[:, i]) for i in range(len(dates))], dtype=object)


@lru_cache(maxsize=8192)
def _rules_for(actors: ActorMap, name: str) -> tuple[Rule, ...]:
    if "," in name:
        key = _tidy(name).casefold()
        return tuple(r for r in actors.rules if _tidy(r.pattern).casefold() == key)
    for form in name_forms(name):
        rules = tuple(rule for rule in actors.rules if rule.names(form))
        if rules:
            return rules
    return ()


def _by_rules(rules: tuple[Rule, ...], dates: np.ndarray) -> np.ndarray:
    """The first rule holding on each date gives its faction; "none" and no rule give ""."""
    out = np.full(len(dates), "", dtype=object)
    pending = np.ones(len(dates), dtype=bool)
    for rule in rules:
        hit = pending if rule.always else pending & rule.holds_on(dates)
        out[hit] = "" if rule.faction == NO_DATA.code else rule.faction
        pending &= ~hit
        if not pending.any():
            break
    return out


def _members(name: str) -> list[str]:
    return [part.strip() for part in name.split(",") if part.strip()]


def _majority(votes_in_order) -> str:
    votes = Counter(v for v in votes_in_order if v)
    if not votes:
        return ""
    best = max(votes.values())
    return next(v for v in votes_in_order if v and votes[v] == best)


def load_actor_map(path: str | Path | None = None) -> ActorMap:
    """Read and check the actor table (default: geodata/actor_factions.csv)."""
    path = Path(path) if path is not None else ACTOR_FACTIONS_FILE
    if not path.exists():
        raise DataFileError(path, "no such file (the actor-to-faction table)")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in _COLUMNS if c not in table.columns]
    if missing:
        raise DataFileError(path, f"missing column(s) {', '.join(missing)}")
    rules = []
    for index, row in table.iterrows():
        line = int(index) + 2
        faction = row["faction"].strip()
        if faction not in (*FACTION_CODES, NO_DATA.code):
            allowed = ", ".join((*FACTION_CODES, NO_DATA.code))
            raise DataFileError(path, f"unknown faction {faction!r} (allowed: {allowed})", line)
        for column in ("valid_from", "valid_to"):
            if row[column] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[column].strip()):
                raise DataFileError(path, "write dates as YYYY-MM-DD", line, column)
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise DataFileError(path, f"bad regular expression: {exc}", line, "pattern") from None
        rule = Rule(row["pattern"].strip(), faction, row["valid_from"], row["valid_to"])
        problem = _outside_validity(rule)
        if problem:
            raise DataFileError(
                path, problem, line, "valid_from" if "from" in problem else "valid_to"
            )
        rules.append(rule)
    return ActorMap(tuple(rules))


def _outside_validity(rule: Rule) -> str:
    """Why a rule gives its faction on dates the faction does not exist ("" if it does not)."""
    if rule.faction == NO_DATA.code:
        return ""
    group = faction_of(rule.faction)
    if group.valid_from and (not rule.valid_from or rule.valid_from < group.valid_from):
        return (
            f"{rule.faction!r} holds ground only {period_text(group)}: set valid_from to "
            f"{group.valid_from} or later"
        )
    if group.valid_to and (not rule.valid_to or rule.valid_to > group.valid_to):
        return (
            f"{rule.faction!r} holds ground only {period_text(group)}: set valid_to to "
            f"{group.valid_to} or earlier"
        )
    return ""
