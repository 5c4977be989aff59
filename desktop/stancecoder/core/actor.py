"""Who is acting on a project, and so whose work a write may change.

A passage, its codes and a coder's article codes and status belong to their coder. Only
that coder changes them; a lead may too, but only having chosen to edit as lead (the window
asks first), and writes into the consensus layer through adjudication. An open project with
no actor is the command line's or a script's: whoever may write the file may change it all,
as a SQLite file offers nothing finer; a team server enforces roles in the database itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    coder: str
    lead: bool = False
    as_lead: bool = False
    """A lead who chose "Edit as lead": may change other coders' work."""

    def may_change(self, owner: str) -> bool:
        return owner.casefold() == self.coder.casefold() or (self.lead and self.as_lead)
