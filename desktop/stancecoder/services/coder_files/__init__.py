"""Coder files, for a team without a server: a coder's share of a project packed into a
project of its own (`package`), coded in the normal window, and merged back (`merge`).

A coder file is an ordinary `.stance` project whose `coder_file` setting (`stamp`) says
which project it came from, whose work it holds, and the version of each of that coder's
codings when it was packed, the base of the three-way merge (`core.sync`).
"""
