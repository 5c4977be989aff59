"""The stance networks of a small hand-made project (`networked` in tests/conftest.py), on
SQLite and PostgreSQL: the actor × topic figures counted again from the plain rows with
loops, the agreement, conflict and actor-actor weights and their normalisation worked out
by hand below; the layer, the dates and the periods; each bad request refused in one line."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from stancecoder.core.errors import ValidationError
from stancecoder.core.layer import Layer
from stancecoder.services.agreement.adjudication import consensus_coder
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codings import add_passage
from stancecoder.services.networks import save_networks, stance_networks
from stancecoder.services.project import Project
from stancecoder.services.retrieval import RetrievalFilter

ALICE = Layer.of_coder("Alice")


def top(actor: str) -> str:
    return actor.split(" › ")[0]


def test_actor_topic_counts_what_the_rows_say(networked: Project, network_rows) -> None:
    pairs: dict[tuple[str, str], list] = defaultdict(list)
    for coder, actor, topic, stance, _, article in network_rows:
        if coder == "Alice":
            pairs[(top(actor), topic)].append((None if stance is None else int(stance), article))
    graph = stance_networks(networked, "actor-topic", ALICE).networks[0].graph
    assert graph.number_of_edges() == len(pairs) == 10
    for (actor, topic), found in pairs.items():
        edge = graph.edges[f"actor: {actor}", f"topic: {topic}"]
        stances = [s for s, _ in found if s is not None]
        assert edge["weight"] == len(found)
        assert edge["articles"] == len({a for _, a in found})
        assert edge["positive"] == sum(1 for s in stances if s > 0)
        assert edge["negative"] == sum(1 for s in stances if s < 0)
        assert edge["neutral"] == sum(1 for s in stances if s == 0)
        if stances:
            assert edge["mean_stance"] == pytest.approx(sum(stances) / len(stances))
        else:
            assert "mean_stance" not in edge  # no stance: no mean, never None
    # Putin rolled up into Russia: +2 and -1 on sanctions in two articles
    russia = graph.edges["actor: Russia", "topic: Sanctions"]
    assert (russia["weight"], russia["mean_stance"], russia["articles"]) == (2, 0.5, 2)
    node = graph.nodes["actor: Russia"]
    assert (node["kind"], node["bipartite"], node["passages"], node["articles"]) == (
        "actor", 0, 4, 3,
    )  # fmt: skip
    assert graph.nodes["topic: Sanctions"]["bipartite"] == 1


def test_sub_codes_apart_keep_putin_apart(networked: Project) -> None:
    graph = stance_networks(networked, "actor-topic", ALICE, detail=True).networks[0].graph
    assert graph.edges["actor: Russia › Vladimir Putin", "topic: Sanctions"]["weight"] == 2
    assert not graph.has_edge("actor: Russia", "topic: Sanctions")


# Alice's sides (the stance's sign), topic by topic; neutral and stanceless passages take
# none, so Analysts' neutral word on military cooperation and Russia's stanceless one on
# economic cooperation count nowhere:
#   Russia         sanctions + and -, military +           activity 3
#   North Korea    sanctions +,       military +           activity 2
#   Analysts       sanctions -,       economic +           activity 2
#   United States  sanctions -,       military -           activity 2
# (same sides, opposite sides) per pair, then each divided by the mean activity:
#   Russia–North Korea    (2, 1) / 2.5 -> 0.8, 0.4     Russia–Analysts  (1, 1) / 2.5 -> 0.4, 0.4
#   Russia–United States  (1, 2) / 2.5 -> 0.4, 0.8     North Korea–Analysts  (0, 1) / 2 -> 0, 0.5
#   North Korea–United States (0, 2) / 2 -> 0, 1.0     Analysts–United States (1, 0) / 2 -> 0.5, 0
AGREEMENT = {("North Korea", "Russia"): 0.8, ("Analysts", "Russia"): 0.4,
             ("Russia", "United States"): 0.4, ("Analysts", "United States"): 0.5}  # fmt: skip
CONFLICT = {("North Korea", "Russia"): 0.4, ("Analysts", "Russia"): 0.4,
            ("Russia", "United States"): 0.8, ("Analysts", "North Korea"): 0.5,
            ("North Korea", "United States"): 1.0}  # fmt: skip


def weights(graph) -> dict[tuple[str, str], float]:
    return {tuple(sorted((u, v))): d["weight"] for u, v, d in graph.edges(data=True)}


def test_agreement_and_conflict_normalised_by_average_activity(networked: Project) -> None:
    agreement = stance_networks(networked, "agreement", ALICE).networks[0].graph
    assert weights(agreement) == pytest.approx(AGREEMENT)
    edge = agreement.edges["Russia", "North Korea"]
    assert edge["count"] == 2 and edge["topics"] == "Military cooperation; Sanctions"
    assert agreement.nodes["Russia"]["activity"] == 3
    assert agreement.nodes["Analysts"]["activity"] == 2  # the neutral passage is no side
    conflict = stance_networks(networked, "conflict", ALICE).networks[0].graph
    assert weights(conflict) == pytest.approx(CONFLICT)
    assert conflict.edges["Russia", "United States"]["topics"] == (
        "Military cooperation; Sanctions"
    )


def test_actor_actor_is_agreement_minus_conflict(networked: Project) -> None:
    graph = stance_networks(networked, "actor-actor", ALICE).networks[0].graph
    pairs = AGREEMENT.keys() | CONFLICT.keys()
    wanted = {pair: AGREEMENT.get(pair, 0) - CONFLICT.get(pair, 0) for pair in pairs}
    assert weights(graph) == pytest.approx(wanted)
    balanced = graph.edges["Russia", "Analysts"]  # as much agreement as conflict: kept at 0
    assert balanced["weight"] == pytest.approx(0)
    assert balanced["agreement_topics"] == balanced["conflict_topics"] == "Sanctions"


def test_months_are_networks_of_their_own(networked: Project) -> None:
    found = stance_networks(networked, "agreement", ALICE, by="month")
    assert [n.period for n in found.networks] == ["2024-06", "2024-07"]
    assert found.notes == ("1 passage without a date to the month left out",)
    june, july = (n.graph for n in found.networks)
    # June: Analysts' only side is sanctions - (activity 1), the United States' too
    assert weights(june)[("Analysts", "United States")] == pytest.approx(1 / 1)
    assert weights(june)[("Analysts", "Russia")] == pytest.approx(1 / 2)
    assert list(july.nodes) == ["United States"] and july.number_of_edges() == 0
    assert found.networks[0].title == "Actor agreement network, 2024-06 — Alice's codings"


def test_dates_filter_the_passages(networked: Project) -> None:
    july = RetrievalFilter(date_from="2024-07")
    graph = stance_networks(networked, "actor-topic", ALICE, july).networks[0].graph
    assert sorted(graph.edges) == [
        ("actor: Russia", "topic: Economic cooperation"),
        ("actor: United States", "topic: Military cooperation"),
    ]


def test_the_layer_is_one_coder_or_the_consensus(networked: Project) -> None:
    bob = stance_networks(networked, "actor-topic", Layer.of_coder("bob")).networks[0]
    assert bob.graph.edges["actor: North Korea", "topic: Sanctions"]["mean_stance"] == -1
    assert bob.layer == "Bob's codings" and bob.passages == 2
    with pytest.raises(ValidationError, match=r"never several pooled: choose --coder NAME$"):
        stance_networks(networked, "agreement")  # two coders, no consensus: say whose
    with pytest.raises(ValidationError, match="no consensus yet"):
        stance_networks(networked, "agreement", Layer.consensus())
    name = consensus_coder(networked)
    article = next(a for a in list_articles(networked) if a.title == "Summit")
    start = read_article(networked, article.id).text.index("Analysts warned")
    add_passage(networked, article.id, name, start, start + 15,
                {"actor": "Analysts", "topic": "Sanctions", "stance": "+1"})  # fmt: skip
    consensus = stance_networks(networked, "actor-topic").networks[0]  # the default now
    assert consensus.layer == "consensus" and consensus.passages == 1


def test_bad_requests_are_refused(networked: Project) -> None:
    asked = [
        (lambda: stance_networks(networked, "star", ALICE), "unknown network 'star'"),
        (lambda: stance_networks(networked, "agreement", ALICE, by="year"),
         "unknown period 'year'"),
        (lambda: stance_networks(networked, "agreement", ALICE, actors="stance"),
         "nominal passage variables: 'stance' is none"),
        (lambda: stance_networks(networked, "agreement", ALICE, topics="actor"),
         "not actor with itself"),
        (lambda: stance_networks(networked, "agreement", ALICE,
                                 RetrievalFilter(coders=["Bob"])),
         "choose the layer, not a coder"),
    ]  # fmt: skip
    for call, message in asked:
        with pytest.raises(ValidationError, match=message):
            call()


def test_files_per_month_and_refusals(networked: Project, tmp_path: Path) -> None:
    found = stance_networks(networked, "actor-actor", ALICE, by="month")
    written = save_networks(networked, found, tmp_path / "net.graphml")
    assert [p.name for p in written] == ["net-2024-06.graphml", "net-2024-07.graphml"]
    assert all(p.stat().st_size > 0 for p in written)
    with pytest.raises(ValidationError, match=r"net\.txt: use a \.gexf, \.graphml or \.csv"):
        save_networks(networked, found, tmp_path / "net.txt")
    nothing = stance_networks(networked, "agreement", ALICE, RetrievalFilter(date_to="2023"),
                              by="month")  # fmt: skip
    with pytest.raises(ValidationError, match="no passage has a date to the month"):
        save_networks(networked, nothing, tmp_path / "none.gexf")
    assert not list(tmp_path.glob("none*"))
