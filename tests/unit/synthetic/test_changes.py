"""Change sets: what the rules of a practice's day hand over, with every stamp from their clock."""

from __future__ import annotations

import numpy as np
import pytest

from dental_analytics.opendental.schema import table
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import KeyCounter
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.state import STATE_COLUMNS, PracticeState

CLOCK = np.datetime64("2027-01-05T09:30:00")


def test_an_update_carries_the_row_stamps_from_the_simulated_clock() -> None:
    changes = ChangeSet()
    changes.update("claimproc", [4, 9], {"Status": [1, 1]}, np.array([CLOCK, CLOCK]))
    (part,) = changes.updates["claimproc"]
    assert part.column_names == ["claimprocnum", "status", "secdatetedit"]
    assert part.column("secdatetedit").to_pylist() == [CLOCK.astype(object)] * 2
    assert part.schema.field("status").type == table("claimproc").column("Status").arrow_type


def test_an_update_of_a_column_the_table_lacks_is_refused() -> None:
    with pytest.raises(KeyError):
        ChangeSet().update("patient", [1], {"NoSuchColumn": [1]}, np.array([CLOCK]))


def test_a_loader_takes_inserts_only() -> None:
    changes = ChangeSet()
    frame = Frame("carrier", 1)
    frame.update({"CarrierNum": 1, "CarrierName": "Delta"})
    frame.stamp(np.array([CLOCK]))
    changes.add(frame)
    assert changes.batch()["carrier"].num_rows == 1
    changes.delete("carrier", [1])
    with pytest.raises(ValueError, match="applied, not loaded"):
        changes.batch()


def test_merging_keeps_both_change_sets_in_order() -> None:
    first, second = ChangeSet(), ChangeSet()
    first.delete("claim", [1])
    second.delete("claim", [2])
    merged = first.merge(second)
    assert [k.to_pylist() for k in merged.deletes["claim"]] == [[1], [2]]


def test_the_state_the_rules_read_names_real_columns() -> None:
    for name, columns in STATE_COLUMNS.items():
        t = table(name)
        assert columns[0] == t.key.name, name
        assert all(c in t.by_name for c in columns), name


def test_a_day_continues_the_twins_keys() -> None:
    state = PracticeState(tables={}, next_keys={"patient": 5001})
    keys = state.key_counter()
    assert keys.take("patient", 2).tolist() == [5001, 5002]
    assert keys.take("claim", 1).tolist() == [1]
    assert KeyCounter().take("patient", 1).tolist() == [1]


def test_an_amended_insert_keeps_its_schema_so_its_parts_still_concatenate() -> None:
    changes = ChangeSet()
    for num in (1, 2):
        frame = Frame("carrier", 1)
        frame.update({"CarrierNum": num, "CarrierName": "Delta"})
        frame.stamp(np.array([CLOCK]))
        changes.add(frame)
    changes.amend("carrier", [2], {"CarrierName": ["Delta Dental"]})
    first, second = changes.inserts["carrier"]
    assert first.schema.equals(second.schema)
    assert changes.batch()["carrier"].column("carriername").to_pylist() == ["Delta", "Delta Dental"]


def test_a_withdrawn_insert_never_reaches_the_loader() -> None:
    changes = ChangeSet()
    frame = Frame("carrier", 3)
    frame.update({"CarrierNum": np.array([1, 2, 3]), "CarrierName": "Delta"})
    frame.stamp(np.full(3, CLOCK))
    changes.add(frame)
    changes.withdraw("carrier", [2])
    assert changes.batch()["carrier"].column("carriernum").to_pylist() == [1, 3]
