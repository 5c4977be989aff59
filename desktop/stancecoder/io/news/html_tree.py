"""A page of HTML as a tree of elements, built with the standard library's tolerant parser.

Exports saved as HTML are not always valid: paragraphs left open, a `<div>` inside a `<p>`,
stray end tags. The tree follows the browser's rules where they matter for reading text
(a block closes an open paragraph; a cell, a row or a list item closes the one before),
ignores an end tag nothing is open for and caps nesting as browsers do. Scripts and styles
are not text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# Elements whose start closes an open <p>, as browsers do.
_CLOSES_P = frozenset(
    {"address", "article", "aside", "blockquote", "div", "dl", "fieldset", "footer", "form",
     "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
     "section", "table", "ul"}
)  # fmt: skip
# Elements that stand on lines of their own in the text.
_BLOCKS = _CLOSES_P | {"br", "li", "td", "th", "tr", "dd", "dt", "tbody", "thead", "caption"}
# What a start tag closes when it is open, and the open elements past which it does not
# look: a new paragraph, cell, row or list item ends the one before.
_P_SCOPE = frozenset({"table", "td", "th", "html", "body", "button"})
_CELL = frozenset({"td", "th"})
_IMPLIED = {
    "p": (frozenset({"p"}), _P_SCOPE),
    "td": (_CELL, frozenset({"tr", "table"})),
    "th": (_CELL, frozenset({"tr", "table"})),
    "tr": (frozenset({"tr"}), frozenset({"table", "tbody", "thead", "tfoot"})),
    "li": (frozenset({"li"}), frozenset({"ul", "ol"})),
}
_NOT_TEXT = frozenset({"script", "style", "head", "title", "template"})
# How deep elements nest, as browsers cap it: one deeper is put beside the deepest open
# element instead of inside it, so a page nested without end costs no more to read than
# a flat one.
_MAX_DEPTH = 512
_WHITE = re.compile(r"[ \t\n\r\f]+")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    def outermost(self, wanted: Callable[[Element], object]) -> list[Element]:
        """The elements inside this one (itself included) that are `wanted`, in document
        order, without looking inside those found: their texts never overlap, so reading
        them all reads each part of the page once."""
        found: list[Element] = []
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            if wanted(element):
                found.append(element)
            else:
                stack.extend(reversed(element.elements()))
        return found

    def text(self) -> str:
        """The text as a browser lays it out: white space runs are one space, a line
        break or a block starts a new line; empty lines are left out."""
        parts: list[str] = []
        # what is still to be written, last first: elements, and their texts and the line
        # ends that close blocks as plain strings
        pending: list[Element | str] = [self]
        while pending:
            item = pending.pop()
            if isinstance(item, str):
                parts.append(item)
            elif item.tag not in _NOT_TEXT:
                block = "\n" if item.tag in _BLOCKS else ""
                parts.append(block)
                pending.append(block)
                pending.extend(
                    _WHITE.sub(" ", child) if isinstance(child, str) else child
                    for child in reversed(item.children)
                )
        lines = (line.strip(" ") for line in "".join(parts).split("\n"))
        return "\n".join(line for line in lines if line)

    def near_text(self, depth: int) -> str:
        """The text of this element and of the elements at most `depth` levels inside it,
        white space made single spaces: enough for a label, and bounded however deep the
        element nests."""
        parts: list[str] = []
        pending: list[tuple[Element | str, int]] = [(self, 0)]
        while pending:
            item, level = pending.pop()
            if isinstance(item, str):
                parts.append(item)
            elif level <= depth and item.tag not in _NOT_TEXT:
                pending.extend((child, level + 1) for child in reversed(item.children))
        return " ".join(" ".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CLOSES_P:
            self._close_implied(*_IMPLIED["p"])
        if tag in _IMPLIED and tag != "p":
            self._close_implied(*_IMPLIED[tag])
        element = Element(tag, {name: value or "" for name, value in attrs})
        if tag not in _VOID and len(self._open) > _MAX_DEPTH:
            self._open.pop()
        self._open[-1].children.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._open[-1].tag == tag:
            self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):  # at most _MAX_DEPTH steps
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)

    def _close_implied(self, tags: frozenset[str], stops: frozenset[str]) -> None:
        """Close the innermost open element of `tags`, unless one of `stops` is open
        inside it."""
        for depth in range(len(self._open) - 1, 0, -1):
            tag = self._open[depth].tag
            if tag in tags:
                del self._open[depth:]
                return
            if tag in stops:
                return


def parse_html(text: str) -> Element:
    """The tree of the page `text`."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
