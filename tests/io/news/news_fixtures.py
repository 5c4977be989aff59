"""Synthetic news-database exports for the importer tests, each with the traps of its format.

Run as a script to write every variant into a folder: `python news_fixtures.py OUT`.
Everything here is invented (CC0); layouts follow Nexis Uni .docx, LexisNexis Academic
.txt, Factiva .rtf and .html and ProQuest .txt exports, Media Cloud and GDELT lists, web
pages and PDFs as described in the module docstrings of `stancecoder.io.news`; the PDFs
are written by hand, object by object.
"""

from __future__ import annotations

import csv
import io
import sys
import textwrap
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NBSP = "\u00a0"


@dataclass
class Story:
    """One article as a database would export it; `fields` are the header labels after the
    date line, `trailer` the ones before Load-Date, both in English."""

    title: str
    source: str
    date_line: str
    body: list[str]
    fields: list[tuple[str, str]] = field(default_factory=list)
    load_date: str | None = None
    language: str | None = None
    graphic: str | None = None
    copyright: str | None = None
    trailer: list[tuple[str, str]] = field(default_factory=list)


STORIES = [
    Story(
        title="Council approves cycling lanes",
        source="The Example Gazette (Springfield)",
        date_line="March 4, 2021 Thursday, Final Edition",
        body=[
            "Springfield will get its first network of protected bike lanes after a "
            "late-night council vote that split neighbourhood groups.",
            "Cost: 2.4 million dollars",
            "Council member Raj Patel, who voted against the plan, said the suburbs had "
            "been ignored by the planners and by the mayor.",
        ],
        fields=[
            ("Section", "NEWS; Pg. A3"),
            ("Length", "96 words"),
            ("Byline", "Jane Q. Reporter"),
        ],
        load_date="March 5, 2021",
        language="ENGLISH",
        graphic="PHOTO: Cyclists on Main Street, where shop owners say parking will become "
        "scarce once the new lanes are built",
        copyright="Copyright 2021 Example Media Ltd.",
    ),
    Story(
        title="City council backs protected bike lanes after long dispute",
        source="Example Press Wire",
        date_line="March 3, 2021 Wednesday 11:42 PM EST",
        body=[
            "The city council voted 7-2 on Wednesday to build 14 kilometres of protected "
            "cycling lanes, ending a two-year dispute over road space.",
            "TABER: We never agreed to that, and we said so at every hearing.",
            '"We listened to every neighbourhood," Mayor Ana Ortiz said after the vote.',
            "The project is expected to cost 2.4 million dollars and to be finished by "
            "the end of next year.",
        ],
        fields=[
            ("Section", "STATE AND REGIONAL"),
            ("Length", "131 words"),
            ("Dateline", "SPRINGFIELD"),
        ],
        load_date="March 4, 2021",
        language="ENGLISH",
        trailer=[
            ("Publication-Type", "Newswire"),
            ("Subject", "CYCLING (92%); CITY COUNCILS (88%)"),
        ],
    ),
    Story(
        title="Shop owners fear parking squeeze",
        source="The Example Gazette (Springfield)",
        date_line="March 6, 2021 Saturday",
        body=[
            "Shop owners on Main Street say the new lanes will take away half of the "
            "parking spaces in front of their stores.",
            "Age: 45, owner of a bakery since 2001, said she would wait and see.",
        ],
        fields=[("Section", "BUSINESS; Pg. B1"), ("Length", "58 words"), ("Byline", "Ana Writer")],
        load_date="March 7, 2021",
    ),
]

GERMAN_STORIES = [
    Story(
        title="Stadtrat beschließt Radwege",
        source="Beispiel-Zeitung",
        date_line="4. März 2021 Donnerstag",
        body=[
            "Der Stadtrat hat in der Nacht zum Donnerstag ein Netz geschützter Radwege "
            "beschlossen, nach zwei Jahren Streit über den Straßenraum.",
            "Die Geschäftsleute in der Hauptstraße fürchten um ihre Parkplätze vor den "
            "Läden und wollen klagen.",
        ],
        fields=[("Rubrik", "LOKALES; S. 3"), ("Länge", "412 Wörter"), ("Autor", "Jana Muster")],
        load_date="5. März 2021",
        language="GERMAN",
    ),
    Story(
        title="Radwege: Kosten steigen",
        source="Beispiel-Rundschau",
        date_line="6. März 2021 Samstag",
        body=[
            "Die Kosten für die neuen Radwege steigen nach Angaben der Verwaltung um ein "
            "Viertel auf drei Millionen Euro.",
        ],
        fields=[("Rubrik", "REGION"), ("Länge", "120 Wörter")],
        load_date="7. März 2021",
        language="GERMAN",
    ),
]

# ----------------------------------------------------------------------------- Nexis Uni

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.custom-properties+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>'
)


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _p(*runs: str, bookmark: str | None = None, br: bool = False) -> str:
    mark = ""
    if bookmark is not None:
        mark = f'<w:bookmarkStart w:id="0" w:name={quoteattr(bookmark)}/><w:bookmarkEnd w:id="0"/>'
    lead = "<w:r><w:br/></w:r>" if br else ""
    return f"<w:p>{mark}{lead}{''.join(runs)}</w:p>"


def _label(label: str, value: str, br: bool = False) -> str:
    return _p(_run(f"{label}:", bold=True), _run(f"{NBSP}{value}"), br=br)


def _split_runs(text: str, width: int = 7) -> list[str]:
    """A paragraph in runs of a few characters, as search-term highlights cut it."""
    return [_run(text[i : i + width]) for i in range(0, len(text), width)]


def _nexis_article(story: Story, number: int, bookmarks: bool, ended: bool) -> list[str]:
    out = [_p(bookmark=f"Bookmark_{number}" if bookmarks else None)]
    out += [_p(_run(story.title, bold=True)), _p(_run(story.source)), _p(_run(story.date_line))]
    out.append(_p())
    if story.copyright:
        out.append(_p(_run(f"{story.copyright} All Rights Reserved"), br=True))
    out.append(_p(br=True))
    out += [_label(label, value) for label, value in story.fields]
    body_mark = "Body" if number == 1 else f"Body_{number - 1}"
    out += [_p(_run("Body", bold=True), bookmark=body_mark if bookmarks else None), _p()]
    for paragraph in story.body:
        label, sep, rest = paragraph.partition(": ")
        if sep and label[:1].isupper() and " " not in label:
            # a "Key: value" line of the body, written with a no-break space as the labels are
            out.append(_p(_run(f"{label}:", bold=True), _run(f"{NBSP}{rest}")))
        else:
            out.append(_p(*_split_runs(paragraph)))
    if not ended:
        return out
    if story.graphic:
        out += [_p(_run("Graphic", bold=True)), _p(), _p(_run(story.graphic))]
    if story.trailer or story.language:
        out += [_p(_run("Classification", bold=True)), _p(), _p()]
        if story.language:
            out.append(_label("Language", story.language))
        out += [_label(label, value, br=True) for label, value in story.trailer]
    if story.load_date:
        out.append(_label("Load-Date", story.load_date, br=True))
    out += [_p(), _p(_run("End of Document", bold=True), br=True)]
    return out


def _cover(stories: list[Story], german: bool) -> list[str]:
    documents = "Dokumente" if german else "Documents"
    sources = "Quellen" if german else "Sources"
    out = [
        _p(_run("User Name: = Example University")),
        _p(_run("Date and Time: Friday, 5. March 2021 09:31:00 CET")),
        _p(_run("Job Number: 00000001")),
        _p(_run(f"{documents} ({len(stories)})")),
    ]
    for number, story in enumerate(stories, start=1):
        link = f'<w:hyperlink w:anchor="Bookmark_{number}">{_run(story.title)}</w:hyperlink>'
        out.append(f"<w:p>{_run(f'{number}. ')}{link}</w:p>")
        out += [
            _p(_run("Client/Matter: -None-")),
            _p(_run("Search Terms: bike lanes")),
            _p(_run("Search Type: Natural Language")),
            _p(_run("Narrowed by:")),
        ]
        cells = ["Content Type", "Narrowed by", "News", f"{sources}: {story.source}"]
        row = "".join(f"<w:tc>{_p(_run(cell))}</w:tc>" for cell in cells[:2])
        row2 = "".join(f"<w:tc>{_p(_run(cell))}</w:tc>" for cell in cells[2:])
        out.append(f"<w:tbl><w:tr>{row}</w:tr><w:tr>{row2}</w:tr></w:tbl>")
    return out


def nexis_uni_docx(
    path: Path,
    stories: list[Story],
    *,
    cover: bool = False,
    doc_count: int | None = None,
    bookmarks: bool = True,
    truncated: bool = False,
    german_cover: bool = False,
) -> Path:
    """A Nexis Uni export of `stories`; `doc_count` overrides LADocCount (default: the
    stories, plus one for a cover page); `truncated` cuts the last story in its body."""
    parts = _cover(stories, german_cover) if cover else []
    for number, story in enumerate(stories, start=1):
        ended = not (truncated and number == len(stories))
        parts += _nexis_article(story, number, bookmarks, ended)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
        f"<w:body>{''.join(parts)}<w:sectPr/></w:body></w:document>"
    )
    count = len(stories) + (1 if cover else 0) if doc_count is None else doc_count
    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://'
        'schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://'
        'schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="'
        '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="LADocCount">'
        f"<vt:i4>{count}</vt:i4></property></Properties>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("docProps/custom.xml", custom)
    return path


# ----------------------------------------------------------------- LexisNexis Academic

_LEXIS_LABELS = {
    "en": {},
    "de": {"Byline": "AUTOR", "Section": "RUBRIK", "Length": "LÄNGE", "Language": "SPRACHE"},
}


def _centred(line: str, width: int = 80) -> str:
    return line.center(width).rstrip()


def _lexis_label(label: str, language: str) -> str:
    return _LEXIS_LABELS[language].get(label, label.upper())


def _lexis_article(story: Story, number: int, total: int, language: str, cut: bool) -> list[str]:
    marker = {"en": f"{number} of {total} DOCUMENTS", "de": f"Dokument {number} von {total}"}
    date_line, edition = story.date_line, ""
    if "Edition" in date_line:  # on a centred line of its own under the date
        date_line, _, edition = date_line.rpartition(", ")
    out = [_centred(marker[language]), "", "", "", _centred(story.source), ""]
    out.append(_centred(date_line))
    if edition:
        out.append(_centred(edition))
    out += ["", story.title, ""]
    for label, value in story.fields:
        if label != "Dateline":
            out += [f"{_lexis_label(label, language)}: {value}", ""]
    body = story.body[: max(1, len(story.body) // 2)] if cut else story.body
    for paragraph in body:
        out += [*textwrap.wrap(paragraph, 78), ""]
    if cut:
        return out[:-2]
    if story.load_date:
        out += [f"LOAD-DATE: {story.load_date}", ""]
    if story.language:
        out += [f"{_lexis_label('Language', language)}: {story.language}", ""]
    if story.graphic:
        out += [*textwrap.wrap(f"GRAPHIC: {story.graphic}", 78), ""]
    out += [f"{label.upper()}: {value}" for label, value in story.trailer]
    out += ["", ""]
    if story.copyright:
        out += [_centred(story.copyright), _centred("All Rights Reserved"), ""]
    return out


def lexis_academic_txt(
    path: Path,
    stories: list[Story],
    *,
    language: str = "en",
    total: int | None = None,
    cover: bool = True,
    crlf: bool = True,
    bom: bool = True,
    cut: bool = False,
    first: int = 1,
) -> Path:
    """A LexisNexis Academic export of `stories`, numbered from `first`; `total` overrides
    the m of "n of m DOCUMENTS"; `cut` ends the file inside the last story's body."""
    lines = []
    if cover:
        lines += [
            "",
            f"Download Request: Selected Items: 1-{len(stories)}",
            "Time Of Request: Friday, March 5, 2021  10:00:00",
            "",
            "Terms: bike lanes",
            "",
            "",
        ]
    count = len(stories) if total is None else total
    for index, story in enumerate(stories):
        last = index + 1 == len(stories)
        lines += _lexis_article(story, first + index, count, language, cut and last)
    newline = "\r\n" if crlf else "\n"
    data = newline.join(lines).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def _rtf_escaped(text: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        elif ord(char) < 256 and char.encode("cp1252", "ignore"):
            out.append(f"\\'{char.encode('cp1252')[0]:02x}")
        else:
            out.append(f"\\u{ord(char)}?")
    return "".join(out)


def lexis_academic_rtf(path: Path, stories: list[Story], *, language: str = "en") -> Path:
    """The same export as RTF: centred lines as centred paragraphs (no leading spaces),
    accented letters as cp1252 escapes, curly quotes as Unicode escapes, and a page
    header ("Page 1 of 2") that must not become text."""
    plain = path.with_suffix(".rtf-lines")
    lexis_academic_txt(plain, stories, language=language, crlf=False, bom=False)
    lines = plain.read_text("utf-8").split("\n")
    plain.unlink()
    out = [
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fmodern Courier New;}}",
        "{\\header\\pard\\qc Page 1 of 2\\par}",
    ]
    for line in lines:
        centred = line.startswith("  ")
        quoted = line.replace('"', "\u201c", 1).replace('"', "\u201d", 1)
        text = _rtf_escaped(quoted.strip() if centred else quoted)
        out.append(("\\pard\\qc " if centred else "\\pard ") + text + "\\par")
    out.append("}")
    path.write_bytes("\n".join(out).encode("ascii"))
    return path


# --------------------------------------------------------------------- Factiva, ProQuest


@dataclass
class Wire:
    """One article as Factiva and ProQuest export it. `date` is written as the export
    writes it; `lead` is how many paragraphs of `body` Factiva puts under LP."""

    title: str
    source: str
    source_code: str
    date: str
    body: list[str]
    accession: str
    words: str
    language: str = "English"
    byline: str | None = None
    section: str | None = None
    time: str | None = None
    lead: int = 1
    copyright: str | None = None
    codes: list[tuple[str, str]] = field(default_factory=list)
    document_id: str = "1000000001"


WIRES = [
    Wire(
        title="Council approves cycling lanes",
        source="The Example Gazette",
        source_code="EXGAZ",
        date="4 March 2021",
        body=[
            "Springfield will get its first network of protected bike lanes after a "
            "late-night council vote that split neighbourhood groups.",
            "Cost: 2.4 million dollars",
            "Council member Raj Patel, who voted against the plan, said the suburbs had "
            "been ignored by the planners and by the mayor.",
        ],
        accession="EXGAZ00020210304eh340000e",
        words="96 words",
        byline="By Jane Q. Reporter",
        section="Local",
        lead=2,
        copyright="Copyright 2021 Example Media Ltd.",
        codes=[
            ("NS", "gpol : Domestic Politics | gcat : Political/General News"),
            ("RE", "usa : United States"),
            ("PUB", "Example Media Ltd"),
        ],
        document_id="1000000001",
    ),
    Wire(
        title="City council backs protected bike lanes after long dispute",
        source="Example Press Wire",
        source_code="EXPRW",
        date="3 March 2021",
        time="23:42",
        body=[
            "SPRINGFIELD (Example Press) - The city council voted 7-2 on Wednesday to build "
            "14 kilometres of protected cycling lanes.",
            "Subject: the road space the lanes take, as the opponents put it.",
            '"We listened to every neighbourhood," Mayor Ana Ortiz said after the vote.',
        ],
        accession="EXPRW00020210303eh330002z",
        words="131 words",
        lead=2,
        copyright="(c) 2021 Example Press. All rights reserved.",
        codes=[("CO", "exprco : Example Press Co"), ("IN", "itrans : Transportation/Logistics")],
        document_id="1000000002",
    ),
    Wire(
        title="Shop owners fear parking squeeze",
        source="The Example Gazette",
        source_code="EXGAZ",
        date="6 March 2021",
        body=[
            "Shop owners on Main Street say the new lanes will take away half of the "
            "parking spaces in front of their stores.",
            "Age: 45, owner of a bakery since 2001, said she would wait and see.",
        ],
        accession="EXGAZ00020210306eh360000b",
        words="58 words",
        byline="Ana Writer",
        section="Business",
        document_id="1000000003",
    ),
]

GERMAN_WIRES = [
    Wire(
        title="Stadtrat beschließt Radwege",
        source="Beispiel-Zeitung",
        source_code="BSPZ",
        date="4 März 2021",
        body=[
            "Der Stadtrat hat in der Nacht zum Donnerstag ein Netz geschützter Radwege "
            "beschlossen, nach zwei Jahren Streit über den Straßenraum.",
            "Die Geschäftsleute in der Hauptstraße fürchten um ihre Parkplätze vor den "
            "Läden und wollen klagen.",
        ],
        accession="BSPZ000020210304eh340000c",
        words="412 Wörter",
        language="Deutsch",
        byline="Von Jana Muster",
        section="Lokales",
        copyright="(c) 2021 Beispiel-Verlag",
        document_id="1000000011",
    ),
    Wire(
        title="Radwege: Kosten steigen",
        source="Beispiel-Rundschau",
        source_code="BSPR",
        date="6 März 2021",
        body=[
            "Die Kosten für die neuen Radwege steigen nach Angaben der Verwaltung um ein "
            "Viertel auf drei Millionen Euro.",
        ],
        accession="BSPR000020210306eh360000d",
        words="120 Wörter",
        language="Deutsch",
        document_id="1000000012",
    ),
]

_TRAILER_WORD = {"English": "Document", "Deutsch": "Dokument"}


def _factiva_header(wire: Wire) -> list[tuple[str, str]]:
    fields = [("SE", wire.section), ("HD", wire.title), ("BY", wire.byline)]
    fields += [("WC", wire.words), ("PD", wire.date), ("ET", wire.time)]
    fields += [("SN", wire.source), ("SC", wire.source_code), ("LA", wire.language)]
    fields.append(("CY", wire.copyright))
    return [(code, value) for code, value in fields if value is not None]


def _factiva_fields(wire: Wire) -> list[tuple[str, list[str]]]:
    """The indexed fields in Factiva's order, LP and TD as lists of paragraphs."""
    fields: list[tuple[str, list[str]]] = [(c, [v]) for c, v in _factiva_header(wire)]
    lead, tail = wire.body[: wire.lead], wire.body[wire.lead :]
    if lead:
        fields.append(("LP", lead))
    if tail:
        fields.append(("TD", tail))
    fields += [(code, [value]) for code, value in wire.codes]
    return fields


def factiva_rtf(
    path: Path,
    wires: list[Wire],
    *,
    indexed: bool | list[bool] = True,
    truncated: bool = False,
    crlf: bool = False,
) -> Path:
    """A Factiva export of `wires` as RTF: bold codes and tab-indented continuation
    paragraphs when `indexed`, the bare lines otherwise; a page header, a logo picture
    after each article, accented letters as cp1252 escapes and others as Unicode escapes,
    soft hyphens as \\- and no-break spaces as \\~ where the text has them. `indexed`
    may say it for each article (an export mixing both); `truncated` ends the file inside
    the last article's text."""
    out = [
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\fswiss Arial;}}",
        "{\\header \\pard\\qr Page {\\field{\\*\\fldinst PAGE}{\\fldrslt 1}} of 2\\par}",
        "\\pard {\\b Factiva}\\par",
    ]
    kinds = indexed if isinstance(indexed, list) else [indexed] * len(wires)
    for number, (wire, with_codes) in enumerate(zip(wires, kinds, strict=True), start=1):
        cut = truncated and number == len(wires)
        if with_codes:
            for code, values in _factiva_fields(wire):
                first, *more = values
                out.append(f"\\pard {{\\b {code}}}\\tab {_rtf_text(first)}\\par")
                out += [f"\\pard\\tab {_rtf_text(value)}\\par" for value in more]
                if cut and code == "LP":
                    break
        else:
            for code, value in _factiva_header(wire):
                text = _rtf_text(value)
                out.append(f"\\pard {{\\b {text}}}\\par" if code == "HD" else f"\\pard {text}\\par")
            for paragraph in wire.body[:1] if cut else wire.body:
                out.append(f"\\pard {_rtf_text(paragraph)}\\par")
        if cut:
            break
        word = _TRAILER_WORD.get(wire.language, "Document")
        an = f"{word} {wire.accession}"
        an = f"{{\\b AN}}\\tab {an}" if with_codes else an
        out.append(f"\\pard {an}\\par")
        out.append("{\\pict\\pngblip\\picw1\\pich1 89504e470d0a1a0a0000000d49484452}")
        out.append("\\page")
    out.append("}")
    newline = "\r\n" if crlf else "\n"
    path.write_bytes(newline.join(out).encode("ascii"))
    return path


def _rtf_text(text: str) -> str:
    """RTF for `text`: a soft hyphen as \\-, a no-break space as \\~."""
    escaped = _rtf_escaped(text.replace("\u00ad", "\x00").replace("\u00a0", "\x01"))
    return escaped.replace("\x00", "\\-").replace("\x01", "\\~")


def factiva_html(
    path: Path,
    wires: list[Wire],
    *,
    indexed: bool = True,
    truncated: bool = False,
    nested: bool = True,
    encoding: str = "utf-8",
) -> Path:
    """A Factiva export of `wires` as a web page: each article an element of class
    "article xxArticle" (inside another "article" element when `nested`), a table of
    field codes when `indexed`, else the headline in #hd, the byline in .author and the
    other fields in unlabelled <div>s. Paragraphs are left unclosed, values follow <br/>,
    entities stand for some characters. `truncated` ends the page in the last text."""
    lang = {"English": "en", "Deutsch": "de"}
    out = [
        "<!DOCTYPE html>",
        f'<html><head><meta charset="{encoding}"><title>Factiva</title>',
        "<style>.index { font-weight: bold }</style></head><body>",
        '<div id="headlines"><b>Factiva</b></div>',
    ]
    for number, wire in enumerate(wires, start=1):
        cut = truncated and number == len(wires)
        xx = lang.get(wire.language, "en")
        inner = f'<div class="article {xx}Article">'
        out.append(
            f'<div id="article-{wire.accession}" class="article">{inner}' if nested else inner
        )
        word = _TRAILER_WORD.get(wire.language, "Document")
        if indexed:
            out.append('<table border="0" width="100%">')
            for code, values in _factiva_fields(wire):
                cell = f'<td align="right" class="index" valign="top"><b>{code}</b>&nbsp;</td>'
                if code == "HD":
                    value = f'<b class="{xx}Headline">{_html(values[0])}</b>'
                elif code in ("LP", "TD"):
                    paragraphs = values[:1] if cut and code == "LP" else values
                    value = "".join(
                        f'<p class="articleParagraph {xx}articleParagraph">{_html(v)}\n'
                        for v in paragraphs
                    )
                elif code in ("NS", "RE", "CO", "IN", "PUB"):
                    value = f"<br/>{_html(values[0])}"
                else:
                    value = _html(values[0])
                out.append(f"<tr>{cell}<td>{value}</td></tr>")
                if cut and code == "LP":
                    break
            if not cut:
                out.append(
                    '<tr><td align="right" class="index" valign="top"><b>AN</b>&nbsp;</td>'
                    f"<td><br/>{word} {wire.accession}</td></tr>"
                )
            out.append("</table>")
        else:
            header = dict(_factiva_header(wire))
            if "SE" in header:
                out.append(f"<div>{_html(header['SE'])}</div>")
            out.append(f'<div id="hd"><span class="{xx}Headline">{_html(wire.title)}</span></div>')
            if wire.byline:
                out.append(f'<div class="author">{_html(wire.byline)}</div>')
            for code in ("WC", "PD", "ET", "SN", "SC", "LA", "CY"):
                if code in header:
                    out.append(f"<div>{_html(header[code])}</div>")
            for paragraph in wire.body[:1] if cut else wire.body:
                out.append(
                    f'<p class="articleParagraph {xx}articleParagraph">{_html(paragraph)}</p>'
                )
            if not cut:
                out.append(f"<p>{word} {wire.accession}</p>")
        if cut:
            break
        out.append("</div></div>" if nested else "</div>")
    if not truncated:
        out.append("</body></html>")
    path.write_bytes("\n".join(out).encode(encoding))
    return path


def _html(text: str) -> str:
    """HTML for `text`, with an ampersand and a no-break space as entities."""
    return escape(text).replace("\u00a0", "&nbsp;")


PROQUEST_RULE = "_" * 60


def proquest_txt(
    path: Path,
    wires: list[Wire],
    *,
    total: int | None = None,
    cut: bool = False,
    crlf: bool = False,
    bom: bool = False,
    contents: bool = True,
) -> Path:
    """A ProQuest "Text only" export of `wires`: the report's preamble and table of
    contents, records between lines of 60 underscores, each "Document n of m", its title,
    blank-line separated "Label: value" blocks with Full text running over several
    paragraphs, and ProQuest's contact note at the end. `total` overrides m; `cut` ends
    the file inside the last record's text."""
    count = len(wires) if total is None else total
    lines = [PROQUEST_RULE, "", "Report Information from ProQuest", "05 March 2021 10:00"]
    lines += [PROQUEST_RULE, ""]
    if contents:
        lines += ["Table of contents", ""]
        lines += [f"{n}. {wire.title}" for n, wire in enumerate(wires, start=1)]
        lines += ["", PROQUEST_RULE, ""]
    for number, wire in enumerate(wires, start=1):
        last = number == len(wires)
        lines += [f"Document {number} of {count}", "", wire.title, ""]
        if wire.byline:
            lines += [f"Author: {wire.byline.removeprefix('By ').removeprefix('Von ')}", ""]
        lines += [f"Publication info: {wire.source}. {wire.date}.", ""]
        lines += [f"http://search.proquest.com/docview/{wire.document_id}?accountid=12345", ""]
        body = wire.body[:1] if cut and last else wire.body
        if body:
            lines += [f"Full text: {body[0]}", ""]
        for paragraph in body[1:]:
            lines += [paragraph, ""]
        if cut and last:
            break
        fields = [
            ("Subject", "Bicycles; City councils"),
            ("Title", wire.title),
            ("Publication title", wire.source),
            ("Publication date", wire.date),
            ("Section", wire.section),
            ("Publisher", "Example Media Ltd"),
            ("Source type", "Newspapers"),
            ("Language of publication", wire.language if wire.language != "Deutsch" else "German"),
            ("Document type", "News"),
            ("ProQuest document ID", wire.document_id),
            ("Document URL", f"https://www.proquest.com/docview/{wire.document_id}"),
            ("Copyright", wire.copyright),
            ("Last updated", "2021-03-07"),
            ("Database", "ProQuest Central"),
        ]
        for label, value in fields:
            if value is not None:
                lines += [f"{label}: {value}", ""]
        lines += [PROQUEST_RULE, ""]
    if not cut:
        lines += [
            "Contact ProQuest",
            "Copyright \u00a9 2021 ProQuest LLC. All rights reserved.",
            "",
        ]
    newline = "\r\n" if crlf else "\n"
    data = newline.join(lines).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


# The day each of STORIES appeared, as lists of metadata write it.
STORY_DATES = ["2021-03-04", "2021-03-03", "2021-03-06"]

# An article over two PDF pages: a word hyphenated at a line end ("deci-" / "sion", the
# text writing "decision" elsewhere) and a paragraph running on to the next page.
PDF_PAGES = [
    [
        "Springfield will get its first network of protected bike lanes after a late-night "
        "council vote. The decision split neighbourhood groups across the city.",
        "Council member Raj Patel, who voted against the plan, said the deci-",
        "sion ignored the suburbs and the people who drive from them into the city "
        "centre every day, and that the planners",
    ],
    [
        "had never asked them. The project is expected to cost 2.4 million dollars and to "
        "be finished by the end of next year, officials said on Thursday.",
    ],
]


def _story_url(number: int) -> str:
    return f"https://news{number}.example.invalid/local/story-{number}"


def _csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


def media_cloud_csv(
    path: Path,
    stories: list[Story],
    *,
    legacy: bool = False,
    text: bool = False,
    delimiter: str = ",",
) -> Path:
    """A Media Cloud story list of `stories`: search.mediacloud.org's eight columns, or the
    legacy Explorer's (`legacy`), with a text column of the bodies when `text`. The second
    row has no publication date, as Media Cloud lists often do."""
    if legacy:
        header = ["stories_id", "publish_date", "title", "url", "language", "ap_syndicated"]
        header += ["themes", "media_id", "media_name", "media_url"]
    else:
        header = ["id", "indexed_date", "language", "media_name", "media_url"]
        header += ["publish_date", "title", "url"]
    header += ["text"] if text else []
    rows = []
    for number, story in enumerate(stories, start=1):
        date = "" if number == 2 else f"{STORY_DATES[number - 1]} 06:12:33"
        host = f"news{number}.example.invalid"
        values = {
            "id": f"{number:064x}",
            "stories_id": str(1000 + number),
            "indexed_date": f"{STORY_DATES[number - 1]} 07:00:00.123456",
            "language": "en",
            "ap_syndicated": "False",
            "themes": "",
            "media_id": str(20 + number),
            "media_name": story.source,
            "media_url": host,
            "publish_date": date,
            "title": story.title,
            "url": _story_url(number),
            "text": "\n\n".join(story.body),
        }
        rows.append([values[name] for name in header])
    return _csv(path, header, rows, delimiter)


def gdelt_doc_csv(path: Path, stories: list[Story], *, text: bool = False) -> Path:
    """A GDELT DOC 2.0 article list of `stories` (seendate as 20210304T061233Z)."""
    header = ["url", "url_mobile", "title", "seendate", "socialimage", "domain", "language"]
    header += ["sourcecountry"] + (["text"] if text else [])
    rows = []
    for number, story in enumerate(stories, start=1):
        seen = STORY_DATES[number - 1].replace("-", "") + "T061233Z"
        row = [_story_url(number), "", story.title, seen, "", f"news{number}.example.invalid"]
        row += ["English", "United States"] + (["\n\n".join(story.body)] if text else [])
        rows.append(row)
    return _csv(path, header, rows)


def gdelt_gkg(path: Path, stories: list[Story]) -> Path:
    """A GDELT GKG 2.1 file: tab-separated records of 27 fields without a header, the
    title only inside the last field's XML."""
    lines = []
    for number, story in enumerate(stories, start=1):
        date = STORY_DATES[number - 1].replace("-", "") + "061500"
        fields = [f"{date}-{number}", date, "1", f"news{number}.example.invalid"]
        fields += [_story_url(number)] + [""] * 21
        fields += [f"<PAGE_TITLE>{escape(story.title)}</PAGE_TITLE>"]
        lines.append("\t".join(fields))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def web_page(
    path: Path,
    story: Story,
    *,
    url: str | None = "https://examplegazette.invalid/news/cycling-lanes",
    dated: bool = True,
    body: bool = True,
) -> Path:
    """`story` saved from a newspaper's site: the article among a menu, a cookie banner,
    teasers of other stories and a footer. The fields are in the page's meta tags and its
    canonical link (`url`); `dated` adds the publication time, and without `body` the page
    is all menus and teasers."""
    byline = dict(story.fields).get("Byline")
    head = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_html(story.title)} | {_html(story.source)}</title>",
        f'<meta property="og:title" content="{_html(story.title)}">',
        f'<meta property="og:site_name" content="{_html(story.source)}">',
    ]
    if url is not None:
        head.append(f'<link rel="canonical" href="{url}">')
    if byline:
        head.append(f'<meta name="author" content="{_html(byline)}">')
    if dated:
        head.append('<meta property="article:published_time" content="2021-03-04T06:12:00Z">')
    page = [*head, "</head><body>"]
    page += [
        '<div class="cookie-banner">We use cookies to improve your experience. '
        "<button>Accept all</button> <button>Settings</button></div>",
        '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
        '<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul>'
        "</nav></header>",
        "<main>",
    ]
    if body:
        page += ["<article>", f"<h1>{_html(story.title)}</h1>"]
        if byline:
            page.append(f'<p class="byline">By {_html(byline)}</p>')
        page += [f"<p>{_html(paragraph)}</p>" for paragraph in story.body]
        page.append("</article>")
    page += [
        '<aside class="related"><h2>Most read</h2><ul>'
        '<li><a href="/a">Storm closes the ring road</a></li>'
        '<li><a href="/b">School budget vote delayed</a></li></ul></aside>',
        "</main>",
        "<footer><p>Subscribe to our newsletter</p><p>\u00a9 2021 Example Media Ltd. "
        'All rights reserved.</p><a href="/privacy">Privacy</a></footer>',
        "</body></html>",
    ]
    path.write_text("\n".join(page), encoding="utf-8")
    return path


def _pdf_string(text: str) -> bytes:
    data = text.encode("cp1252")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf_stream(content: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), entries) + content + b"\nendstream"


def _pdf_file(objects: list[bytes], info: bytes | None = None) -> bytes:
    """A PDF of `objects` (the first the catalogue) with a correct cross-reference table;
    `info` is the document's properties dictionary, added as the last object."""
    objects = objects + ([info] if info is not None else [])
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R"
    trailer += f" /Info {len(objects)} 0 R >>" if info is not None else " >>"
    out += f"trailer\n{trailer}\nstartxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


def _pdf_pages(contents: list[bytes], resources: bytes) -> list[bytes]:
    """The catalogue, the page tree, a font and each page with its content stream."""
    kids = " ".join(f"{4 + 2 * index} 0 R" for index in range(len(contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(contents)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
            + resources
            + f" /Contents {5 + 2 * index} 0 R >>".encode()
        )
        objects.append(content)
    return objects


def pdf_article(
    path: Path,
    pages: list[list[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    width: int = 70,
) -> Path:
    """A PDF with a text layer: each page a list of paragraphs, wrapped at `width`
    characters (a paragraph ending in "-" is one line, as a hyphenated line end) with a
    blank line between paragraphs; `title` and `author` are the document's properties."""
    contents = []
    for paragraphs in pages:
        operations = [b"BT /F1 11 Tf 14 TL 72 770 Td"]
        for paragraph in paragraphs:
            lines = [paragraph] if paragraph.endswith("-") else textwrap.wrap(paragraph, width)
            operations += [_pdf_string(line) + b" Tj T*" for line in lines]
            if not paragraph.endswith("-"):
                operations.append(b"T*")
        operations.append(b"ET")
        contents.append(_pdf_stream(b"\n".join(operations)))
    properties = {"Title": title, "Author": author, "CreationDate": "D:20210305101500Z"}
    info = (
        b"<< "
        + b" ".join(
            f"/{name} ".encode() + _pdf_string(value)
            for name, value in properties.items()
            if value is not None
        )
        + b" >>"
    )
    path.write_bytes(_pdf_file(_pdf_pages(contents, b"<< /Font << /F1 3 0 R >> >>"), info))
    return path


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A scan: each page only a grey image drawn over it, no text at all."""
    image = _pdf_stream(
        bytes(range(256)) * 16,
        b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 ",
    )
    draw = _pdf_stream(b"q 468 0 0 648 72 72 cm /Im1 Do Q")
    objects = _pdf_pages([draw] * pages, b"<< /XObject << /Im1 %d 0 R >> >>" % (4 + 2 * pages))
    path.write_bytes(_pdf_file([*objects, image]))
    return path


def pdf_bomb(path: Path, unpacked: int = 100 * 1024 * 1024) -> Path:
    """A page whose content stream is a few hundred kilobytes that unpack to `unpacked`
    bytes of spaces."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    packed = b"".join(packer.compress(chunk) for _ in range(unpacked // len(chunk)))
    packed += packer.flush()
    content = _pdf_stream(packed, b"/Filter /FlateDecode ")
    path.write_bytes(_pdf_file(_pdf_pages([content], b"<< /Font << /F1 3 0 R >> >>")))
    return path


def write_all(folder: Path) -> list[Path]:
    """Every variant, as the tests use them, into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        nexis_uni_docx(folder / "nexis_multi.docx", STORIES),
        nexis_uni_docx(folder / "nexis_cover.docx", STORIES, cover=True),
        nexis_uni_docx(folder / "nexis_no_bookmarks.docx", STORIES, cover=True, bookmarks=False),
        nexis_uni_docx(folder / "nexis_truncated.docx", STORIES, truncated=True),
        nexis_uni_docx(folder / "nexis_german.docx", GERMAN_STORIES, cover=True, german_cover=True),
        lexis_academic_txt(folder / "lexis_en.txt", STORIES),
        lexis_academic_txt(folder / "lexis_de.txt", GERMAN_STORIES, language="de"),
        lexis_academic_txt(folder / "lexis_cut.txt", STORIES, cut=True),
        lexis_academic_rtf(folder / "lexis_en.rtf", STORIES),
        lexis_academic_rtf(folder / "lexis_de.rtf", GERMAN_STORIES, language="de"),
        factiva_rtf(folder / "factiva_indexed.rtf", WIRES),
        factiva_rtf(folder / "factiva_plain.rtf", WIRES, indexed=False),
        factiva_rtf(folder / "factiva_de.rtf", GERMAN_WIRES, crlf=True),
        factiva_rtf(folder / "factiva_truncated.rtf", WIRES, truncated=True),
        factiva_html(folder / "factiva_indexed.html", WIRES),
        factiva_html(folder / "factiva_plain_de.html", GERMAN_WIRES, indexed=False),
        factiva_html(folder / "factiva_cp1252.html", GERMAN_WIRES, encoding="cp1252"),
        proquest_txt(folder / "proquest.txt", WIRES),
        proquest_txt(folder / "proquest_de.txt", GERMAN_WIRES, crlf=True, bom=True),
        proquest_txt(folder / "proquest_cut.txt", WIRES, cut=True),
        media_cloud_csv(folder / "media_cloud.csv", STORIES),
        media_cloud_csv(folder / "media_cloud_legacy_text.csv", STORIES, legacy=True, text=True),
        gdelt_doc_csv(folder / "gdelt_doc.csv", STORIES),
        gdelt_gkg(folder / "gdelt.gkg.csv", STORIES),
        web_page(folder / "web_page.html", STORIES[0]),
        web_page(folder / "web_page_menus_only.html", STORIES[0], body=False),
        pdf_article(folder / "pdf_article.pdf", PDF_PAGES, title=STORIES[0].title),
        scanned_pdf(folder / "scanned.pdf"),
    ]


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1])):
        print(written)
