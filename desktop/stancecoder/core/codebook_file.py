"""Codebook files: YAML for people who edit them by hand, JSON for other tools.

Writing leaves out every key that holds its default, so a saved codebook stays as short
as one written by hand, and reading it back gives an equal `CodebookSpec`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from stancecoder.core.codebook_model import CodebookSpec, CodeSpec, VariableSpec
from stancecoder.core.codebook_parse import parse_codebook
from stancecoder.core.errors import CodebookError


def codebook_to_dict(spec: CodebookSpec) -> dict[str, object]:
    """`spec` as plain data in the layout `parse_codebook` reads, defaults left out."""
    doc: dict[str, object] = {"name": spec.name, "version": spec.version}
    if spec.description:
        doc["description"] = spec.description
    doc["variables"] = [_variable_to_dict(variable) for variable in spec.variables]
    return doc


def load_codebook(path: Path) -> CodebookSpec:
    """Read and validate a .yaml/.yml/.json codebook; every failure is a `CodebookError`."""
    path = Path(path)
    decode = _DECODERS.get(path.suffix.lower())
    if decode is None:
        raise CodebookError(path.name, _unsupported(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CodebookError(path.name, f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        reason = f"not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}); save it as UTF-8"
        raise CodebookError(path.name, reason) from exc
    return parse_codebook(decode(text, path.name), path.name)


def codebook_text(spec: CodebookSpec, path: Path) -> str:
    """`spec` as the YAML or JSON text a file named `path` should hold, by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in _DECODERS:
        raise CodebookError(path.name, _unsupported(path))
    doc = codebook_to_dict(spec)
    if suffix == ".json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    from stancecoder.core.codebook_yaml import yaml_text  # only now: see codebook_yaml

    return yaml_text(doc)


def _variable_to_dict(variable: VariableSpec) -> dict[str, object]:
    doc: dict[str, object] = {"name": variable.name, "level": variable.level}
    if variable.scope != "passage":
        doc["scope"] = variable.scope
    if variable.multiple:
        doc["multiple"] = True
    if variable.description:
        doc["description"] = variable.description
    doc["codes"] = [_code_to_dict(code) for code in variable.codes]
    return doc


def _code_to_dict(code: CodeSpec) -> dict[str, object]:
    doc: dict[str, object] = {"label": code.label}
    if code.value is not None:
        doc["value"] = int(code.value) if code.value.is_integer() else code.value
    optional = {"colour": code.colour, "shortcut": code.shortcut, "uid": code.uid}
    doc.update((key, value) for key, value in optional.items() if value is not None)
    if not code.active:
        doc["active"] = False
    if code.description:
        doc["description"] = code.description
    if code.children:
        doc["children"] = [_code_to_dict(child) for child in code.children]
    return doc


def _unsupported(path: Path) -> str:
    return f"unsupported file type '{path.suffix}'; a codebook is a .yaml, .yml or .json file"


def _decode_json(text: str, origin: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=lambda pairs: _unique_pairs(pairs, origin))
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise CodebookError(origin, reason) from exc


def _unique_pairs(pairs: list[tuple[str, object]], origin: str) -> dict[str, object]:
    doc: dict[str, object] = {}
    for key, value in pairs:
        if key in doc:
            raise CodebookError(origin, f"key '{key}' appears twice in one entry")
        doc[key] = value
    return doc


def _decode_yaml(text: str, origin: str) -> object:
    from stancecoder.core.codebook_yaml import decode_yaml  # only now: see codebook_yaml

    return decode_yaml(text, origin)


_DECODERS: dict[str, Callable[[str, str], object]] = {
    ".yaml": _decode_yaml,
    ".yml": _decode_yaml,
    ".json": _decode_json,
}
