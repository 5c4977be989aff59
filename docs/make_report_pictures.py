"""Render the agreement report's pictures for the README: the forest plot alone
(`agreement-forest.png`), the HTML page as headless Chromium shows it 1280 px wide
(`agreement-report-page.png`) and the PDF's first two pages (`agreement-report-pdf.png`),
from a made-up project where two coders code twelve short articles, so the figures have
enough units to read.

Run from the repository root: `python docs/make_report_pictures.py`. It needs Chromium and
poppler's pdftoppm (`apt-get install chromium poppler-utils`).
"""

from __future__ import annotations

import csv
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from stancecoder.core.agreement.report_figures import forest_rows
from stancecoder.io.charts.forest import new_forest
from stancecoder.io.charts.style import LIGHT
from stancecoder.services.agreement.export import write_report
from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codebook import import_codebook
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_article_codes
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project, create_project

DOCS = Path(__file__).resolve().parent
SEEDS = DOCS.parent / "seeds"
ACTORS = ("Vladimir Putin", "Kim Jong-un", "Analysts", "South Korean government", "Joe Biden")
TOPICS = ("Military cooperation", "Sanctions", "Strategic partnership treaty",
          "Regional security")  # fmt: skip
STANCES = ("-2", "-1", "0", "+1", "+2")
SENTENCES = ("The leaders met in the capital.", "Officials signed an agreement on defence.",
             "Experts warned of new sanctions.", "The talks ended with a joint statement.",
             "Markets reacted calmly to the news.")  # fmt: skip


def coded_project(folder: Path) -> Project:
    """Alice codes every sentence; Bob codes most of them, agreeing on actors more often
    than on topics, and on stance within a point."""
    rng = random.Random(4)
    table = folder / "articles.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "source", "date", "text"])
        for n in range(12):
            text = f"Story {n}. " + " ".join(SENTENCES)
            writer.writerow([f"Story {n}", "Yonhap", f"2024-06-{n + 1:02d}", text])
    project = create_project(folder / "demo.stancecoder")
    import_codebook(project, SEEDS / "codebook.yaml")
    import_corpus(project, [table])
    for coder in ("Alice", "Bob"):
        add_coder(project, coder)
    for article in list_articles(project):
        text = read_article(project, article.id).text
        for sentence in SENTENCES:
            start, end = text.index(sentence), text.index(sentence) + len(sentence)
            actor, topic = rng.choice(ACTORS), rng.choice(TOPICS)
            stance = rng.randrange(len(STANCES))
            add_passage(project, article.id, "Alice", start, end,
                        {"actor": actor, "topic": topic, "stance": STANCES[stance]})  # fmt: skip
            if rng.random() < 0.85:
                near = min(4, max(0, stance + rng.choice((0, 0, 0, 1, -1))))
                codes = {
                    "actor": rng.choice(ACTORS) if rng.random() < 0.1 else actor,
                    "topic": rng.choice(TOPICS) if rng.random() < 0.3 else topic,
                    "stance": STANCES[near],
                }
                add_passage(project, article.id, "Bob", start, end, codes)
        genre = rng.choice(("News report", "News report", "Interview"))
        set_article_codes(project, article.id, "Alice", {"genre": genre})
        if rng.random() < 0.1:
            genre = "Interview" if genre == "News report" else "News report"
        set_article_codes(project, article.id, "Bob", {"genre": genre})
    return project


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None or shutil.which("pdftoppm") is None:
        raise SystemExit("needs chromium and pdftoppm: apt-get install chromium poppler-utils")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        project = coded_project(folder)
        report = project_agreement(project, "matched", seed=1)
        new_forest(forest_rows(report), LIGHT).savefig(DOCS / "agreement-forest.png", dpi=150)
        page, printed = folder / "report.html", folder / "report.pdf"
        write_report(project, report, page)
        write_report(project, report, printed)
        project.close()
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--proxy-server=127.0.0.1:9", "--window-size=1280,2200",
             f"--screenshot={DOCS / 'agreement-report-page.png'}", page.as_uri()],
            check=True, capture_output=True, cwd=folder,
        )  # fmt: skip
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "3", str(printed),
                        str(folder / "pdf")], check=True)  # fmt: skip
        pages = [Image.open(p) for p in sorted(folder.glob("pdf-*.png"))]
        sheet = Image.new("RGB", (sum(p.width for p in pages) + 20 * (len(pages) + 1),
                                  max(p.height for p in pages) + 40), "#d9d9d9")  # fmt: skip
        left = 20
        for picture in pages:
            sheet.paste(picture, (left, 20))
            left += picture.width + 20
        sheet.save(DOCS / "agreement-report-pdf.png", optimize=True)


if __name__ == "__main__":
    main()
