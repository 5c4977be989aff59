"""The views the window opens beside itself: the agreement report, retrieved passages,
crosstabs, charts, stance networks and copies of one story. Each is modeless, so what is
found in it can be read in the window with the view still at hand; it is made on first
use (its feature package, and matplotlib or the statistics behind it, imported only
then), read anew when opened again, and closed with the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from stancecoder.core.codebook_view import CodebookView
from stancecoder.services.project import Project

if TYPE_CHECKING:
    from stancecoder.services.retrieval import RetrievalFilter
    from stancecoder.ui.agreement.view import AgreementView
    from stancecoder.ui.charts.view import ChartView
    from stancecoder.ui.crosstab.view import CrosstabView
    from stancecoder.ui.duplicates.view import DuplicatesView
    from stancecoder.ui.networks.view import NetworkView
    from stancecoder.ui.retrieval.view import RetrievalView


class ViewHost(Protocol):
    """What the side views need of the coding window."""

    project: Project
    codebook: CodebookView

    def open_passage(self, article_id: int, start: int) -> None: ...


class SideViews:
    def __init__(self, host: ViewHost, owner: QWidget) -> None:
        self.host = host
        self.owner = owner
        self.agreement_view: AgreementView | None = None
        self.retrieval_view: RetrievalView | None = None
        self.crosstab_view: CrosstabView | None = None
        self.chart_view: ChartView | None = None
        self.network_view: NetworkView | None = None
        self.duplicates_view: DuplicatesView | None = None

    def close_all(self) -> None:
        """The agreement report waits for a computation, the copies view stops its finding."""
        for view in (self.agreement_view, self.retrieval_view, self.crosstab_view,
                     self.chart_view, self.network_view, self.duplicates_view):  # fmt: skip
            if view is not None:
                view.close()

    def agreement(self) -> None:
        """Kept as it was when opened again: its figures are marked stale by the bus."""
        from stancecoder.ui.agreement.view import AgreementView

        if self.agreement_view is None:
            self.agreement_view = AgreementView(self.host.project, self.owner)
            self.agreement_view.openPassage.connect(self.host.open_passage)
        _raise(self.agreement_view)

    def retrieval(self) -> None:
        if self.retrieval_view is None:
            view = self._retrieval()
        else:
            view = self.retrieval_view
            view.refresh()
        _raise(view)

    def cell(self, filters: RetrievalFilter) -> None:
        """A crosstab's cell: the retrieval view, showing that cell's passages."""
        view = self._retrieval()
        view.show_filter(filters)
        _raise(view)

    def crosstab(self) -> None:
        from stancecoder.ui.crosstab.view import CrosstabView

        if self.crosstab_view is None:
            self.crosstab_view = CrosstabView(self.host.project, self.cell, self.owner)
        else:
            self.crosstab_view.fill_layers()
            self.crosstab_view.refresh()
        _raise(self.crosstab_view)

    def charts(self) -> None:
        from stancecoder.ui.charts.view import ChartView

        if self.chart_view is None:
            self.chart_view = ChartView(self.host.project, self.owner)
        else:
            self.chart_view.refresh()
        _raise(self.chart_view)

    def networks(self) -> None:
        from stancecoder.ui.networks.view import NetworkView

        if self.network_view is None:
            self.network_view = NetworkView(self.host.project, self.owner)
        else:
            self.network_view.refresh()
        _raise(self.network_view)

    def duplicates(self) -> None:
        from stancecoder.ui.duplicates.view import DuplicatesView

        if self.duplicates_view is None:
            self.duplicates_view = DuplicatesView(self.host.project, self.owner)
            self.duplicates_view.openArticle.connect(self.host.open_passage)
        else:
            self.duplicates_view.refresh()
        _raise(self.duplicates_view)

    def _retrieval(self) -> RetrievalView:
        from stancecoder.ui.retrieval.view import RetrievalView

        if self.retrieval_view is None:
            self.retrieval_view = RetrievalView(self.host.project, self.host.codebook, self.owner)
            self.retrieval_view.openPassage.connect(self.host.open_passage)
        return self.retrieval_view


def _raise(view: QWidget) -> None:
    view.show()
    view.activateWindow()
