"""The project as pandas DataFrames, for analysis in Python (Jupyter, scripts).

`stancecoder.open(...)` returns an `Analysis`: it reads and never writes, so a notebook
left open beside the window cannot change the codings. pandas is imported here, on first
use, so `import stancecoder` stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from stancecoder.core.agreement.report import UnitKind
from stancecoder.core.errors import ValidationError
from stancecoder.core.layer import Layer
from stancecoder.db.models import Article
from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.code_lookup import CodeLookup
from stancecoder.services.coded_data import layer_coders, read_codings, resolve_layer
from stancecoder.services.project import Project, open_project

if TYPE_CHECKING:
    import pandas as pd

ARTICLE_COLUMNS = (
    "article_id", "uid", "external_id", "title", "source", "author", "dateline", "published",
    "url", "language", "characters",
)  # fmt: skip
CODING_COLUMNS = ("article_id", "coder", "passage_id", "start", "end", "quote", "memo")


class Analysis:
    """An open project's data as DataFrames; a context manager that closes it."""

    def __init__(self, project: Project) -> None:
        self._project = project  # kept private: through it a script could write

    @property
    def location(self) -> str:
        return self._project.location

    def articles(self) -> pd.DataFrame:
        """One row per article; `date` is `published` as a datetime (a month or a year
        alone falls on its first day; no date is NaT)."""
        import pandas as pd

        fields = (
            Article.id, Article.uid, Article.external_id, Article.title, Article.source,
            Article.author, Article.dateline, Article.published, Article.url,
            Article.language, func.length(Article.text),
        )  # fmt: skip
        with self._project.reading() as session:
            rows = session.execute(select(*fields).order_by(Article.id)).all()
        frame = pd.DataFrame([tuple(r) for r in rows], columns=list(ARTICLE_COLUMNS))
        frame["date"] = pd.to_datetime(frame["published"], format="ISO8601", errors="coerce")
        return frame

    def codings(self, coder: str | None = None, consensus: bool = False) -> pd.DataFrame:
        """One row per passage of one layer: a coder's, the consensus, or by default each
        coder's (the consensus left out, `coder` telling whose a row is).

        A variable that takes one code is an ordered categorical of the codes' paths
        ("Russia › Vladimir Putin") in codebook order; one that takes several is a tuple of
        paths (`frame.explode(name)` gives a row per code). An ordinal or interval variable
        also has `<name>_value`, its code's number (the mean where several are chosen).
        """
        if coder is not None and consensus:
            raise ValidationError("choose a coder or the consensus, not both")
        layer = Layer.of_coder(coder) if coder else Layer.consensus() if consensus else None
        with self._project.reading() as session:
            layer = resolve_layer(session, layer or Layer.each_coder())
            codings = read_codings(session, layer_coders(session, layer))
            lookup = CodeLookup(session)
            variables = [v for v in lookup.variables.values() if v.scope == "passage"]
            paths = {c.id: " › ".join(lookup.path(c)) for v in variables for c in v.codes}
            spec = [
                (v.name, v.multiple, v.level != "nominal", [c.id for c in v.codes],
                 {c.id: c.value for c in v.codes})
                for v in variables
            ]  # fmt: skip
        return _codings_frame(codings, spec, paths)

    def codebook(self) -> pd.DataFrame:
        """One row per code in codebook order, with its variable's level and scope."""
        import pandas as pd

        with self._project.reading() as session:
            lookup = CodeLookup(session)
            rows = [
                (v.name, v.level, v.scope, v.multiple, c.label, " › ".join(lookup.path(c)),
                 c.value, c.active, c.uid)
                for v in lookup.variables.values()
                for c in v.codes
            ]  # fmt: skip
        columns = ["variable", "level", "scope", "multiple", "code", "path", "value", "active",
                   "uid"]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def agreement(self, unit: UnitKind = "matched", **options: Any) -> pd.DataFrame:
        """Each statistic of each variable, as the agreement report computes it (options
        as `services.agreement.report.project_agreement` takes them: coders, round, ...)."""
        import pandas as pd

        report = project_agreement(self._project, unit, **options)
        rows = [
            (v.name, v.level, r.name, r.value, r.ci95[0] if r.ci95 else None,
             r.ci95[1] if r.ci95 else None, r.n_units, r.n_coders, r.reason)
            for v in report.variables
            for r in v.results
        ]  # fmt: skip
        columns = ["variable", "level", "statistic", "value", "ci_low", "ci_high", "n_units",
                   "n_coders", "reason"]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def close(self) -> None:
        self._project.close()

    def __enter__(self) -> Analysis:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_analysis(target: str | Path) -> Analysis:
    return Analysis(open_project(target))


_Spec = tuple[str, bool, bool, list[int], dict[int, float | None]]


def _codings_frame(codings: Sequence[Any], spec: Sequence[_Spec], paths: dict[int, str]) -> Any:
    import pandas as pd

    frame = pd.DataFrame(
        [(c.article_id, c.coder, c.passage_id, c.start, c.end, c.quote, c.memo) for c in codings],
        columns=list(CODING_COLUMNS),
    )
    for name, multiple, scaled, order, values in spec:
        chosen = [[i for i in order if i in set(c.code_ids)] for c in codings]
        if multiple:
            frame[name] = pd.Series([tuple(paths[i] for i in ids) for ids in chosen], dtype=object)
        else:
            dtype = pd.CategoricalDtype([paths[i] for i in order], ordered=True)
            labels = [paths[ids[0]] if ids else None for ids in chosen]
            frame[name] = pd.Series(labels, dtype=dtype)
        if scaled:
            numbers = [[v for i in ids if (v := values[i]) is not None] for ids in chosen]
            frame[f"{name}_value"] = pd.Series(
                [sum(n) / len(n) if n else None for n in numbers], dtype="float64"
            )
    return frame
