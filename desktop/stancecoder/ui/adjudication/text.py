"""The article in the adjudication dialog, every coder's passages marked in that coder's
colour, the consensus in its own.

In the coding window a passage takes the colour of its actor; here the question is who
marked what, so the colour names the coder, and the table's column headers carry the same
colours as a key. The margin gives each passage a bar of its own, so three coders marking
the same sentence show as three bars beside it.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from stancecoder.core.agreement.comparison import ArticleComparison
from stancecoder.core.codebook_view import CodebookView
from stancecoder.ui.adjudication.table import codes_html
from stancecoder.ui.widgets.reader import Reader

# distinct in hue and readable as tints on a light and on a dark base; green is kept for
# the consensus, the settled version
CODER_COLOURS = ("#4e79a7", "#b07aa1", "#e15759", "#9c755f", "#76b7b2", "#edc948", "#ff9da7")
CONSENSUS_COLOUR = "#59a14f"


def coder_colours(comparison: ArticleComparison) -> dict[str, str]:
    """A colour per coder in column order, the consensus last; they repeat past seven."""
    colours = {
        coder: CODER_COLOURS[n % len(CODER_COLOURS)] for n, coder in enumerate(comparison.coders)
    }
    colours[comparison.consensus_coder] = CONSENSUS_COLOUR
    return colours


class ComparisonReader(Reader):
    """`siteClicked` carries the table row of a passage clicked in the text or margin."""

    siteClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: dict[int, int] = {}  # passage id -> site row
        self._comparison: ArticleComparison | None = None
        self._codebook: CodebookView | None = None
        self.set_describer(self._describe_passage)
        self.passageClicked.connect(self._clicked)

    def show_comparison(
        self, text: str, comparison: ArticleComparison, codebook: CodebookView
    ) -> None:
        self._comparison, self._codebook = comparison, codebook
        colours = coder_colours(comparison)
        passages = [p for site in comparison.sites for p in site.all_passages()]
        self._rows = {
            p.id: row for row, site in enumerate(comparison.sites) for p in site.all_passages()
        }
        self.show_article(text, passages, {p.id: colours[p.coder] for p in passages})

    def show_site(self, row: int) -> None:
        """Mark the site's consensus (else its first passage) as current and scroll to it."""
        sites = self._comparison.sites if self._comparison else ()
        if not 0 <= row < len(sites):
            self.set_current_passage(None)
            return
        site = sites[row]
        shown = site.consensus or next(iter(site.passages.values()))
        self.set_current_passage(shown.id)
        self.reveal_passage(shown.id)

    def _clicked(self, passage_id: int) -> None:
        if passage_id in self._rows:
            self.siteClicked.emit(self._rows[passage_id])

    def _describe_passage(self, passage_id: int) -> str:
        """The coder and the codes, the disputed ones bold as in the table."""
        if self._comparison is None or self._codebook is None:
            return ""
        site = self._comparison.sites[self._rows[passage_id]]
        passage = next(p for p in site.all_passages() if p.id == passage_id)
        differing = site.differing if passage is not site.consensus else ()
        memo = f"<br><i>memo: {escape(passage.memo)}</i>" if passage.memo else ""
        codes = codes_html(passage, self._codebook, differing)
        return f"<p><b>{escape(passage.coder)}</b> — {codes}{memo}</p>"
