"""The agreement vectors in tests/core/agreement/data are the shared reference, unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent
SHARED = HERE.parents[3] / "shared" / "reference" / "agreement-vectors.json"


@pytest.mark.skipif(not SHARED.exists(), reason=f"no shared reference folder at {SHARED}")
def test_the_copy_matches_the_shared_reference() -> None:
    copy = HERE / "data" / "agreement-vectors.json"
    assert copy.read_bytes() == SHARED.read_bytes(), f"refresh {copy} from {SHARED}"
