"""Guards against Qt bindings that leak references to None.

PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a Qt method
that returns nothing; a GUI makes thousands of such calls, so the process soon aborts
with "Fatal Python error: none_dealloc". This test fails fast on such a build instead of
letting the app crash in a coder's hands. Where None is immortal (Python 3.12+) its count
never changes, and the test still proves the calls run without aborting.
"""

import sys

from PySide6.QtWidgets import QLabel

CALLS = 10_000
# The count is checked between chunks so a leaking build fails with a message long before
# None's count can reach zero and abort the whole test session.
CHUNK = 500
# Unrelated code may take or drop a handful of references meanwhile; the leak drops one
# per call, so a loss of a whole chunk is the bug.
TOLERANCE = 100


def test_void_qt_calls_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)

    before = sys.getrefcount(None)
    for done in range(CHUNK, CALLS + 1, CHUNK):
        for i in range(done - CHUNK, done):
            label.setToolTip(str(i))
        lost = before - sys.getrefcount(None)
        assert lost < TOLERANCE, f"None lost {lost} references in {done} void Qt calls"

    assert label.toolTip() == str(CALLS - 1)
