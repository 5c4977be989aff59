"""The YAML side of codebook files, apart from `codebook_file` because importing PyYAML
and building its loader and dumper take some tens of milliseconds that opening a project,
which reads its codebook from the database, does without."""

from __future__ import annotations

from collections.abc import Hashable

import yaml

from stancecoder.core.errors import CodebookError


def yaml_text(doc: dict[str, object]) -> str:
    """`doc` as YAML: multi-line text as literal blocks, keys in their given order."""
    return yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects a key given twice in one mapping instead of keeping the last."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[object, object]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, Hashable) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key}' appears twice in one entry", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def decode_yaml(text: str, origin: str) -> object:
    """The data of a YAML codebook's text; invalid YAML is a `CodebookError` naming its line."""
    loader: _StrictLoader | None = None
    try:
        loader = _StrictLoader(text)  # the reader refuses control characters right here
        return loader.get_single_data()
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        reason = f"not valid YAML at line {line}: control character #x{exc.character:02x}"
        raise CodebookError(origin, reason) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise CodebookError(origin, f"not valid YAML{at}: {problem}") from exc
    finally:
        if loader is not None:
            loader.dispose()


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as literal blocks and indents lists under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: _Dumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)
