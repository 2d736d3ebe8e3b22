"""Claims: only for insured patients, one claimproc per claimed procedure, money that adds up."""

from __future__ import annotations

import duckdb
import numpy as np
from tests.unit.synthetic.generated import scalar

from dental_analytics.synthetic.claims import carrier_pays, needs_attachments
from dental_analytics.synthetic.params import (
    CLAIM_DENIED_P,
    CLAIM_UNDERPAID_P,
    COVERAGE_END_FOUND_DAYS,
)


def test_claims_only_for_insured_patients(raw: duckdb.DuckDBPyConnection) -> None:
    uninsured = scalar(
        raw,
        """
        select count(*) from raw.claim c
        where not exists (
            select 1 from raw.patplan pp join raw.inssub s on s.inssubnum = pp.inssubnum
            where pp.patnum = c.patnum and s.plannum = c.plannum
        )
        """,
    )
    assert uninsured == 0


def test_one_claimproc_per_claimed_procedure(raw: duckdb.DuckDBPyConnection) -> None:
    repeated = scalar(
        raw,
        """
        select count(*) from (
            select claimnum, procnum from raw.claimproc
            where claimnum <> 0 and status in (0, 1)
            group by claimnum, procnum having count(*) > 1
        ) x
        """,
    )
    assert repeated == 0


def test_claimed_procedures_are_completed(raw: duckdb.DuckDBPyConnection) -> None:
    assert (
        scalar(
            raw,
            """
        select count(*) from raw.claimproc cp join raw.procedurelog p on p.procnum = cp.procnum
        where cp.claimnum <> 0 and p.procstatus <> 2
          and cp.status <> 2  -- a preauthorization asks about planned work
        """,
        )
        == 0
    )


def test_insurance_never_pays_more_than_the_fee(raw: duckdb.DuckDBPyConnection) -> None:
    over = scalar(
        raw,
        """
        select count(*) from (
            select cp.procnum, sum(cp.inspayamt + cp.writeoff) as covered,
                   max(p.procfee * (p.unitqty + p.baseunits)) as fee
            from raw.claimproc cp join raw.procedurelog p on p.procnum = cp.procnum
            where cp.status <> 2  -- a preauthorization's amount is the carrier's estimate
            group by cp.procnum
        ) x where covered > fee + 0.005
        """,
    )
    assert over == 0
    assert (
        scalar(
            raw,
            # Payments by total (no procedure) bill no fee of their own.
            "select count(*) from raw.claimproc where inspayamt + writeoff > feebilled + 0.005 and status in (0, 1) and procnum <> 0",
        )
        == 0
    )


def test_check_amount_equals_the_payments_attached(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = scalar(
        raw,
        """
        select count(*) from raw.claimpayment cpay
        left join (
            select claimpaymentnum, sum(inspayamt) as paid from raw.claimproc
            where claimpaymentnum <> 0 group by claimpaymentnum
        ) x on x.claimpaymentnum = cpay.claimpaymentnum
        where abs(cpay.checkamt - coalesce(x.paid, 0)) > 0.005
        """,
    )
    assert wrong == 0


def test_claim_totals_add_up_their_claimprocs(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = scalar(
        raw,
        """
        select count(*) from raw.claim c join (
            select claimnum, sum(feebilled) as fee, sum(inspayamt) as paid
            from raw.claimproc where claimnum <> 0 group by claimnum
        ) x on x.claimnum = c.claimnum
        where abs(c.claimfee - x.fee) > 0.005 or abs(c.inspayamt - x.paid) > 0.005
        """,
    )
    assert wrong == 0


def test_received_claims_have_dates_in_order(raw: duckdb.DuckDBPyConnection) -> None:
    assert (
        scalar(
            raw,
            """
        select count(*) from raw.claim
        where claimstatus = 'R' and not (dateservice <= datesent and datesent <= datereceived)
        """,
        )
        == 0
    )
    assert scalar(raw, "select count(distinct claimstatus) from raw.claim") >= 4  # type: ignore[operator]


def test_claim_relationship_is_the_coverages(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = scalar(
        raw,
        """
        select count(*) from raw.claim c
        join raw.patplan pp on pp.patnum = c.patnum and pp.inssubnum = c.inssubnum
        where c.patrelat <> pp.relationship
        """,
    )
    assert wrong == 0


def test_claim_write_off_is_its_claimprocs(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = scalar(
        raw,
        """
        select count(*) from raw.claim c join (
            select claimnum, sum(writeoff) as wo from raw.claimproc where claimnum <> 0 group by claimnum
        ) x on x.claimnum = c.claimnum
        where abs(c.writeoff - x.wo) > 0.005
        """,
    )
    assert wrong == 0


def test_claims_are_entered_before_they_are_sent(raw: duckdb.DuckDBPyConnection) -> None:
    early = scalar(
        raw,
        "select count(*) from raw.claim where datesent > date '0001-01-01' and datesent < secdateentry",
    )
    assert early == 0


def test_carriers_pay_the_estimate_but_deny_a_few_claims_and_underpay_some() -> None:
    # The one rule for what a carrier pays, shared by history and simulated days.
    n = 20_000
    claim_of_proc = np.repeat(np.arange(n), 2)
    estimate = np.full(2 * n, 100.0)
    paid = carrier_pays(estimate, claim_of_proc, n, np.random.default_rng(7)).reshape(n, 2)
    assert (paid[:, 0] == paid[:, 1]).all()  # a claim is answered whole
    per_claim = paid[:, 0]
    assert abs((per_claim == 0).mean() - CLAIM_DENIED_P) < 0.01
    under = (per_claim > 0) & (per_claim < 100)
    assert abs(under.mean() - (1 - CLAIM_DENIED_P) * CLAIM_UNDERPAID_P) < 0.01
    assert per_claim[under].min() >= 50 and per_claim[under].max() <= 95
    assert set(np.unique(per_claim[~under & (per_claim > 0)])) == {100.0}


_CAPITATION_PATIENTS = """
    select pp.patnum from raw.patplan pp
    join raw.inssub s on s.inssubnum = pp.inssubnum
    join raw.insplan i on i.plannum = s.plannum
    where pp.ordinal = 1 and i.plantype = 'c'
"""


def test_capitation_procedures_are_written_off_to_the_copay_and_never_billed(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    # Every completed, charged procedure of a capitation patient has one CapComplete claimproc,
    # on no claim, whose copay and write-off make up the fee; none is on a primary claim.
    rows = raw.execute(
        f"""
        select count(*),
               count(*) filter (where cp.claimprocnum is null),
               count(*) filter (
                   where abs(cp.copayamt + cp.writeoff - p.procfee * (p.unitqty + p.baseunits)) > 0.005
                      or cp.claimnum <> 0 or cp.inspayamt <> 0)
        from raw.procedurelog p
        left join raw.claimproc cp on cp.procnum = p.procnum and cp.status = 7
        where p.patnum in ({_CAPITATION_PATIENTS}) and p.procstatus = 2 and p.procfee > 0
          and p.aptnum <> 0
        """
    ).fetchone()
    assert rows is not None
    total, missing, wrong = rows
    assert total > 0 and missing == 0 and wrong == 0
    billed = scalar(
        raw,
        f"""
        select count(*) from raw.claim c
        where c.claimtype in ('P', 'S') and c.patnum in ({_CAPITATION_PATIENTS})
          and c.plannum in (select plannum from raw.insplan where plantype = 'c')
          -- (the carrier's own account holds the checks' claims, with no procedure)
          and exists (select 1 from raw.claimproc cp where cp.claimnum = c.claimnum and cp.procnum <> 0)
        """,
    )
    assert billed == 0


def test_capitation_claims_track_encounters_and_pay_nothing(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    # A capitation claim's lines are CapClaim (5) and, as OpenDental keeps them, its estimate and
    # payment stay zero so they never touch the patient's balance.
    assert scalar(raw, "select count(*) from raw.claim where claimtype = 'Cap'") > 0  # type: ignore[operator]
    wrong = scalar(
        raw,
        """
        select count(*) from raw.claim c
        where c.claimtype = 'Cap' and (c.inspayest <> 0 or c.inspayamt <> 0 or exists (
            select 1 from raw.claimproc cp where cp.claimnum = c.claimnum and cp.status <> 5))
        """,
    )
    assert wrong == 0


def test_capitation_checks_pay_the_carriers_capitation_income(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    # Each month's capitation check pays, by total (no procedure), the capitation income charged
    # to the carrier's own account, which therefore owes nothing.
    rows = raw.execute(
        """
        select count(*), sum(cp.inspayamt), (
            select sum(adjamt) from raw.adjustment a
            join raw.definition d on d.defnum = a.adjtype where d.itemname = 'Capitation income')
        from raw.claimproc cp join raw.claimpayment pay on pay.claimpaymentnum = cp.claimpaymentnum
        where cp.procnum = 0
        """
    ).fetchone()
    assert rows is not None
    checks, paid, charged = rows
    assert checks >= 12 and abs(paid - charged) < 0.005
    owing = scalar(
        raw,
        """
        select count(*) from raw.patient p
        where p.fname = 'Capitation' and p.patstatus = 2 and p.estbalance <> 0
        """,
    )
    assert owing == 0


def test_denials_come_without_a_check(raw: duckdb.DuckDBPyConnection) -> None:
    attached = scalar(
        raw,
        """
        select count(*) from raw.claim c
        where c.claimstatus = 'R' and c.inspayamt <= 0 and c.inspayest > 0
          and exists (select 1 from raw.claimproc cp
                      where cp.claimnum = c.claimnum and cp.claimpaymentnum <> 0)
        """,
    )
    assert attached == 0


def test_preauthorizations_ask_about_major_work_and_pay_nothing(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    assert scalar(raw, "select count(*) from raw.claim where claimtype = 'PreAuth'") > 0  # type: ignore[operator]
    wrong = scalar(
        raw,
        """
        select count(*) from raw.claimproc cp join raw.claim c on c.claimnum = cp.claimnum
        where (c.claimtype = 'PreAuth') <> (cp.status = 2) or (cp.status = 2 and cp.claimpaymentnum <> 0)
        """,
    )
    assert wrong == 0


def test_patient_benefit_rows_override_the_plans_percentage(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    # A benefit row on a patient's coverage has no plan, and the patient's primary claim lines for
    # that coverage level's code are paid at its percentage.
    overrides = scalar(raw, "select count(*) from raw.benefit where patplannum <> 0")
    assert overrides > 0  # type: ignore[operator]
    assert (
        scalar(raw, "select count(*) from raw.benefit where patplannum <> 0 and plannum <> 0") == 0
    )
    rows = raw.execute(
        """
        select count(*), count(*) filter (where cp.percentage <> b.percent)
        from raw.benefit b
        join raw.patplan pp on pp.patplannum = b.patplannum
        join raw.claimproc cp on cp.patnum = pp.patnum and cp.inssubnum = pp.inssubnum
        join raw.claim c on c.claimnum = cp.claimnum and c.claimtype = 'P'
        where cp.codesent = (select proccode from raw.procedurecode where codenum = b.codenum)
        """
    ).fetchone()
    assert rows is not None
    lines, wrong = rows
    assert lines > 0 and wrong == 0


def test_no_claim_is_for_work_after_the_plan_ended(raw: duckdb.DuckDBPyConnection) -> None:
    """A subscription's last day (DateTerm) ends its claims and estimates: no claim procedure of
    the plan is for work done after it (a preauthorization answered while the plan was in force
    aside)."""
    ended = scalar(raw, "select count(*) from raw.inssub where dateterm > date '1900-01-01'")
    after = scalar(
        raw,
        """
        select count(*) from raw.claimproc cp
        join raw.procedurelog pl on pl.procnum = cp.procnum
        join raw.inssub s on s.inssubnum = cp.inssubnum
        where s.dateterm > date '1900-01-01' and pl.procdate > s.dateterm
          and not (cp.status = 2 and cp.datecp <= s.dateterm)
        """,
    )
    assert ended > 0
    assert after == 0


def test_snapshots_of_deleted_claims_are_of_work_just_after_the_plan_ended(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    """A snapshot whose claim procedure is gone belongs to a claim the carrier rejected because
    the plan had ended (and the office deleted): work in the weeks after the last covered day."""
    orphans = raw.execute(
        """
        select count(*),
               count(*) filter (where exists (
                   select 1 from raw.patplan pp
                   join raw.inssub s on s.inssubnum = pp.inssubnum
                   where pp.patnum = pl.patnum and pp.ordinal = 1
                     and s.dateterm > date '1900-01-01'
                     and pl.procdate between s.dateterm + 1 and s.dateterm + ?
               ))
        from raw.claimsnapshot cs
        join raw.procedurelog pl on pl.procnum = cs.procnum
        where not exists (select 1 from raw.claimproc cp where cp.claimprocnum = cs.claimprocnum)
        """,
        [COVERAGE_END_FOUND_DAYS],
    ).fetchone()
    assert orphans is not None
    total, after_plan_ended = orphans
    assert total > 0
    assert after_plan_ended == total


def test_claims_held_in_process_wait_for_attachments(raw: duckdb.DuckDBPyConnection) -> None:
    """A claim held in process (status I) has work carriers want images for, is not sent yet,
    and its custom tracking says it is on hold."""
    held = raw.execute(
        """
        select c.claimnum, c.datesent,
               (select list(codesent) from raw.claimproc cp where cp.claimnum = c.claimnum),
               (select count(*) from raw.claimtracking t where t.claimnum = c.claimnum)
        from raw.claim c
        where c.claimstatus = 'I'
        """
    ).fetchall()
    assert len(held) >= 5
    for _, sent, codes, tracked in held:
        assert sent.year == 1
        assert needs_attachments(np.array(codes, dtype=object)).any()
        assert tracked == 1
