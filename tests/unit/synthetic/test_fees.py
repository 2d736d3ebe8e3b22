"""Fees: OpenDental's lookup order, and the clinic and provider fees the practice keeps."""

from __future__ import annotations

import duckdb
import numpy as np
from tests.unit.synthetic.generated import scalar

from dental_analytics.synthetic.fees import FeeTable

SCHED, OTHER_SCHED, CODE, CLINIC, PROV = 1, 2, 10, 5, 7


def _table() -> FeeTable:
    # One schedule with a fee for each scope of one code, and a default-only second schedule.
    rows = [
        (SCHED, CODE, 0, 0, 100.0),
        (SCHED, CODE, CLINIC, 0, 110.0),
        (SCHED, CODE, 0, PROV, 120.0),
        (SCHED, CODE, CLINIC, PROV, 130.0),
        (OTHER_SCHED, CODE, 0, 0, 80.0),
    ]
    sched, code, clinic, prov, amount = (np.array(c) for c in zip(*rows, strict=True))
    return FeeTable(sched, code, clinic, prov, amount.astype(float))


def test_the_lookup_prefers_provider_at_clinic_then_provider_then_clinic_then_default() -> None:
    asked_clinic = np.array([CLINIC, 9, CLINIC, 9])
    asked_prov = np.array([PROV, PROV, 8, 8])
    fee = _table().look_up(np.full(4, SCHED), np.full(4, CODE), asked_clinic, asked_prov)
    assert fee.tolist() == [130.0, 120.0, 110.0, 100.0]


def test_a_schedule_without_localised_fees_gives_its_default_to_everyone() -> None:
    fee = _table().look_up(
        np.array([OTHER_SCHED]), np.array([CODE]), np.array([CLINIC]), np.array([PROV])
    )
    assert fee.tolist() == [80.0]


def test_a_code_the_schedule_has_no_fee_for_costs_nothing() -> None:
    fee = _table().look_up(np.array([SCHED]), np.array([11]), np.array([0]), np.array([0]))
    assert fee.tolist() == [0.0]


def test_only_the_office_schedule_is_localised(raw: duckdb.DuckDBPyConnection) -> None:
    scopes = raw.execute(
        """
        select s.description, s.isglobal,
            case when f.clinicnum > 0 and f.provnum > 0 then 'provider_and_clinic'
                 when f.provnum > 0 then 'provider'
                 when f.clinicnum > 0 then 'clinic'
                 else 'default' end as scope,
            count(*)
        from raw.fee f join raw.feesched s on s.feeschednum = f.feesched
        group by all
        """
    ).fetchall()
    localised = {(d, g, s) for d, g, s, _ in scopes if s != "default"}
    assert localised == {
        ("Standard", 0, "clinic"),
        ("Standard", 0, "provider"),
        ("Standard", 0, "provider_and_clinic"),
    }
    assert {g for d, g, s, _ in scopes if d != "Standard"} == {1}


def test_localised_fees_are_dearer_and_charged(raw: duckdb.DuckDBPyConnection) -> None:
    cheaper = scalar(
        raw,
        """
        select count(*) from raw.fee f
        join raw.fee d on d.feesched = f.feesched and d.codenum = f.codenum
            and d.clinicnum = 0 and d.provnum = 0
        where (f.clinicnum > 0 or f.provnum > 0) and f.amount <= d.amount
        """,
    )
    assert cheaper == 0
    # Procedures of each scope are charged its fee (the lookup itself: test_visits).
    charged = raw.execute(
        """
        select distinct (f.clinicnum > 0) as by_clinic, (f.provnum > 0) as by_provider
        from raw.procedurelog p
        join raw.patient pt on pt.patnum = p.patnum
        join raw.fee f on f.feesched = pt.feesched and f.codenum = p.codenum
            and f.clinicnum in (0, p.clinicnum) and f.provnum in (0, p.provnum)
            and (f.clinicnum > 0 or f.provnum > 0)
        where p.procstatus = 2 and p.procfee = f.amount
        """
    ).fetchall()
    assert set(charged) == {(True, False), (False, True), (True, True)}
