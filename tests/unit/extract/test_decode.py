"""Rows as the source server writes them (one CSV line each) decode to the raw layer's values."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from dental_analytics.errors import DentalError
from dental_analytics.extract.decode import decode_rows
from dental_analytics.opendental import TABLES

SCHEDULE = TABLES["schedule"]  # dates, times (durations), text, keys


def _line(**values: str) -> bytes:
    """A schedule row as CONCAT_WS writes it: the given fields, OpenDental's defaults elsewhere."""
    defaults = {"integer": "0", "float": "0", "string": '""', "date": "0001-01-01",
                "timestamp": "0001-01-01 00:00:00", "time": "00:00:00"}  # fmt: skip
    fields = [values.get(c.name, defaults[c.kind]) for c in SCHEDULE.columns]
    return ",".join(fields).encode()


def test_text_keeps_quotes_commas_newlines_and_the_empty_string_apart_from_null() -> None:
    rows = [
        _line(ScheduleNum="1", Note='"O\'Brien, ""Jr""\nsecond line"'),
        _line(ScheduleNum="2", Note='""'),
        _line(ScheduleNum="3", Note=""),  # NULL: an unquoted empty field
        _line(ScheduleNum="4", Note='"\\N NULL é 😀"'),
    ]
    data = decode_rows(SCHEDULE, rows)
    assert data.column("note").to_pylist() == [
        'O\'Brien, "Jr"\nsecond line', "", None, "\\N NULL é 😀",
    ]  # fmt: skip
    assert data.column_names == [c.raw_name for c in SCHEDULE.columns]
    assert data.column("schedulenum").type == SCHEDULE.key.arrow_type


def test_zero_and_impossible_dates_become_opendentals_no_date() -> None:
    notes: Counter[str] = Counter()
    rows = [
        _line(ScheduleNum="1", SchedDate="2024-02-29", DateTStamp="2024-03-01 08:30:05"),
        _line(ScheduleNum="2", SchedDate="0000-00-00", DateTStamp="0000-00-00 00:00:00"),
        _line(ScheduleNum="3", SchedDate="2023-02-30", DateTStamp="2023-02-30 10:00:00"),
    ]
    data = decode_rows(SCHEDULE, rows, notes)
    no_date = dt.date(1, 1, 1)
    assert data.column("scheddate").to_pylist() == [dt.date(2024, 2, 29), no_date, no_date]
    assert data.column("datetstamp").to_pylist() == [
        dt.datetime(2024, 3, 1, 8, 30, 5), dt.datetime(1, 1, 1), dt.datetime(1, 1, 1),
    ]  # fmt: skip
    assert notes == Counter(
        {
            "schedule.SchedDate: impossible dates loaded as 0001-01-01": 1,
            "schedule.DateTStamp: impossible dates loaded as 0001-01-01": 1,
        }
    )


def test_mysql_times_become_signed_durations() -> None:
    rows = [
        _line(ScheduleNum="1", StartTime="08:30:00", StopTime="-02:15:00"),
        _line(ScheduleNum="2", StartTime="838:59:59", StopTime="00:00:01.500000"),
    ]
    data = decode_rows(SCHEDULE, rows)
    assert data.column("starttime").to_pylist() == [
        dt.timedelta(hours=8, minutes=30), dt.timedelta(hours=838, minutes=59, seconds=59),
    ]  # fmt: skip
    assert data.column("stoptime").to_pylist() == [
        -dt.timedelta(hours=2, minutes=15), dt.timedelta(seconds=1.5),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "ScheduleNum",
            "18446744073709551610",
            "schedule.ScheduleNum: a value is not a whole number",
        ),
        ("SchedType", "70000", "schedule.SchedType: a value does not fit smallint"),
        ("StartTime", "soon", "schedule.StartTime: a value is not a MySQL time"),
    ],
)
def test_a_value_that_cannot_be_read_names_the_column_never_the_value(
    field: str, value: str, message: str
) -> None:
    with pytest.raises(DentalError, match=message) as caught:
        decode_rows(SCHEDULE, [_line(**{"ScheduleNum": "1", field: value})])
    assert value not in str(caught.value)
