"""Foreign presence by country: the actor text names the country whose colour a star gets."""

from __future__ import annotations

import pytest

from dashboard.core.factions import FACTIONS
from dashboard.core.presence import OTHER_PRESENCE, PRESENCE_GROUPS, presence_group

GROUPS = [*PRESENCE_GROUPS, OTHER_PRESENCE]


@pytest.mark.parametrize(
    ("actor", "code"),
    [
        ("Russian Aerospace Forces", "russia"),
        ("US forces (special operations, CJTF-OIR)", "coalition"),
        ("United States Armed Forces", "coalition"),
        ("US and UK special forces; New Syrian Army", "coalition"),
        ("Iran (IRGC/Quds Force); Hezbollah; Iraqi militias", "iran"),
        ("Hezbollah", "iran"),
        ("Turkish Armed Forces", "turkey"),
        ("Israel Defense Forces", "israel"),
        ("Syrian Arab Army", "other"),
        ("", "other"),
        (None, "other"),
    ],
)
def test_the_actor_text_names_the_presence_country(actor, code):
    assert GROUPS[presence_group(actor)].code == code


def test_a_joint_presence_takes_the_country_named_first():
    assert GROUPS[presence_group("Russian military police, Turkish Armed Forces")].code == "russia"
    assert GROUPS[presence_group("Turkish Armed Forces, US Armed Forces")].code == "turkey"
    assert GROUPS[presence_group("Syrian Arab Army, Russian military police")].code == "russia"


def test_the_presence_colours_are_distinct_and_none_is_a_faction_colour():
    colours = [g.colour.upper() for g in GROUPS]
    assert len(set(colours)) == len(colours)
    assert not set(colours) & {f.colour.upper() for f in FACTIONS}
