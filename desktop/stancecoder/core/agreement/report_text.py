"""The report in words: the methods paragraph and the plain-text summary of the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stancecoder.core.agreement.apa import apa, apa_interval
from stancecoder.core.agreement.coverage_text import coverage_sentence
from stancecoder.core.agreement.names import statistic_name
from stancecoder.core.agreement.variable_stats import interpret
from stancecoder.core.version import __version__
from stancecoder.core.wording import counted

if TYPE_CHECKING:
    from stancecoder.core.agreement import Result
    from stancecoder.core.agreement.report import AgreementReport

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def with_ci(result: Result) -> str:
    text = apa(result.value)
    if result.ci95:
        text += f", 95% CI {apa_interval(result.ci95)}"
    return text


def not_compared(report: AgreementReport) -> str:
    """'10 passages (Alice 6, Bob 4)': those no figure of the report includes."""
    counts = report.unmatched or report.left_out
    by_coder = ", ".join(f"{coder} {n}" for coder, n in counts.items() if n)
    return f"{counted(sum(counts.values()), 'passage')} ({by_coder})"


def compared_text(report: AgreementReport) -> str:
    """What the figures rest on and what they leave out, for the top of the report."""
    if report.n_articles == 0:
        return "Nothing to compare yet: no article has been coded by two or more coders."
    text = f"Compared: {counted(report.n_articles, 'article')} coded by two or more coders"
    if report.unit != "unitizing":
        unit = "matched passages" if report.unit == "matched" else "sentences"
        text += f", passage variables as {unit}"
    text += "."
    if sum(report.unmatched.values()):
        text += f" Not compared: {not_compared(report)} without a partner; no figure includes them."
    elif sum(report.left_out.values()):
        text += f" Left out: {not_compared(report)} covering no sentence by half."
    elif report.unit != "unitizing":
        text += " Every passage was compared."
    return text


def methods_paragraph(report: AgreementReport) -> str:
    n = len(report.coders)
    count = NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)
    articles = f"{report.n_articles} article{'s' if report.n_articles != 1 else ''}"
    sample = f" of the reliability sample \u201c{report.round}\u201d" if report.round else ""
    parts = [
        f"{count.capitalize()} coder{'s' if n != 1 else ''} ({', '.join(report.coders)}) "
        f"independently coded {articles}{sample} of the project {report.project} with codebook "
        f"version {report.codebook_version or 'unversioned'}."
    ]
    scopes = {v.scope for v in report.variables}
    if "passage" in scopes:
        parts.append(f"Passage-level variables were compared as {report.unit_definition}.")
    if "article" in scopes:
        parts.append("Article-level variables were compared with the articles as units.")
    if left := sum(report.unmatched.values()) + sum(report.left_out.values()):
        were = "was" if left == 1 else "were"
        why = "had no partner" if report.unmatched else "covered no sentence by half"
        parts.append(f"{not_compared(report)} {why} and {were} not compared.")
    name = "unitizing α" if report.unit == "unitizing" else "α"
    for v in report.variables:
        main = v.main
        what = "Krippendorff's α" if main.name == "krippendorff_alpha" else f"Krippendorff's {name}"
        subject = f"{what} for {v.name} ({v.level}, units: {v.unit})"
        if main.value is None:
            parts.append(f"{subject} was not defined: {main.reason}.")
        else:
            parts.append(f"{subject} was {with_ci(main)} (n = {v.n_units}).")
        if v.coverage is not None and report.unit != "unitizing":
            where = v.coverage.where
            said = coverage_sentence(v)
            if v.coverage.total_coded:
                shown = apa(where.value) if where.value is not None else "not defined"
                said += f"; unitizing α of where it was coded was {shown}"
            parts.append(f"{said[:1].upper()}{said[1:]}.")
    if report.replicates:
        parts.append(
            f"Intervals are from {report.replicates:,} bootstrap replicates with seed "
            f"{report.seed} (Hayes & Krippendorff, 2007)."
        )
    else:
        parts.append("No bootstrap intervals were drawn.")
    parts.append(f"Computed with StanceCoder {__version__} on {report.date}.")
    return " ".join(parts)


def report_lines(report: AgreementReport) -> list[str]:
    lines = [
        f"project: {report.project}   codebook: {report.codebook_version}   date: {report.date}",
        f"coders: {', '.join(report.coders) or 'none'}   articles: {report.n_articles}   "
        f"sample: {report.round or 'all double-coded articles'}",
        f"unit: {report.unit_definition}",
        "",
    ]
    for v in report.variables:
        lines.append(f"{v.name} ({v.scope}, {v.level}, units: {v.unit})")
        for r in v.results:
            value = "not defined" if r.value is None else f"{r.value:6.3f}"
            ci = f" [{r.ci95[0]:.3f}, {r.ci95[1]:.3f}]" if r.ci95 else ""
            lines.append(f"  {statistic_name(r.name):<38} {value}{ci}  n={r.n_units}")
        lines.append(f"  -> {interpret(v.main)}")
        if v.coverage is not None:
            where = v.coverage.where.value
            shown = "not defined" if where is None else f"{where:.3f}"
            lines.append(f"  coverage: {coverage_sentence(v)}; unitizing α of where: {shown}")
        lines += [f"  ! {w}" for w in v.warnings]
    if sum(report.unmatched.values()):
        lines.append(f"not compared: {not_compared(report)} without a partner")
    if sum(report.left_out.values()):
        lines.append(f"left out: {not_compared(report)} covering no sentence by half")
    lines += ["", report.methods]
    return lines
