"""The codebook model, its validation, its files, and the sample codebook."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from stancecoder.core.codebook import (
    CodebookSpec,
    CodeSpec,
    VariableSpec,
    codebook_text,
    codebook_to_dict,
    iter_codes,
    load_codebook,
    normalise_shortcut,
    parse_codebook,
)
from stancecoder.core.errors import CodebookError

SEEDS = Path(__file__).parents[2] / "seeds"
SAMPLE = SEEDS / "codebook.yaml"


def dump(spec: CodebookSpec, path: Path) -> None:
    path.write_text(codebook_text(spec, path), encoding="utf-8")


def seed_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


def minimal() -> dict:
    return {
        "name": "Test",
        "version": "1.0",
        "variables": [
            {
                "name": "actor",
                "level": "nominal",
                "codes": [
                    {"label": "Russia", "children": [{"label": "Putin"}]},
                    {"label": "Other"},
                ],
            },
            {
                "name": "topic",
                "level": "nominal",
                "codes": [{"label": "Sanctions", "shortcut": "Alt+1"}, {"label": "Trade"}],
            },
            {
                "name": "stance",
                "level": "ordinal",
                "codes": [
                    {"label": "Negative", "value": -1, "shortcut": "1"},
                    {"label": "Positive", "value": 1},
                ],
            },
        ],
    }


def rich_spec() -> CodebookSpec:
    """Every field away from its default, to prove that nothing is lost on a round trip."""
    codes = [
        CodeSpec("Россия", description="line one\nline two", colour="#aabbcc", uid="c-1"),
        CodeSpec("Old", active=False, shortcut="Ctrl+Shift+2"),
        CodeSpec("Parent", children=[CodeSpec("Child", value=3.0, uid="c-2")]),
    ]
    return CodebookSpec(
        name="Rich",
        version="2.10",
        description="Yes",
        variables=[
            VariableSpec("tags", "nominal", scope="article", multiple=True, codes=codes),
            VariableSpec("certainty", "interval", codes=[CodeSpec("Half", value=0.5)]),
        ],
    )


def parse_error(doc: object) -> CodebookError:
    with pytest.raises(CodebookError) as caught:
        parse_codebook(doc)
    return caught.value


# --- the sample codebook -------------------------------------------------------------------


def test_sample_has_the_three_passage_variables_and_an_article_variable() -> None:
    spec = load_codebook(SAMPLE)
    assert spec.name == "Putin's visit to Pyongyang, June 2024"
    assert spec.version == "1.0"
    assert spec.description
    passage = {v.name: v.level for v in spec.variables if v.scope == "passage"}
    assert passage == {"actor": "nominal", "topic": "nominal", "stance": "ordinal"}
    assert [v.name for v in spec.variables if v.scope == "article"] == ["genre"]
    assert not next(v for v in spec.variables if v.name == "actor").multiple


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_sample_round_trips_exactly(tmp_path: Path, suffix: str) -> None:
    spec = load_codebook(SAMPLE)
    target = tmp_path / f"copy{suffix}"
    dump(spec, target)
    assert load_codebook(target) == spec


def test_sample_stance_runs_from_minus_two_to_two_on_keys_one_to_five() -> None:
    stance = next(v for v in load_codebook(SAMPLE).variables if v.name == "stance")
    assert [(c.value, c.shortcut) for c in stance.codes] == [
        (-2.0, "1"),
        (-1.0, "2"),
        (0.0, "3"),
        (1.0, "4"),
        (2.0, "5"),
    ]
    assert [c.label for c in stance.codes][2] == "Neutral / ambivalent"


def test_sample_topics_have_shortcuts_and_the_required_codes() -> None:
    topic = next(v for v in load_codebook(SAMPLE).variables if v.name == "topic")
    labels = [c.label for c in topic.codes]
    for needed in ("Military cooperation", "Sanctions", "Strategic partnership treaty", "Other"):
        assert needed in labels
    assert any(label.startswith("De-dollarization") for label in labels)
    assert all(c.shortcut and c.shortcut.startswith("Alt+") for c in topic.codes)


def test_every_actor_in_the_sample_is_named_in_the_seed_articles() -> None:
    actor = next(v for v in load_codebook(SAMPLE).variables if v.name == "actor")
    generic = {"Analysts", "Unnamed experts and analysts", "Author (no attribution)", "Other"}
    text = seed_text()
    labels = [code.label for _, code in iter_codes(actor)]
    missing = [label for label in labels if label not in generic and label not in text]
    assert missing == []
    people = ["Putin", "Ushakov", "Kim Jong-un", "Chang Ho-jin", "Kim Hong-kyun", "Lim Soo-suk"]
    people += ["Kirby", "Biden", "Hayashi", "Sun Weidong", "Hong Min", "Cha", "Cronin", "Bennett"]
    for surname in people:
        assert any(surname in label for label in labels), surname
    assert all(code.description for _, code in iter_codes(actor))


def test_examples_in_the_sample_are_quoted_from_the_seed_articles() -> None:
    text = seed_text()
    examples = [
        found.group(1)
        for variable in load_codebook(SAMPLE).variables
        for _, code in iter_codes(variable)
        if (found := re.search(r'^Example: "(.+)"$', code.description, re.MULTILINE))
    ]
    assert len(examples) == 15
    assert [example for example in examples if example not in text] == []


def test_sample_colours_are_distinct_light_tints() -> None:
    def contrast_with_black(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        return (luminance + 0.05) / 0.05

    spec = load_codebook(SAMPLE)
    for name in ("actor", "topic", "stance"):
        variable = next(v for v in spec.variables if v.name == name)
        colours = [code.colour for code in variable.codes]
        assert None not in colours and len(set(colours)) == len(colours), name
        assert min(contrast_with_black(c) for c in colours) >= 7.0, name


# --- files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_every_field_survives_a_round_trip(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"rich{suffix}"
    dump(rich_spec(), target)
    assert load_codebook(target) == rich_spec()


def test_dict_leaves_out_defaults() -> None:
    spec = parse_codebook(minimal())
    assert codebook_to_dict(spec) == minimal()


def test_yaml_is_written_for_people(tmp_path: Path) -> None:
    target = tmp_path / "rich.yaml"
    dump(rich_spec(), target)
    text = target.read_text(encoding="utf-8")
    assert "Россия" in text
    assert "description: |-\n" in text
    assert text.index("name: Rich") < text.index("version: '2.10'") < text.index("variables:")
    assert "passage" not in text and "active: true" not in text
    assert "value: 3\n" in text


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    target = tmp_path / "bom.json"
    target.write_bytes(b"\xef\xbb\xbf" + json.dumps(minimal()).encode())
    assert load_codebook(target).name == "Test"


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    target = tmp_path / "broken.yaml"
    target.write_text("name: Test\nversion: '1.0'\nvariables: [\n  - name\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"^broken\.yaml: not valid YAML at line \d"):
        load_codebook(target)


def test_a_control_character_in_yaml_is_a_codebook_error(tmp_path: Path) -> None:
    target = tmp_path / "control.yaml"
    target.write_text("name: Test\nversion: '1.0\x1f'\n", encoding="utf-8")
    with pytest.raises(
        CodebookError, match=r"^control\.yaml: not valid YAML at line 2: control character #x1f$"
    ):
        load_codebook(target)


def test_yaml_key_given_twice_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "twice.yaml"
    target.write_text("name: A\nversion: '1'\nname: B\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="line 3, column 1: key 'name' appears twice"):
        load_codebook(target)


def test_json_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    target = tmp_path / "broken.json"
    target.write_text('{\n  "name": "Test",\n  "version" "1.0"\n}', encoding="utf-8")
    with pytest.raises(CodebookError, match=r"^broken\.json: not valid JSON at line 3, column 13"):
        load_codebook(target)


def test_json_key_given_twice_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "twice.json"
    target.write_text('{"name": "A", "name": "B"}', encoding="utf-8")
    with pytest.raises(CodebookError, match="key 'name' appears twice"):
        load_codebook(target)


def test_unquoted_colour_is_reported_not_dropped(tmp_path: Path) -> None:
    target = tmp_path / "colour.yaml"
    text = "name: T\nversion: '1'\nvariables:\n  - name: v\n    level: nominal\n    codes:\n"
    target.write_text(text + "      - label: A\n        colour: #ffcc00\n", encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        load_codebook(target)
    assert caught.value.where == "colour.yaml › variables[0] (v) › codes › A"
    assert "'colour' is empty; quote it" in caught.value.reason


def test_wrong_encoding_is_reported(tmp_path: Path) -> None:
    target = tmp_path / "latin1.yaml"
    target.write_bytes("name: Test\nversion: '1'\ndescription: café\n".encode("latin-1"))
    with pytest.raises(CodebookError, match=r"^latin1\.yaml: not UTF-8 text \(byte 0xe9 on line 3"):
        load_codebook(target)


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match=r"^absent\.yaml: cannot read the file"):
        load_codebook(tmp_path / "absent.yaml")


@pytest.mark.parametrize("action", ["load", "dump"])
def test_unsupported_suffix_is_reported(tmp_path: Path, action: str) -> None:
    target = tmp_path / "codebook.txt"
    target.write_text("name: Test", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"unsupported file type '\.txt'"):
        if action == "load":
            load_codebook(target)
        else:
            codebook_text(rich_spec(), target)


# --- validation ----------------------------------------------------------------------------


def test_minimal_codebook_parses_with_defaults() -> None:
    spec = parse_codebook(minimal())
    actor = spec.variables[0]
    assert (actor.scope, actor.multiple, actor.description) == ("passage", False, "")
    assert actor.codes[0].children[0] == CodeSpec("Putin")
    assert spec.variables[2].codes[0].value == -1.0


def test_colours_and_shortcuts_are_normalised() -> None:
    doc = minimal()
    doc["variables"][1]["codes"][1].update(colour="#AABBCC", shortcut="shift+alt+r")
    doc["variables"][2]["codes"][1]["shortcut"] = 2
    spec = parse_codebook(doc)
    assert (spec.variables[1].codes[1].colour, spec.variables[1].codes[1].shortcut) == (
        "#aabbcc",
        "Alt+Shift+R",
    )
    assert spec.variables[2].codes[1].shortcut == "2"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1", "1"),
        ("alt+1", "Alt+1"),
        ("Shift + Ctrl + 2", "Ctrl+Shift+2"),
        ("meta+alt+q", "Meta+Alt+Q"),
        ("F5", "F5"),
        ("Ctrl+", None),
        ("Alt", None),
        ("Hyper+1", None),
        ("Alt+Alt+1", None),
        ("Ctrl+K, Ctrl+C", None),
    ],
)
def test_normalise_shortcut(written: str, expected: str | None) -> None:
    assert normalise_shortcut(written) == expected


def test_iter_codes_walks_depth_first_with_paths() -> None:
    actor = parse_codebook(minimal()).variables[0]
    assert [path for path, _ in iter_codes(actor)] == [("Russia",), ("Russia", "Putin"), ("Other",)]


ACTOR = "codebook › variables[0] (actor)"
TOPIC = "codebook › variables[1] (topic)"
STANCE = "codebook › variables[2] (stance)"


def edit(doc: dict, path: str, value: object) -> dict:
    """`doc` with the entry at "variables.2.codes.0.value" set, or removed if value is ..."""
    *parents, last = [int(part) if part.isdigit() else part for part in path.split(".")]
    target = doc
    for part in parents:
        target = target[part]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "where", "reason"),
    [
        ("name", ..., "codebook", "'name' is missing"),
        ("name", "  ", "codebook", "'name' is empty"),
        ("version", ..., "codebook", "'version' is missing"),
        ("version", 1.0, "codebook", "'version' must be text, got 1.0; put it in quotes"),
        ("variables", [], "codebook", "'variables' is missing or empty"),
        ("variables", {"actor": 1}, "codebook", "'variables' must be a list, got a mapping"),
        ("variables.0", "actor", "codebook › variables[0]", "expected a mapping"),
        ("variables.0.name", ..., "codebook › variables[0]", "'name' is missing"),
        ("variables.2.level", "ratio", STANCE, "unknown level 'ratio'; use one of nominal,"),
        ("variables.2.level", ..., STANCE, "'level' is missing"),
        ("variables.0.scope", "document", ACTOR, "unknown scope 'document'; use one of"),
        ("variables.0.multiple", "yes", ACTOR, "'multiple' must be true or false, got 'yes'"),
        ("variables.1.name", "Actor", "codebook › variables[1] (Actor)", "already used by vari"),
        ("variables.1.codes", [], TOPIC, "'codes' is missing or empty"),
        ("variables.1.codes.1.label", "sanctions", f"{TOPIC} › codes › sanctions", "by Sanctions"),
        ("variables.1.codes.1.label", ..., f"{TOPIC} › codes[1]", "'label' is missing"),
        ("variables.1.codes.1.label", False, f"{TOPIC} › codes[1]", "must be text, got false"),
        ("variables.1.codes.1.label", "A › B", f"{TOPIC} › codes[1]", "contains '›'"),
        ("variables.2.codes.1.value", ..., f"{STANCE} › codes › Positive", "needs a numeric"),
        ("variables.2.codes.1.value", "high", f"{STANCE} › codes › Positive", "must be a num"),
        ("variables.2.codes.1.value", True, f"{STANCE} › codes › Positive", "must be a number"),
        ("variables.2.codes.1.value", float("inf"), f"{STANCE} › codes › Positive", "got inf"),
        ("variables.2.codes.1.value", -1.0, f"{STANCE} › codes › Positive", "value -1.0 is alr"),
        ("variables.2.codes.1.children", [{"label": "x"}], f"{STANCE} › codes › Positive", "an"),
        ("variables.1.codes.1.colour", "#ff00", f"{TOPIC} › codes › Trade", "'#ff00' is not of"),
        ("variables.1.codes.1.colour", "red", f"{TOPIC} › codes › Trade", "form #rrggbb"),
        ("variables.1.codes.1.shortcut", "Alt+", f"{TOPIC} › codes › Trade", "not a key seq"),
        ("variables.1.codes.1.shortcut", ["1"], f"{TOPIC} › codes › Trade", "got a list"),
        ("variables.1.codes.1.shortcut", "1", f"{STANCE} › codes › Negative", "topic › Trade"),
        ("variables.1.codes.1.active", "no", f"{TOPIC} › codes › Trade", "true or false"),
        ("variables.1.codes.1.uid", 7, f"{TOPIC} › codes › Trade", "'uid' must be text"),
        ("variables.1.codes.1.lable", "x", f"{TOPIC} › codes › Trade", "did you mean 'label'?"),
        ("variables.1.codes.1.colour_", "x", f"{TOPIC} › codes › Trade", "unknown key 'colou"),
        ("variables.0.levle", "x", ACTOR, "unknown key 'levle'; did you mean 'level'?"),
        ("varaibles", [], "codebook", "unknown key 'varaibles'; did you mean 'variables'?"),
        ("zzz", 1, "codebook", "unknown key 'zzz'; expected name, version, description, var"),
        ("variables.0.\n", None, ACTOR, "unknown key '\\n'; expected name, level, scope"),
    ],
)
def test_invalid_codebook_is_rejected(path: str, value: object, where: str, reason: str) -> None:
    error = parse_error(edit(minimal(), path, value))
    assert error.where == where
    assert reason in error.reason
    assert str(error).isprintable()  # one line, whatever the file's keys hold


def test_label_is_unique_across_the_whole_hierarchy() -> None:
    doc = edit(minimal(), "variables.0.codes.0.children.0.label", "Other")
    error = parse_error(doc)
    assert error.where == f"{ACTOR} › codes › Other"
    assert error.reason == "label 'Other' is already used by Russia › Other"


def test_child_without_label_is_located_under_its_parent() -> None:
    error = parse_error(edit(minimal(), "variables.0.codes.0.children.0.label", ...))
    assert error.where == f"{ACTOR} › codes › Russia › children[0]"


def test_same_keys_in_another_spelling_clash() -> None:
    doc = edit(minimal(), "variables.1.codes.0.shortcut", "shift+alt+1")
    doc = edit(doc, "variables.2.codes.1.shortcut", "Alt+Shift+1")
    error = parse_error(doc)
    assert error.where == f"{STANCE} › codes › Positive"
    assert error.reason == "shortcut 'Alt+Shift+1' is already used by topic › Sanctions"


def test_uid_is_unique_across_variables() -> None:
    doc = edit(minimal(), "variables.0.codes.1.uid", "u-1")
    error = parse_error(edit(doc, "variables.2.codes.0.uid", "u-1"))
    assert error.where == f"{STANCE} › codes › Negative"
    assert error.reason == "uid 'u-1' is already used by actor › Other"


@pytest.mark.parametrize(
    ("doc", "reason"), [(None, "the codebook is empty"), ([1], "expected a mapping")]
)
def test_document_that_is_not_a_codebook(doc: object, reason: str) -> None:
    error = parse_error(doc)
    assert error.where == "codebook"
    assert reason in error.reason


def test_origin_starts_every_location(tmp_path: Path) -> None:
    doc = edit(copy.deepcopy(minimal()), "variables.2.codes.1.value", ...)
    target = tmp_path / "mine.json"
    target.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        load_codebook(target)
    assert str(caught.value).startswith("mine.json › variables[2] (stance) › codes › Positive: ")
