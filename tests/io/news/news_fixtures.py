"""Synthetic news-database exports for the importer tests, each with the traps of its format.

Run as a script to write every variant into a folder: `python news_fixtures.py OUT`.
Everything here is invented (CC0); layouts follow Nexis Uni .docx, LexisNexis Academic
.txt, Factiva .rtf and .html and ProQuest .txt exports as described in the module
docstrings of `stancecoder.io.news`.
"""

from __future__ import annotations

import sys
import textwrap
import zipfile
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
    ]


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1])):
        print(written)
