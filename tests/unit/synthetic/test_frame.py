"""Frames fill what a domain leaves unset with OpenDental's own "nothing here" values."""

from __future__ import annotations

import numpy as np
import pytest

from dental_analytics.synthetic.frame import Frame


def test_unset_columns_get_opendental_defaults() -> None:
    frame = Frame("adjustment", 2)
    frame["AdjNum"] = np.array([1, 2])
    frame.stamp(np.array(["2026-01-01T10:00", "2026-01-02T10:00"], dtype="datetime64[m]"))
    data = frame.to_arrow().to_pydict()
    assert data["adjamt"] == [0.0, 0.0]
    assert data["adjnote"] == ["", ""]
    assert str(data["procdate"][0]) == "0001-01-01"
    assert str(data["dateentry"][1]) == "2026-01-02"  # DateEntry comes from the creation time


def test_unknown_column_is_refused() -> None:
    with pytest.raises(KeyError, match="no column"):
        Frame("patient", 1)["NoSuchColumn"] = 1


def test_nulls_are_refused() -> None:
    frame = Frame("zipcode", 2)
    frame["City"] = np.array(["Portland", None], dtype=object)
    with pytest.raises(ValueError, match="NOT NULL"):
        frame.to_arrow()


def test_row_timestamps_must_be_stamped() -> None:
    frame = Frame("patient", 1)
    with pytest.raises(ValueError, match="row timestamps"):
        frame.to_arrow()
