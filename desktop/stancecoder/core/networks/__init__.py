"""Stance networks in the manner of discourse network analysis: who takes which stance on
which topic (actor × topic, two-mode), and which actors agree or disagree on topics
(one-mode congruence and conflict), built with networkx from plain passages of one layer,
so the counting needs no database and no Qt."""
