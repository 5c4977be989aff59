"""Whose codings a table, a view or an export shows: one coder, the consensus, or each
coder separately. Coded data is never pooled silently: two coders and the consensus on one
span of text are three codings of one passage, and a count over all of them counts it
three times."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from stancecoder.core.errors import ValidationError

LayerKind = Literal["coder", "consensus", "each"]
CONSENSUS_WORD = "consensus"
EACH_CODER_WORD = "each-coder"


@dataclass(frozen=True)
class Layer:
    """`kind` "coder" names the coder in `coder`; the other two kinds name nobody."""

    kind: LayerKind
    coder: str | None = None

    @classmethod
    def of_coder(cls, name: str) -> Layer:
        return cls("coder", name)

    @classmethod
    def consensus(cls) -> Layer:
        return cls("consensus")

    @classmethod
    def each_coder(cls) -> Layer:
        return cls("each")

    @classmethod
    def parse(cls, text: str) -> Layer:
        """The layer as the command line names it: "consensus", "each-coder" or a coder."""
        word = text.strip()
        if not word:
            raise ValidationError("name a layer: consensus, each-coder or a coder's name")
        if word.casefold() == CONSENSUS_WORD:
            return cls.consensus()
        if word.casefold() == EACH_CODER_WORD:
            return cls.each_coder()
        return cls.of_coder(word)

    @property
    def title(self) -> str:
        """The words a title, a header or a sheet uses for it."""
        if self.kind == "coder":
            return f"{self.coder}'s codings"
        if self.kind == "consensus":
            return "consensus"
        return "each coder separately"
