"""A REFI-QDA project (`.qde`) or codebook (`.qdc`) read from untrusted XML.

defusedxml parses it and refuses any document type declaration, and so every entity
expansion ("billion laughs") and external entity: no REFI-QDA file needs one. Elements are
matched by their local names, since tools differ in how they write the namespace; what a
text tool cannot use (pictures, PDF, audio, video, sets, graphs) is counted, not read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from stancecoder.core.errors import InputFileError
from stancecoder.core.refi.model import (
    RefiCode,
    RefiCoding,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    RefiVariable,
)

_OTHER_SOURCES = {
    "PictureSource": "picture",
    "PDFSource": "PDF",
    "AudioSource": "audio",
    "VideoSource": "video",
}


def parse_refi_xml(data: bytes, path: Path) -> RefiProject:
    """The project or codebook in `data` (the file at `path`, for messages)."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise InputFileError(
            path,
            f"refused: the XML declares a document type or entities ({type(error).__name__}), "
            "which REFI-QDA files never do",
        ) from error
    except ET.ParseError as error:
        raise InputFileError(path, f"not readable XML ({error})") from error
    kind = _local(root.tag)
    if kind == "CodeBook":
        codes = _child(root, "Codes")
        return RefiProject(name=path.stem, origin=root.get("origin", ""), codes=_codes(codes))
    if kind != "Project":
        raise InputFileError(path, f"not a REFI-QDA project or codebook (its root is <{kind}>)")
    return _project(root, path)


def _project(root: ET.Element, path: Path) -> RefiProject:
    try:
        project = RefiProject(
            name=root.get("name") or path.stem,
            origin=root.get("origin", ""),
            creating_user=_guid(root.get("creatingUserGUID")),
        )
        for user in _children(_child(root, "Users"), "User"):
            project.users.append(RefiUser(_required(user, "guid"), user.get("name") or ""))
        book = _child(root, "CodeBook")
        project.codes = _codes(_child(book, "Codes") if book is not None else None)
        for variable in _children(_child(root, "Variables"), "Variable"):
            project.variables.append(
                RefiVariable(
                    _required(variable, "guid"),
                    variable.get("name") or "",
                    variable.get("typeOfVariable", "Text"),
                )
            )
        sources = _child(root, "Sources")
        for element in list(sources) if sources is not None else []:
            kind = _local(element.tag)
            if kind == "TextSource":
                project.sources.append(_source(element))
            elif kind in _OTHER_SOURCES:
                name = _OTHER_SOURCES[kind]
                project.skipped[name] = project.skipped.get(name, 0) + 1
        for note in _children(_child(root, "Notes"), "Note"):
            project.notes.append(
                RefiNote(
                    _required(note, "guid"),
                    note.get("name") or "",
                    _text(note, "PlainTextContent"),
                    _guid(note.get("creatingUser")),
                )
            )
    except ValueError as error:
        raise InputFileError(
            path, f"not a REFI-QDA project as the standard has it: {error}"
        ) from error
    return project


def _source(element: ET.Element) -> RefiSource:
    inline = _child(element, "PlainTextContent")
    source = RefiSource(
        guid=_required(element, "guid"),
        name=element.get("name") or "",
        text_path=element.get("plainTextPath"),
        text=inline.text or "" if inline is not None else None,
    )
    for selection in _children(element, "PlainTextSelection"):
        source.selections.append(_selection(selection))
    source.codings = [_coding(c) for c in _children(element, "Coding")]
    for pair in _children(element, "VariableValue"):
        reference = _child(pair, "VariableRef")
        values = [child.text or "" for child in pair if _local(child.tag).endswith("Value")]
        if reference is not None and values:
            source.values[_required(reference, "targetGUID")] = values[0]
    return source


def _selection(element: ET.Element) -> RefiSelection:
    return RefiSelection(
        guid=_required(element, "guid"),
        start=_integer(element, "startPosition"),
        end=_integer(element, "endPosition"),
        name=element.get("name") or "",
        description=_text(element, "Description"),
        creating_user=_guid(element.get("creatingUser")),
        codings=[_coding(c) for c in _children(element, "Coding")],
        note_guids=[_required(n, "targetGUID") for n in _children(element, "NoteRef")],
    )


def _coding(element: ET.Element) -> RefiCoding:
    reference = _child(element, "CodeRef")
    if reference is None:
        raise ValueError(f"coding {element.get('guid')} names no code")
    return RefiCoding(
        guid=_required(element, "guid"),
        code_guid=_required(reference, "targetGUID"),
        creating_user=_guid(element.get("creatingUser")),
    )


def _codes(parent: ET.Element | None) -> list[RefiCode]:
    codes = []
    for element in _children(parent, "Code"):
        codes.append(
            RefiCode(
                guid=_required(element, "guid"),
                name=element.get("name") or "",
                codable=element.get("isCodable", "true").strip().lower() in ("true", "1"),
                colour=element.get("color"),
                description=_text(element, "Description"),
                children=_codes(element),
            )
        )
    return codes


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _child(parent: ET.Element | None, name: str) -> ET.Element | None:
    return next(iter(_children(parent, name)), None)


def _children(parent: ET.Element | None, name: str) -> list[ET.Element]:
    return [] if parent is None else [c for c in parent if _local(c.tag) == name]


def _text(parent: ET.Element, name: str) -> str:
    child = _child(parent, name)
    return (child.text or "") if child is not None else ""


def _required(element: ET.Element, attribute: str) -> str:
    value = element.get(attribute)
    if not value:
        raise ValueError(f"<{_local(element.tag)}> without its {attribute}")
    return _guid(value) or value


def _guid(value: str | None) -> str | None:
    """GUIDs compared as one writes them: braces and case vary between tools."""
    return value.strip().strip("{}").lower() if value else None


def _integer(element: ET.Element, attribute: str) -> int:
    value = element.get(attribute, "")
    try:
        return int(value)
    except ValueError:
        raise ValueError(
            f"<{_local(element.tag)}> has {attribute}={value!r}, not a whole number"
        ) from None
