"""The organisation units file: a tree, with every problem reported at once."""

from __future__ import annotations

import pytest

from scorepack.catalogue.units import parse_units
from scorepack.errors import InputError

GOOD = "id,name,parent,kind\nkent,Kent,,county\nnorth,North,kent,area\nteam-a,Team A,north,team\n"


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_units(text, "units.csv")
    return [str(p) for p in info.value.problems]


def test_tree_walks_depth_first() -> None:
    tree = parse_units(GOOD, "units.csv")
    assert [(u.id, tree.depth(u.id)) for u in tree.walk()] == [
        ("kent", 0),
        ("north", 1),
        ("team-a", 2),
    ]
    assert [u.id for u in tree.descendants("kent")] == ["north", "team-a"]


def test_parent_that_does_not_exist() -> None:
    assert problems(GOOD.replace("team-a,Team A,north", "team-a,Team A,south")) == [
        "units.csv, line 4, column parent: parent 'south' is not a unit id"
    ]


def test_cycle_is_reported_once_with_its_path() -> None:
    text = "id,name,parent,kind\na,A,c,x\nb,B,a,x\nc,C,b,x\n"
    assert problems(text) == ["units.csv, line 2, column parent: units form a cycle: a → c → b → a"]


def test_all_problems_at_once() -> None:
    text = "id,name,parent,kind\nKent!,Kent,,county\nnorth,,kent,area\nnorth,N,,area\n"
    assert problems(text) == [
        "units.csv, line 2, column id: expected an id of lower-case letters, digits and - _ ., got 'Kent!'",
        "units.csv, line 3, column name: expected a name",
        "units.csv, line 4, column id: duplicate unit id 'north' (first on line 3)",
        "units.csv, line 3, column parent: parent 'kent' is not a unit id",
    ]


def test_missing_column() -> None:
    assert problems("id,name,kind\nkent,Kent,county\n") == [
        "units.csv, line 1: missing column 'parent' (expected id,name,parent,kind)"
    ]


OWNED = (
    "id,name,parent,kind,owner_name,owner_role\n"
    "kent,Kent,,county,,\n"
    "north,North,kent,area,Sam Patel,Area Director\n"
    "team-a,Team A,north,team,,\n"
    "team-b,Team B,north,team,Jo Reed,Team Manager\n"
)


def test_owners_are_optional_columns_and_a_unit_without_one_answers_to_the_nearest_above() -> None:
    tree = parse_units(OWNED, "units.csv")
    assert (tree.get("north").owner_name, tree.get("north").owner_role) == (
        "Sam Patel",
        "Area Director",
    )
    # (unit, whose owner answers for it)
    assert [(u.id, getattr(tree.owner_of(u.id), "id", None)) for u in tree.walk()] == [
        ("kent", None),
        ("north", "north"),
        ("team-a", "north"),
        ("team-b", "team-b"),
    ]
    assert parse_units(GOOD, "units.csv").owner_of("team-a") is None


def test_a_role_without_a_name_is_a_problem_with_its_line() -> None:
    bad = OWNED.replace("team-a,Team A,north,team,,", "team-a,Team A,north,team,,Team Manager")
    assert problems(bad) == [
        "units.csv, line 4, column owner_name: expected the name of the Team Manager"
    ]
