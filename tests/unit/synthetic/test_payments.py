"""Payments and balances: splits add up, and patient balances agree with the ledger."""

from __future__ import annotations

import duckdb
from tests.unit.synthetic.generated import AS_OF, scalar

from dental_analytics.synthetic.context import Calendar
from dental_analytics.warehouse.fidelity import FAMILY_AGING_SQL, family_aging_params


def test_splits_add_up_to_their_payment(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = scalar(
        raw,
        """
        select count(*) from raw.payment p
        left join (select paynum, sum(splitamt) as total from raw.paysplit group by paynum) s
          on s.paynum = p.paynum
        where abs(p.payamt - coalesce(s.total, 0)) > 0.005
        """,
    )
    assert wrong == 0


def test_payments_are_positive_and_not_in_the_future(raw: duckdb.DuckDBPyConnection) -> None:
    assert (
        scalar(raw, "select count(*) from raw.payment where payamt <= 0 or paydate > ?", [AS_OF])
        == 0
    )


def test_patient_balance_agrees_with_the_ledger(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = scalar(
        raw,
        """
        with ledger as (
            select patnum, sum(amount) as balance from (
                select patnum, procfee * (unitqty + baseunits) as amount
                from raw.procedurelog where procstatus = 2
                union all select patnum, adjamt from raw.adjustment
                union all select patnum, -(inspayamt + writeoff) from raw.claimproc where status in (1, 4, 5, 7)
                union all select patnum, -splitamt from raw.paysplit where payplannum = 0
                union all select patnum, -completedamt from raw.payplan
            ) x group by patnum
        )
        select count(*) from raw.patient p left join ledger l on l.patnum = p.patnum
        where abs(p.estbalance - coalesce(l.balance, 0)) > 0.005
        """,
    )
    assert wrong == 0


def test_family_aging_on_the_guarantor_agrees_with_the_ledger(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    aging = raw.execute(FAMILY_AGING_SQL.replace("%s", "?"), family_aging_params(AS_OF)).fetchall()
    by_family = {r[0]: r[1:] for r in aging}
    rows = raw.execute(
        "select patnum, bal_0_30, bal_31_60, bal_61_90, balover90, baltotal from raw.patient where guarantor = patnum"
    ).fetchall()
    wrong = []
    for patnum, *stored in rows:
        d0, d31, d61, over90 = by_family.get(patnum, (0, 0, 0, 0))
        expected = (d0, d31, d61, over90, d0 + d31 + d61 + over90)
        if any(abs(float(a) - float(b)) > 0.01 for a, b in zip(stored, expected, strict=True)):
            wrong.append(patnum)
    assert wrong == []
    assert (
        scalar(raw, "select count(*) from raw.patient where guarantor <> patnum and baltotal <> 0")
        == 0
    )


def test_pending_insurance_is_kept_on_the_guarantor(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = scalar(
        raw,
        """
        with pending as (
            select pt.guarantor, sum(cp.inspayest + cp.writeoff) as est
            from raw.claimproc cp join raw.patient pt on pt.patnum = cp.patnum
            where cp.status = 0 group by pt.guarantor
        )
        select count(*) from raw.patient g left join pending p on p.guarantor = g.patnum
        where g.guarantor = g.patnum and abs(g.insest - coalesce(p.est, 0)) > 0.01
        """,
    )
    assert wrong == 0


def test_families_share_a_guarantor_who_is_their_own(raw: duckdb.DuckDBPyConnection) -> None:
    assert (
        scalar(
            raw,
            """
        select count(*) from raw.patient p join raw.patient g on g.patnum = p.guarantor
        where g.guarantor <> g.patnum or g.address <> p.address
        """,
        )
        == 0
    )
    assert scalar(raw, "select count(distinct guarantor) < count(*) from raw.patient") is True


def test_no_split_is_zero(raw: duckdb.DuckDBPyConnection) -> None:
    assert scalar(raw, "select count(*) from raw.paysplit where splitamt = 0") == 0


def test_one_statement_per_family_and_billing_day(raw: duckdb.DuckDBPyConnection) -> None:
    """The billing run sends a family one statement for all it owes, always the same way."""
    billing = "(select * from raw.statement where isreceipt = 0 and isinvoice = 0)"
    repeated = scalar(
        raw,
        f"select count(*) from (select patnum, datesent from {billing} group by all having count(*) > 1)",
    )
    assert repeated == 0
    mixed = scalar(
        raw,
        f"select count(*) from (select patnum from {billing} group by patnum having count(distinct mode_) > 1)",
    )
    assert mixed == 0
    assert scalar(raw, f"select min(baltotal) from {billing} as s") > 0  # type: ignore[operator]


def test_statements_go_by_email_only_to_an_address(raw: duckdb.DuckDBPyConnection) -> None:
    """Some patients give no email address; their family's statements go by mail."""
    assert (
        scalar(raw, "select count(*) from raw.patient where email = '' and wirelessphone <> ''") > 0
    )
    emailed_nowhere = scalar(
        raw,
        "select count(*) from raw.statement s join raw.patient p using (patnum) "
        "where s.mode_ = 2 and p.email = ''",
    )
    assert emailed_nowhere == 0


def test_a_payment_posted_to_the_account_is_one_split_of_the_payer(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    """Some statement payments name no procedure: one split, for the whole payment, to the
    family's guarantor."""
    unallocated = (
        "select * from raw.paysplit "
        "where procnum = 0 and adjnum = 0 and unearnedtype = 0 and payplannum = 0"
    )
    assert scalar(raw, f"select count(*) from ({unallocated})") > 0
    bad = scalar(
        raw,
        f"""
        select count(*) from ({unallocated}) as s join raw.payment as p using (paynum)
        where s.patnum <> p.patnum or abs(s.splitamt - p.payamt) > 0.005
            or (select count(*) from raw.paysplit as o where o.paynum = s.paynum) <> 1
        """,
    )
    assert bad == 0


def test_a_paid_billing_charge_has_its_own_split_attached_to_it(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    on_charges = "select * from raw.paysplit where adjnum <> 0"
    assert scalar(raw, f"select count(*) from ({on_charges})") > 0
    bad = scalar(
        raw,
        f"""
        select count(*) from ({on_charges}) as s
        left join raw.adjustment as a using (adjnum)
        left join raw.definition as d on d.defnum = a.adjtype
        where d.itemname is distinct from 'Billing charge' or s.procnum <> 0
            or a.patnum <> s.patnum or abs(a.adjamt - s.splitamt) > 0.005
            or a.adjdate > s.datepay
        """,
    )
    assert bad == 0


def test_receipts_and_invoices_are_printed_at_the_desk(raw: duckdb.DuckDBPyConnection) -> None:
    """A receipt is handed over on the day of a payment; an invoice lists a self-pay patient's
    procedures of its day, its balance their fees."""
    assert scalar(raw, "select count(*) from raw.statement where isreceipt = 1") > 0
    assert scalar(raw, "select count(*) from raw.statement where isinvoice = 1") > 0
    # OpenDental 24.3's StmtType knows NotSet and LimitedStatement: the flags tell the kind.
    assert scalar(raw, "select count(*) from raw.statement where statementtype <> 'NotSet'") == 0
    stray_receipts = scalar(
        raw,
        """
        select count(*) from raw.statement s where s.isreceipt = 1 and (s.mode_ <> 1
            or not exists (select 1 from raw.payment p
                           where p.patnum = s.patnum and p.paydate = s.datesent))
        """,
    )
    assert stray_receipts == 0
    bad_invoices = scalar(
        raw,
        """
        select count(*) from raw.statement s
        left join (select statementnum, sum(procfee * (unitqty + baseunits)) as fees,
                          count(distinct procdate) as days, max(procdate) as day
                   from raw.procedurelog where statementnum > 0 group by all) p
            using (statementnum)
        where s.isinvoice = 1 and (p.fees is null or abs(p.fees - s.baltotal) > 0.01
            or p.days <> 1 or p.day <> s.datesent)
        """,
    )
    assert bad_invoices == 0


def test_collections_calls_follow_three_statements_in_a_row(raw: duckdb.DuckDBPyConnection) -> None:
    """Past-due families (a third monthly statement) get collections calls; no one else does."""
    calls = """
        select c.patnum, cast(c.commdatetime as date) as day
        from raw.commlog c
        join raw.definition d on d.defnum = c.commtype
        where d.itemname = 'Collections call'
    """
    assert scalar(raw, f"select count(*) from ({calls}) x") > 0  # type: ignore[operator]
    too_early = scalar(
        raw,
        f"""
        select count(*) from ({calls}) call
        where (
            select count(*) from raw.statement s
            where s.patnum = call.patnum and s.datesent < call.day
        ) < 3
        """,
    )
    assert too_early == 0


def test_a_refund_returns_only_a_family_credit(raw: duckdb.DuckDBPyConnection) -> None:
    """A Refund adjustment pays back a credit: on its day the family's ledger, the refund
    included, does not owe the practice anything."""
    owing = raw.execute(
        """
        with family as (select patnum, guarantor from raw.patient),
        refunds as (
            select f.guarantor, a.adjdate, a.adjamt from raw.adjustment a
            join raw.definition d on d.defnum = a.adjtype and d.itemname = 'Refund'
            join family f on f.patnum = a.patnum
        ),
        entries as (
            select patnum, procdate as day, procfee * (unitqty + baseunits) as amount
            from raw.procedurelog where procstatus = 2
            union all select patnum, adjdate, adjamt from raw.adjustment
            union all select patnum, datecp, -(inspayamt + writeoff) from raw.claimproc
            where status in (1, 4, 5, 7)
            union all select patnum, datepay, -splitamt from raw.paysplit where payplannum = 0
            union all select patnum, payplandate, -completedamt from raw.payplan
        )
        select r.guarantor, r.adjdate, r.adjamt, sum(e.amount) as balance
        from refunds r
        join family f on f.guarantor = r.guarantor
        join entries e on e.patnum = f.patnum and e.day <= r.adjdate
        group by all
        having sum(e.amount) > 0.005
        """
    ).fetchall()
    refunds = scalar(
        raw,
        "select count(*) from raw.adjustment a join raw.definition d on d.defnum = a.adjtype"
        " where d.itemname = 'Refund' and a.adjamt > 0",
    )
    assert refunds > 0
    assert owing == []


def test_discount_splits_are_the_converted_months_discounts(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    """Discount splits (IsDiscount, retired in OpenDental) come only from the practice's first
    months on its version, each on a payment of the converted Discount type that holds nothing
    else and never goes to the bank."""
    row = raw.execute(
        """
        select count(*),
               count(*) filter (where s.datepay >= ?),
               count(*) filter (where d.itemname <> 'Discount (converted)'),
               count(*) filter (where p.depositnum <> 0),
               count(*) filter (where exists (
                   select 1 from raw.paysplit o where o.paynum = s.paynum and o.isdiscount = 0))
        from raw.paysplit s
        join raw.payment p on p.paynum = s.paynum
        join raw.definition d on d.defnum = p.paytype
        where s.isdiscount = 1
        """,
        [Calendar(AS_OF).converted_until.astype(object)],
    ).fetchone()
    assert row is not None
    assert row[0] > 0
    assert row[1:] == (0, 0, 0, 0)
