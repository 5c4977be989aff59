"""What a user action changed, so each screen refreshes only what it shows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Changes:
    """Ids touched by an action; `codebook` when variables or codes changed; `reload` when
    what changed cannot be named (another process wrote, a sample was drawn), so every view
    reads all it shows again."""

    articles: set[int] = field(default_factory=set)  # text metadata, status or passage counts
    passages: set[int] = field(default_factory=set)
    codebook: bool = False
    # passage uid, or `assignment_key` of a coder's status and article codes -> version now
    versions: dict[str, int] = field(default_factory=dict)
    reload: bool = False

    def merge(self, other: Changes) -> Changes:
        return Changes(
            self.articles | other.articles,
            self.passages | other.passages,
            self.codebook or other.codebook,
            {**self.versions, **other.versions},
            self.reload or other.reload,
        )


def assignment_key(article_id: int, coder: str) -> str:
    """The key of a coder's status and article codes of an article in `Changes.versions`,
    kept apart from passage uids (hex digits and dashes) by its colons."""
    return f"assignment:{article_id}:{coder}"


def status_kept(changes: Changes, article_id: int, coder: str, version: int) -> bool:
    """Whether `changes` certainly left `coder`'s statuses as they were: they touch only
    `article_id`, and carry back its status version as `version` (the one the caller read),
    as a coding on an article already begun does. A window that knows this need not count
    the coder's statuses again, which means reading every assignment of the coder."""
    if changes.reload or changes.articles - {article_id}:
        return False
    return changes.versions.get(assignment_key(article_id, coder)) == version
