"""Our codebook as REFI-QDA folder codes and back, names unique, groups guessed."""

from __future__ import annotations

import pytest

from stancecoder.core.codebook import CodeSpec, VariableSpec, iter_codes
from stancecoder.core.errors import ValidationError
from stancecoder.core.refi.code_names import label_of, unique_names
from stancecoder.core.refi.codebook_map import merge_group, read_group, variable_group
from stancecoder.core.refi.group_mapping import (
    GroupTarget,
    guess_targets,
    parse_choice,
    split_top_level,
    with_choices,
)
from stancecoder.core.refi.model import RefiCode


def test_labels_used_twice_are_qualified_by_their_variable() -> None:
    pairs = [("actor", "Russia"), ("target", "russia"), ("actor", "Kim"), ("topic", "actor")]
    names = unique_names(["actor", "target", "topic"], pairs)
    assert names == {
        ("actor", "Russia"): "Russia (actor)",
        ("target", "russia"): "russia (target)",
        ("actor", "Kim"): "Kim",
        ("topic", "actor"): "actor (topic)",
    }
    assert len({name.casefold() for name in names.values()}) == len(names)
    assert label_of("Russia (actor)", "actor") == "Russia"
    assert label_of("Russia (actor)", "target") == "Russia (actor)"


def stance() -> VariableSpec:
    codes = [CodeSpec("Negative", -1.0, "Criticises."), CodeSpec("Positive", 1.0)]
    return VariableSpec("stance", "ordinal", "passage", False, "How.", codes)


def test_a_variable_goes_out_and_comes_back_with_its_level_and_values() -> None:
    actor = VariableSpec(
        "actor",
        "nominal",
        "passage",
        True,
        "Who.",
        [CodeSpec("Russia", colour="#fbb4ae", children=[CodeSpec("Vladimir Putin")])],
    )
    for variable in (actor, stance()):
        names = {(variable.name, spec.label): spec.label for _, spec in iter_codes(variable)}
        group = variable_group(variable, "g", lambda spec: spec.label, names)
        assert not group.codable
        back = read_group(group, variable.name)
        assert back.variable == variable
        assert back.guids == {spec.label: path for path, spec in iter_codes(variable)}


def test_a_foreign_group_is_nominal_unless_its_codes_are_numbers() -> None:
    scale = RefiCode("s", "Scale", children=[RefiCode("a", "-1"), RefiCode("b", "+2")])
    read = read_group(scale, "scale")
    assert read.variable.level == "ordinal"
    assert [c.value for c in read.variable.codes] == [-1.0, 2.0]
    words = RefiCode("w", "Frames", children=[RefiCode("c", "Threat", colour="#F0A")])
    read = read_group(words, "frame")
    assert read.variable.level == "nominal"
    assert read.variable.codes[0].colour == "#ff00aa"


def test_a_group_merged_into_a_variable_finds_codes_by_label_and_by_value() -> None:
    group = RefiCode(
        "g",
        "Stance",
        children=[
            RefiCode("n", "negative"),  # a label in another case
            RefiCode("p", "+1"),  # a value
            RefiCode("z", "0"),  # new
        ],
    )
    variable = stance()
    reading = merge_group(variable, group)
    assert reading.guids == {"n": ("Negative",), "p": ("Positive",), "z": ("0",)}
    assert [c.label for c in variable.codes] == ["Negative", "Positive", "0"]
    assert variable.codes[2].value == 0.0


def test_groups_are_guessed_from_names_and_the_leads_choices_win() -> None:
    codes = [
        RefiCode("1", "Actors", codable=False, children=[RefiCode("2", "Kim")]),
        RefiCode("3", "Frames", children=[RefiCode("4", "Threat")]),
        RefiCode("5", "happiness"),
    ]
    groups, loose = split_top_level(codes)
    assert [g.name for g in groups] == ["Actors", "Frames"]
    assert [c.name for c in loose] == ["happiness"]
    guessed = guess_targets(["Actors", "Frames"], ["actor", "topic", "stance"])
    assert guessed == [GroupTarget("Actors", "actor"), GroupTarget("Frames", "Frames", new=True)]
    chosen = with_choices(guessed, {"Frames": "Topic"}, ["actor", "topic", "stance"])
    assert chosen[1] == GroupTarget("Frames", "topic")
    left = with_choices(guessed, {"Actors": "-"}, ["actor"])
    assert left[0].variable is None and left[0].line() == "Actors → left out"
    assert parse_choice("Group = with = sign=actor") == ("Group = with = sign", "actor")


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({"Nothing": "actor"}, "no code group 'Nothing' in the file"),
        ({"Frames": "actor"}, "two code groups go to the variable 'actor'"),
    ],
)
def test_choices_that_cannot_be_followed_are_refused(choices: dict[str, str], message: str) -> None:
    guessed = guess_targets(["Actors", "Frames"], ["actor"])
    with pytest.raises(ValidationError, match=message):
        with_choices(guessed, choices, ["actor"])
    with pytest.raises(ValidationError, match="--map takes GROUP=VARIABLE"):
        parse_choice("no sign")
