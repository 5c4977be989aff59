"""Render the README screenshots from the sample project, offscreen, light and dark, and
the coding window at the sizes coders use (`main-window-1024x640.png`, …, with both coders'
passages coloured by coder), to look at after any change of the window's layout.

Run from the repository root: `python docs/make_screenshots.py`.
"""

from __future__ import annotations

import csv
import os
import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QApplication

from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codebook import import_codebook
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_status
from stancecoder.services.corpus import import_corpus
from stancecoder.services.passages import set_blind_mode
from stancecoder.services.project import Project, create_project, open_project
from stancecoder.services.sample_project import ensure_sample_project
from stancecoder.services.samples import draw_sample
from stancecoder.ui.adjudication.view import AdjudicationView
from stancecoder.ui.agreement.view import AgreementView
from stancecoder.ui.charts.view import ChartView
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.common.theme import apply_theme
from stancecoder.ui.crosstab.view import CrosstabView
from stancecoder.ui.networks.view import NetworkView
from stancecoder.ui.retrieval.view import RetrievalView
from stancecoder.ui.samples.dialog import SamplesDialog
from stancecoder.ui.workbench.main_window import MainWindow
from stancecoder.ui.workbench.tinting import BY_CODER
from stancecoder.ui.workbench.tinting import SETTING as COLOUR_BY

DOCS = Path(__file__).resolve().parent
SEEDS = DOCS.parent / "seeds"
SIZES = ((1024, 640), (1440, 900), (1920, 1200))

# (quote, actor, topic, stance) as a coder would code the Yonhap article
CODINGS = [
    ("likely to heighten security uncertainties from their burgeoning military cooperation",
     "Analysts", "Military cooperation", "Negative"),
    ("Putin will visit Pyongyang on Tuesday and Wednesday", "TASS",
     "Diplomacy and dialogue", "Neutral / ambivalent"),
    ("step up concerted efforts to keep identifying U.N. Security Council (UNSC) resolution "
     "violations", "Analysts", "Sanctions", "Negative"),
    ("his ability to complicate Biden’s security picture", "Victor Cha",
     "Regional security", "Strongly negative"),
    ("they will ramp up testing and exercises", "Victor Cha",
     "Nuclear and missile programme", "Negative"),
    ("It will not have a confrontational character and will not be aimed against any "
     "countries", "Yuri Ushakov", "Strategic partnership treaty", "Strongly positive"),
]  # fmt: skip


# Bob, the second coder, differs from Alice on some topics and stances
BOB = {1: ("Analysts", "Regional security", "Negative"), 3: ("Victor Cha",
       "Regional security", "Negative"), 5: ("Yuri Ushakov", "Strategic partnership treaty",
       "Positive")}  # fmt: skip


def code_sample(project: Project) -> int:
    add_coder(project, "Alice", "lead")
    add_coder(project, "Bob")
    book = codebook_view(project)
    codes = {(c.variable, c.label): c.id for v in book.variables for c in v.codes}
    article = next(r for r in list_articles(project) if r.source == "Yonhap")
    text = read_article(project, article.id).text
    for n, (quote, actor, topic, stance) in enumerate(CODINGS):
        start = text.index(quote)
        for coder, (a, t, s) in (("Alice", (actor, topic, stance)),
                                 ("Bob", BOB.get(n, (actor, topic, stance)))):  # fmt: skip
            chosen = {
                "actor": [codes[("actor", a)]],
                "topic": [codes[("topic", t)]],
                "stance": [codes[("stance", s)]],
            }
            add_passage(project, article.id, coder, start, start + len(quote), chosen)
    set_blind_mode(project, True)  # the main window shows Alice's own codings
    return article.id


def shoot(
    project: Project,
    article_id: int,
    name: str,
    folder: str,
    size: tuple[int, int] = (1440, 860),
    colour_by: str | None = None,
) -> None:
    """The window on Alice's coding of Biden's picture (the fourth of her passages)."""
    settings = AppSettings(QSettings(f"{folder}/{name}.ini", QSettings.Format.IniFormat))
    if colour_by is not None:
        settings.set_value(COLOUR_BY, colour_by)
    window = MainWindow(project, "Alice", role="lead", settings=settings)
    window.resize(*size)
    window.show()
    window.articles.select_article(article_id)
    mine = [p for p in window.passages if p.coder == "Alice"]
    window.activate_passage(mine[3].id)
    for _ in range(3):  # the columns fit after the window has its size
        QApplication.processEvents()
    window.grab().save(str(DOCS / f"{name}.png"))
    window.close()


def shoot_sizes(project: Project, article_id: int, folder: str, suffix: str) -> None:
    """Both coders' passages, coloured by coder, at each size."""
    set_blind_mode(project, False)
    for width, height in SIZES:
        name = f"main-window-{width}x{height}{suffix}"
        shoot(project, article_id, name, folder, (width, height), BY_CODER)
    set_blind_mode(project, True)


def shoot_reports(project: Project, article_id: int, suffix: str) -> None:
    agreement = AgreementView(project)
    agreement.resize(1180, 760)
    agreement.show_report(project_agreement(project, "matched", replicates=1000, seed=1))
    agreement.show()
    QApplication.processEvents()
    agreement.grab().save(str(DOCS / f"agreement-view{suffix}.png"))
    agreement.close()
    book = codebook_view(project)
    adjudication = AdjudicationView(project, article_id, book)
    adjudication.show()
    adjudication.next_disagreement()
    adjudication.accept_version("Alice")
    adjudication.next_disagreement()  # Biden's picture: the coders differ on the stance
    adjudication.edit_site()
    codes = {(c.variable, c.label): c.id for v in book.variables for c in v.codes}
    adjudication.editor.choose_code(codes[("stance", "Negative")])
    QApplication.processEvents()
    adjudication.grab().save(str(DOCS / f"adjudication-view{suffix}.png"))
    adjudication.cancel_edit()
    adjudication.undo.stack.undo()
    adjudication.close()


def shoot_retrieval(project: Project, suffix: str) -> None:
    """Both coders' passages on Analysts and Victor Cha (a sub-code of Analysts), at the
    smallest size the window is made for."""
    view = RetrievalView(project, codebook_view(project))
    combo = view.filters.codes["actor"]
    combo.setCurrentIndex(combo.findText("Analysts"))
    view.refresh()
    view.resize(1024, 640)
    view.show()
    QApplication.processEvents()
    view.grab().save(str(DOCS / f"retrieval-view{suffix}.png"))
    view.close()


# The chart view needs dated articles, which the sample's two are not: twelve weekly
# reports from May to July, each quoting three actors, whose stances drift apart
CHART_ACTORS = {"Vladimir Putin": (1.2, 0.1), "Kim Jong-un": (1.5, 0.0),
                "Analysts": (-0.6, -0.08)}  # fmt: skip
SCALE = ("Strongly negative", "Negative", "Neutral / ambivalent", "Positive",
         "Strongly positive")  # fmt: skip


def chart_project(folder: str) -> Project:
    """Twelve dated reports coded by Alice and Bob, from a seeded generator: the same
    figure every run."""
    project = create_project(Path(folder) / "charts.stance")
    import_codebook(project, SEEDS / "codebook.yaml")
    table = Path(folder) / "reports.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "source", "date", "text"])
        for week in range(12):
            day = date(2024, 5, 6) + timedelta(weeks=week)
            text = " ".join(f"{actor} spoke in week {week + 1}." for actor in CHART_ACTORS)
            writer.writerow([f"Report {week + 1}", "Yonhap", day.isoformat(), text])
    import_corpus(project, [table])
    add_coder(project, "Alice", "lead")
    add_coder(project, "Bob")
    rng = random.Random(14)
    for week, article in enumerate(sorted(list_articles(project), key=lambda a: a.id)):
        text = read_article(project, article.id).text
        for actor, (level, slope) in CHART_ACTORS.items():
            start = text.index(f"{actor} spoke")
            for coder in ("Alice", "Bob"):
                stance = level + slope * week + rng.gauss(0, 0.7) - (0.3 if coder == "Bob" else 0)
                label = SCALE[min(4, max(0, round(stance) + 2))]
                add_passage(project, article.id, coder, start, start + len(actor) + 6,
                            {"actor": actor, "stance": label})  # fmt: skip
    return project


def shoot_charts(project: Project, kind: str, layer: str, suffix: str) -> None:
    """The chart of `kind` ("Stance over time") of `layer` ("Alice's codings")."""
    view = ChartView(project)
    for combo, text in ((view.choices.layer, layer), (view.choices.kind, kind)):
        combo.setCurrentIndex(combo.findText(text))
    view.timer.stop()
    drawn = QEventLoop()
    view.drawn.connect(drawn.quit)
    view.refresh()  # read on a worker thread
    drawn.exec()
    view.resize(1100, 760)
    view.show()
    QApplication.processEvents()
    view.grab().save(str(DOCS / f"chart-view{suffix}.png"))


def shoot_crosstab(project: Project, suffix: str) -> None:
    """Actor × topic, each coder separately, with the mean stance and its interval."""
    view = CrosstabView(project, lambda _filters: None)
    view.value.setCurrentIndex(view.value.findData("mean-stance"))
    view.resize(1024, 640)
    view.show()
    while view.is_running():  # the table is read in a worker
        QApplication.processEvents()
    QApplication.processEvents()
    view.grab().save(str(DOCS / f"crosstab-view{suffix}.png"))
    view.close()


def shoot_network(project: Project) -> None:
    """Who takes which stance on which topic in Alice's codings of the sample (the
    consensus, begun in the adjudication view, holds none)."""
    view = NetworkView(project)
    layer = view.choices.layer
    layer.setCurrentIndex(layer.findText("Alice's codings"))
    view.timer.stop()
    drawn = QEventLoop()
    view.drawn.connect(drawn.quit)
    view.refresh()  # read on a worker thread; the reading begun as the view opened is dropped
    drawn.exec()
    view.resize(1100, 760)
    view.show()
    QApplication.processEvents()
    view.grab().save(str(DOCS / "network-view.png"))
    view.close()


def shoot_samples(project: Project, article_id: int) -> None:
    """Last, because an open sample changes what the main window shows."""
    project.actor = None  # the windows acted as Alice; the script writes as the command line
    draw_sample(project, "training 1", count=2, coders=["Alice", "Bob"], seed=7)
    set_status(project, article_id, "Bob", "done")
    dialog = SamplesDialog(project)
    dialog.show()
    QApplication.processEvents()
    dialog.grab().save(str(DOCS / "samples-dialog.png"))
    dialog.close()


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        os.environ["STANCECODER_DATA_DIR"] = folder
        with open_project(ensure_sample_project()) as project:
            article_id = code_sample(project)
            apply_theme(app, dark=False)
            shoot(project, article_id, "main-window", folder)
            shoot_sizes(project, article_id, folder, "")
            shoot_reports(project, article_id, "")
            shoot_retrieval(project, "")
            shoot_crosstab(project, "")
            shoot_network(project)
            with chart_project(folder) as charted:
                shoot_charts(charted, "Stance over time", "Alice's codings", "")
                apply_theme(app, dark=True)
                shoot_charts(charted, "Coders side by side", "Each coder separately", "-dark")
            apply_theme(app, dark=True)
            shoot(project, article_id, "main-window-dark", folder)
            shoot_sizes(project, article_id, folder, "-dark")
            shoot_retrieval(project, "-dark")
            shoot_crosstab(project, "-dark")
            apply_theme(app, dark=False)
            shoot_samples(project, article_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
