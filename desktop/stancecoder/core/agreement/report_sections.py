"""The report's lists a reader scans rather than reads: the disagreements, with their words
in context and the article named by title, grouped by variable; and the warnings, one short
line per variable instead of one table row per rare category."""

from __future__ import annotations

from stancecoder.core.agreement.apa import apa_count
from stancecoder.core.agreement.names import variable_title
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.variable_stats import (
    MIN_UNITS,
    MIN_VALUES,
    Disagreement,
    VariableAgreement,
)
from stancecoder.core.wording import counted, times


def codes_given(d: Disagreement) -> str:
    """ "Alice: Sanctions · Bob: Diplomacy"."""
    return " · ".join(f"{coder}: {label}" for coder, label in d["codes"].items())


def disagreement_groups(report: AgreementReport) -> list[tuple[str, list[Disagreement]]]:
    """(variable title, its disagreements in report order) for variables that have any."""
    return [(variable_title(v.name), v.disagreements) for v in report.variables if v.disagreements]


def no_disagreements_text(report: AgreementReport) -> str:
    """Why the list of disagreements is empty, so an empty table never reads as an error."""
    if report.n_articles == 0:
        return "Nothing to compare yet: no article has been coded by two or more coders."
    if report.unit != "matched":
        return "Disagreements are listed passage by passage: choose the unit Matched passages."
    return "No disagreements: every compared passage got the same codes from every coder."


def warning_groups(report: AgreementReport) -> list[tuple[str, str]]:
    """(variable title, what to beware of in one sentence) for variables that need one."""
    found = [(variable_title(v.name), _warning(v)) for v in report.variables]
    return [(title, text) for title, text in found if text]


def _warning(v: VariableAgreement) -> str:
    parts = []
    if v.main.value is None:
        parts.append(f"not defined: {v.main.reason}")
    elif v.main.name == "krippendorff_alpha" and v.n_units < MIN_UNITS:
        parts.append(
            f"only {counted(v.n_units, 'unit')} compared (fewer than {apa_count(MIN_UNITS)}), "
            "so the interval is wide"
        )
    if v.rare:
        rare = ", ".join(f"“{label}” {times(n)}" for label, n in v.rare.items())
        parts.append(
            f"used fewer than {MIN_VALUES} times: {rare}; α depends heavily on these few values"
        )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else ""
