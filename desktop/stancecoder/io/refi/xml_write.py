"""A REFI-QDA project or codebook as XML, in the element order the schemas demand.

The schemas allow no element of a vendor's own, so what the standard has no place for is
left out (see `core.refi.codebook_map` for what travels in descriptions). Characters
XML 1.0 cannot hold (control characters in a memo) become U+FFFD, so a file is always
well-formed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from stancecoder.core.refi.model import RefiCode, RefiCoding, RefiProject, RefiSelection

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def project_xml(project: RefiProject) -> bytes:
    ns = f"{{{PROJECT_NS}}}"
    attributes = {"name": project.name, "origin": project.origin}
    if project.creating_user:
        attributes["creatingUserGUID"] = project.creating_user
    root = _element(f"{ns}Project", attributes)
    if project.users:
        users = ET.SubElement(root, f"{ns}Users")
        for user in project.users:
            users.append(_element(f"{ns}User", {"guid": user.guid, "name": user.name}))
    if project.codes:
        book = ET.SubElement(root, f"{ns}CodeBook")
        _codes(ET.SubElement(book, f"{ns}Codes"), project.codes, ns)
    if project.variables:
        variables = ET.SubElement(root, f"{ns}Variables")
        for variable in project.variables:
            variables.append(
                _element(
                    f"{ns}Variable",
                    {"guid": variable.guid, "name": variable.name, "typeOfVariable": variable.kind},
                )
            )
    if project.sources:
        sources = ET.SubElement(root, f"{ns}Sources")
        for source in project.sources:
            attributes = {"guid": source.guid}
            if source.name:
                attributes["name"] = source.name
            if source.text_path is not None:
                attributes["plainTextPath"] = source.text_path
            element = _element(f"{ns}TextSource", attributes)
            sources.append(element)
            for selection in source.selections:
                element.append(_selection(selection, ns))
            for coding in source.codings:
                element.append(_coding(coding, ns))
            for guid, value in source.values.items():
                pair = ET.SubElement(element, f"{ns}VariableValue")
                ET.SubElement(pair, f"{ns}VariableRef", {"targetGUID": guid})
                ET.SubElement(pair, f"{ns}TextValue").text = _safe(value)
    if project.notes:
        notes = ET.SubElement(root, f"{ns}Notes")
        for note in project.notes:
            attributes = {"guid": note.guid, "name": note.name}
            if note.creating_user:
                attributes["creatingUser"] = note.creating_user
            element = _element(f"{ns}Note", attributes)
            ET.SubElement(element, f"{ns}PlainTextContent").text = _safe(note.text)
            notes.append(element)
    return _document(root, PROJECT_NS)


def codebook_xml(codes: list[RefiCode], origin: str) -> bytes:
    ns = f"{{{CODEBOOK_NS}}}"
    root = _element(f"{ns}CodeBook", {"origin": origin})
    _codes(ET.SubElement(root, f"{ns}Codes"), codes, ns)
    return _document(root, CODEBOOK_NS)


def _codes(parent: ET.Element, codes: list[RefiCode], ns: str) -> None:
    for code in codes:
        attributes = {
            "guid": code.guid,
            "name": code.name,
            "isCodable": "true" if code.codable else "false",
        }
        if code.colour:
            attributes["color"] = code.colour
        element = _element(f"{ns}Code", attributes)
        if code.description:
            ET.SubElement(element, f"{ns}Description").text = _safe(code.description)
        _codes(element, code.children, ns)
        parent.append(element)


def _selection(selection: RefiSelection, ns: str) -> ET.Element:
    attributes = {
        "guid": selection.guid,
        "name": selection.name,
        "startPosition": str(selection.start),
        "endPosition": str(selection.end),
    }
    if selection.creating_user:
        attributes["creatingUser"] = selection.creating_user
    element = _element(f"{ns}PlainTextSelection", attributes)
    if selection.description:
        ET.SubElement(element, f"{ns}Description").text = _safe(selection.description)
    for coding in selection.codings:
        element.append(_coding(coding, ns))
    for guid in selection.note_guids:
        ET.SubElement(element, f"{ns}NoteRef", {"targetGUID": guid})
    return element


def _coding(coding: RefiCoding, ns: str) -> ET.Element:
    attributes = {"guid": coding.guid}
    if coding.creating_user:
        attributes["creatingUser"] = coding.creating_user
    element = _element(f"{ns}Coding", attributes)
    ET.SubElement(element, f"{ns}CodeRef", {"targetGUID": coding.code_guid})
    return element


def _element(tag: str, attributes: dict[str, str]) -> ET.Element:
    return ET.Element(tag, {key: _safe(value) for key, value in attributes.items()})


def _safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _document(root: ET.Element, namespace: str) -> bytes:
    ET.register_namespace("", namespace)
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"
