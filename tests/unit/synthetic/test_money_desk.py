"""The money desk: payers, deposits, payment-plan links, verification history, claim follow-up,
memberships. Rates within their ranges, links consistent, dates in order."""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
import pytest
from tests.unit.synthetic.generated import AS_OF, scalar

from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.money_params import (
    CAPITATION_PLANS,
    CHIP_PLANS,
    DEPOSIT_MISSED_P,
    MEDICAID_PLANS,
    MEMBERSHIP_P,
    UNDEPOSITED_RECENT_DAYS,
)


def _count(raw: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(scalar(raw, sql))  # type: ignore[call-overload]


# --- payers -----------------------------------------------------------------------------------


def test_every_plan_type_occurs(raw: duckdb.DuckDBPyConnection) -> None:
    types = {r[0] for r in raw.execute("select distinct plantype from raw.insplan").fetchall()}
    assert types == {"", "p", "f", "c"}
    assert _count(raw, "select count(*) from raw.insplan where plantype = 'c'") == CAPITATION_PLANS


def test_government_plans_told_apart_by_filing_code(raw: duckdb.DuckDBPyConnection) -> None:
    rows = dict(
        raw.execute(
            """
            select f.descript, count(*) from raw.insplan p
            join raw.insfilingcode f on f.insfilingcodenum = p.filingcode
            group by f.descript
            """
        ).fetchall()
    )
    assert rows["Medicaid"] == MEDICAID_PLANS
    assert rows["Children's Health Insurance Program (CHIP)"] == CHIP_PLANS
    # Every plan files under a code; Medicaid and CHIP plans are OpenDental's flat-copay type.
    assert _count(raw, "select count(*) from raw.insplan where filingcode = 0") == 0
    assert (
        _count(
            raw,
            """
            select count(*) from raw.insplan p join raw.insfilingcode f
              on f.insfilingcodenum = p.filingcode
            where f.eclaimcode = 'MC' and p.plantype <> 'f'
            """,
        )
        == 0
    )


def test_government_plans_have_patients(raw: duckdb.DuckDBPyConnection) -> None:
    patients = _count(
        raw,
        """
        select count(distinct pp.patnum) from raw.patplan pp
        join raw.inssub s on s.inssubnum = pp.inssubnum
        join raw.insplan p on p.plannum = s.plannum
        join raw.insfilingcode f on f.insfilingcodenum = p.filingcode
        where f.eclaimcode = 'MC'
        """,
    )
    insured = _count(raw, "select count(distinct patnum) from raw.patplan")
    assert 0.03 <= patients / insured <= 0.3


def test_medicaid_pays_in_full_up_to_its_fee_schedule(raw: duckdb.DuckDBPyConnection) -> None:
    # Medicaid and CHIP: every coverage level 100%, no deductible; on their primary claims the
    # estimate is the allowed fee, so the patient owes nothing and the rest is written off.
    partial = _count(
        raw,
        """
        select count(*) from raw.benefit b
        join raw.insplan p on p.plannum = b.plannum
        join raw.insfilingcode f on f.insfilingcodenum = p.filingcode
        where f.eclaimcode = 'MC'
          and ((b.benefittype = 1 and b.percent <> 100) or (b.benefittype = 2 and b.monetaryamt <> 0))
        """,
    )
    assert partial == 0
    left_to_patient = _count(
        raw,
        """
        select count(*) from raw.claimproc cp
        join raw.claim c on c.claimnum = cp.claimnum and c.claimtype = 'P'
        join raw.insplan p on p.plannum = cp.plannum
        join raw.insfilingcode f on f.insfilingcodenum = p.filingcode
        where f.eclaimcode = 'MC' and cp.status in (0, 1)
          and abs(cp.feebilled - cp.writeoff - cp.inspayest) > 0.01
        """,
    )
    assert left_to_patient == 0


# --- deposits -----------------------------------------------------------------------------------


def test_each_deposit_is_the_sum_of_what_it_holds(raw: duckdb.DuckDBPyConnection) -> None:
    unbalanced = _count(
        raw,
        """
        with held as (
            select depositnum, payamt as amount from raw.payment where depositnum <> 0
            union all
            select depositnum, checkamt from raw.claimpayment where depositnum <> 0
        )
        select count(*) from raw.deposit d
        left join (select depositnum, sum(amount) as amount from held group by 1) h
          on h.depositnum = d.depositnum
        where abs(d.amount - coalesce(h.amount, 0)) > 0.005
        """,
    )
    assert unbalanced == 0


def test_deposits_follow_the_payments_within_a_business_day(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    late = _count(
        raw,
        """
        select count(*) from raw.payment p join raw.deposit d on d.depositnum = p.depositnum
        where d.datedeposit < p.paydate or d.datedeposit > p.paydate + interval 3 day
        """,
    )
    assert late == 0


def test_only_recent_or_missed_payments_wait_for_a_deposit(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    waiting, older, slip_payments = raw.execute(
        f"""
        select
            count(*) filter (where p.paydate > date '{AS_OF}' - interval {UNDEPOSITED_RECENT_DAYS} day),
            count(*) filter (where p.paydate <= date '{AS_OF}' - interval {UNDEPOSITED_RECENT_DAYS} day),
            (select count(*) from raw.payment p2 join raw.definition d2 on d2.defnum = p2.paytype
             where d2.itemvalue <> 'N')
        from raw.payment p join raw.definition d on d.defnum = p.paytype
        where p.depositnum = 0 and d.itemvalue <> 'N' and p.payamt <> 0
        """
    ).fetchall()[0]
    assert waiting > 0
    assert older <= 4 * DEPOSIT_MISSED_P * slip_payments + 5


def test_electronic_payments_never_go_on_a_slip(raw: duckdb.DuckDBPyConnection) -> None:
    on_slip = _count(
        raw,
        """
        select count(*) from raw.claimpayment c join raw.definition d on d.defnum = c.paytype
        where d.itemvalue = 'N' and c.depositnum <> 0
        """,
    )
    assert on_slip == 0


# --- payment plans and verification --------------------------------------------------------------


def test_payment_plan_links_add_up_to_the_plan(raw: duckdb.DuckDBPyConnection) -> None:
    off = _count(
        raw,
        """
        select count(*) from raw.payplan pp
        left join (select payplannum, sum(amountoverride) a from raw.payplanlink group by 1) l
          on l.payplannum = pp.payplannum
        where abs(pp.completedamt - coalesce(l.a, 0)) > 0.005 or pp.isdynamic <> 1
        """,
    )
    assert off == 0
    foreign = _count(
        raw,
        """
        select count(*) from raw.payplanlink l
        join raw.payplan pp on pp.payplannum = l.payplannum
        join raw.procedurelog p on p.procnum = l.fkey
        where p.patnum <> pp.patnum or p.procdate <> pp.payplandate or p.procstatus <> 2
        """,
    )
    assert foreign == 0


def test_verification_history_ends_with_the_current_verification(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    mismatched = _count(
        raw,
        """
        select count(*) from raw.insverify v
        left join (select insverifynum, max(datelastverified) d from raw.insverifyhist group by 1) h
          on h.insverifynum = v.insverifynum
        where v.verifytype = 2 and (h.d is null or h.d <> v.datelastverified)
        """,
    )
    assert mismatched == 0


def test_verifications_come_before_their_visits(raw: duckdb.DuckDBPyConnection) -> None:
    after = _count(
        raw,
        f"select count(*) from raw.insverifyhist where datelastverified > date '{AS_OF}'",
    )
    assert after == 0
    share_ahead = float(
        scalar(  # type: ignore[arg-type]
            raw,
            "select avg(case when hoursavailableforverification > 0 then 1.0 else 0 end) "
            "from raw.insverifyhist",
        )
    )
    assert share_ahead > 0.95


# --- claim follow-up ---------------------------------------------------------------------------


def test_every_claim_status_occurs(raw: duckdb.DuckDBPyConnection) -> None:
    # Each status int_claim_tracking handles, so the models are exercised by data: the retired
    # A and P only on claims from the practice's first months.
    statuses = {r[0] for r in raw.execute("select distinct claimstatus from raw.claim").fetchall()}
    assert statuses == {"U", "H", "W", "S", "R", "I", "A", "P"}
    legacy_late = _count(
        raw,
        f"""
        select count(*) from raw.claim
        where claimstatus in ('A', 'P') and dateservice > date '{AS_OF}' - interval 900 day
        """,
    )
    assert legacy_late == 0


def test_rejected_claims_are_resent_before_the_answer(raw: duckdb.DuckDBPyConnection) -> None:
    resent, total = raw.execute(
        "select count(*) filter (where datesent > datesentorig), count(*) from raw.claim"
    ).fetchall()[0]
    assert 0.005 <= resent / total <= 0.05
    wrong = _count(
        raw,
        """
        select count(*) from raw.claim
        where datesent > datesentorig
          and (dateresent <> datesent or (datereceived > date '1900-01-01' and datereceived <= datesent))
        """,
    )
    assert wrong == 0


def test_denied_claims_are_followed_up_with_a_reason(raw: duckdb.DuckDBPyConnection) -> None:
    denied, worked, with_reason = raw.execute(
        f"""
        with denied as (
            select claimnum, datereceived from raw.claim
            where claimstatus = 'R' and inspayest > 0 and inspayamt <= 0
              and datereceived < date '{AS_OF}' - interval 30 day
        )
        select
            count(*),
            count(*) filter (where exists (select 1 from raw.claimtracking t where t.claimnum = d.claimnum)),
            count(*) filter (where exists (
                select 1 from raw.claimtracking t where t.claimnum = d.claimnum and t.trackingerrordefnum <> 0
            ))
        from denied d
        """
    ).fetchall()[0]
    assert denied > 0
    assert worked / denied >= 0.8
    assert with_reason == worked


def test_tracking_rows_point_at_their_definition_categories(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    wrong = _count(
        raw,
        """
        select count(*) from raw.claimtracking t
        left join raw.definition s on s.defnum = t.trackingdefnum
        left join raw.definition e on e.defnum = t.trackingerrordefnum
        where s.category <> 31 or (t.trackingerrordefnum <> 0 and e.category <> 43)
        """,
    )
    assert wrong == 0
    latest = _count(
        raw,
        """
        select count(*) from raw.claim c
        join (
            select claimnum, arg_max(trackingdefnum, datetimeentry) last from raw.claimtracking group by 1
        ) t on t.claimnum = c.claimnum
        where c.customtracking <> t.last
        """,
    )
    assert latest == 0


# --- memberships --------------------------------------------------------------------------------


def test_members_are_uninsured_and_get_the_plan_discount(raw: duckdb.DuckDBPyConnection) -> None:
    insured_members = _count(
        raw,
        """
        select count(*) from raw.discountplansub s
        where exists (select 1 from raw.patplan pp where pp.patnum = s.patnum)
        """,
    )
    assert insured_members == 0
    members, uninsured_seen = raw.execute(
        """
        select
            (select count(*) from raw.discountplansub),
            (select count(distinct p.patnum) from raw.procedurelog p
             where p.procstatus = 2
               and not exists (select 1 from raw.patplan pp where pp.patnum = p.patnum))
        """
    ).fetchall()[0]
    assert 0.5 * MEMBERSHIP_P <= members / uninsured_seen <= 1.5 * MEMBERSHIP_P
    outside = _count(
        raw,
        """
        select count(*) from raw.adjustment a
        join raw.definition d on d.defnum = a.adjtype and d.itemname = 'In-office membership plan'
        where not exists (
            select 1 from raw.discountplansub s
            where s.patnum = a.patnum and s.dateeffective <= a.adjdate
              and (s.dateterm < date '1900-01-01' or a.adjdate < s.dateterm)
        ) or a.adjamt >= 0
        """,
    )
    assert outside == 0


# --- ChangeSet.amend ----------------------------------------------------------------------------


def test_amend_sets_values_on_inserted_rows_only() -> None:
    out = ChangeSet()
    f = Frame("deposit", 3)
    f.update({"DepositNum": np.array([1, 2, 3]), "Amount": np.array([1.0, 2.0, 3.0])})
    out.add(f)
    out.amend("deposit", np.array([3, 1]), {"Amount": np.array([30.0, 10.0]), "Memo": ["c", "a"]})
    table = pa.concat_tables(out.inserts["deposit"])
    assert table.column("amount").to_pylist() == [10.0, 2.0, 30.0]
    assert table.column("memo").to_pylist() == ["a", "", "c"]
    with pytest.raises(KeyError, match="not inserted"):
        out.amend("deposit", np.array([4]), {"Amount": np.array([4.0])})
