"""The ortho department and the providers' days: contracts, their procedures, links, schedules."""

from __future__ import annotations

import duckdb
from tests.unit.synthetic.generated import AS_OF, scalar

from dental_analytics.synthetic.orthodontics_params import (
    ORTHO_BANDING_SHARE,
    ORTHO_COINSURANCE,
    ORTHO_LIFETIME_MAX,
    ORTHO_START_AGE,
    ORTHO_TREATMENT_MONTHS,
)


def test_adolescents_start_ortho_on_a_contract(raw: duckdb.DuckDBPyConnection) -> None:
    youngest, oldest = ORTHO_START_AGE
    cases, too_young, too_old, future = raw.execute(
        f"""
        select count(*),
            sum(case when datediff('day', p.birthdate, o.bandingdate) < {youngest} * 365
                then 1 else 0 end),
            sum(case when datediff('day', p.birthdate, o.bandingdate) > ({oldest} + 1) * 366
                then 1 else 0 end),
            sum(case when o.bandingdate > ? then 1 else 0 end)
        from raw.orthocase o join raw.patient p on p.patnum = o.patnum
        """,
        [AS_OF],
    ).fetchone() or (0, 0, 0, 0)
    assert cases >= 20
    assert (too_young, too_old, future) == (0, 0, 0)


def test_treatment_takes_the_months_planned_and_often_longer(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    short, long, early, open_wrong = raw.execute(
        """
        select
            sum(case when datediff('month', bandingdate, debonddateexpected) < ? then 1 else 0 end),
            sum(case when datediff('month', bandingdate, debonddateexpected) > ? then 1 else 0 end),
            sum(case when debonddate > date '0001-01-01' and debonddate < debonddateexpected
                then 1 else 0 end),
            sum(case when (debonddate = date '0001-01-01') <> (isactive = 1) then 1 else 0 end)
        from raw.orthocase
        """,
        [ORTHO_TREATMENT_MONTHS[0], ORTHO_TREATMENT_MONTHS[1]],
    ).fetchone() or (1, 1, 1, 1)
    assert (short, long, early, open_wrong) == (0, 0, 0, 0)
    debonded = scalar(raw, "select count(*) from raw.orthocase where isactive = 0")
    assert isinstance(debonded, int) and debonded > 0


def test_the_fee_is_split_between_insurance_and_patient(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = scalar(
        raw,
        f"""
        select count(*)
        from raw.orthocase o
        left join (select distinct patnum from raw.patplan) pp on pp.patnum = o.patnum
        where abs(o.fee - o.feeinsprimary - o.feeinssecondary - o.feepat) > 0.005
           or o.feeinsprimary > o.fee * {ORTHO_COINSURANCE} + 0.005
           or o.feeinsprimary > {max(ORTHO_LIFETIME_MAX)}
           or (pp.patnum is null and o.feeinsprimary <> 0)
        """,
    )
    assert wrong == 0
    insured = scalar(raw, "select count(*) from raw.orthocase where feeinsprimary > 0")
    assert isinstance(insured, int) and insured > 0


def test_each_case_has_its_payment_schedule(raw: duckdb.DuckDBPyConnection) -> None:
    wrong = scalar(
        raw,
        f"""
        select count(*)
        from raw.orthocase o
        left join raw.orthoplanlink l on l.orthocasenum = o.orthocasenum and l.linktype = 0
        left join raw.orthoschedule s on s.orthoschedulenum = l.fkey
        where s.orthoschedulenum is null
           or abs(s.bandingamount - round(o.fee * {ORTHO_BANDING_SHARE}, 2)) > 0.005
           or s.bandingamount + s.debondamount + s.visitamount > o.fee + 0.01
           or s.isactive <> o.isactive
        """,
    )
    assert wrong == 0


def test_linked_procedures_bill_the_contract(raw: duckdb.DuckDBPyConnection) -> None:
    """Banding (D8080) at the banding amount on the banding day, visits (D8670) at the visit
    amount or nothing past the planned visits, debond (D8680) at the debond amount; each by the
    case's orthodontist, for its patient, completed, within treatment."""
    wrong = scalar(
        raw,
        """
        select count(*)
        from raw.orthoproclink k
        join raw.orthocase o on o.orthocasenum = k.orthocasenum
        join raw.orthoplanlink l on l.orthocasenum = o.orthocasenum and l.linktype = 0
        join raw.orthoschedule s on s.orthoschedulenum = l.fkey
        join raw.procedurelog p on p.procnum = k.procnum
        join raw.procedurecode c on c.codenum = p.codenum
        where p.patnum <> o.patnum or p.provnum <> o.provnum or p.procstatus <> 2
           or p.procdate < o.bandingdate
           or (o.isactive = 0 and p.procdate > o.debonddate)
           or (k.proclinktype = 0 and (c.proccode <> 'D8080' or p.procfee <> s.bandingamount
                or p.procdate <> o.bandingdate))
           or (k.proclinktype = 2 and (c.proccode <> 'D8670'
                or p.procfee not in (s.visitamount, 0)))
           or (k.proclinktype = 1 and (c.proccode <> 'D8680' or p.procfee <> s.debondamount
                or p.procdate <> o.debonddate))
        """,
    )
    assert wrong == 0
    per_case = raw.execute(
        """
        select o.isactive,
            sum(case when k.proclinktype = 0 then 1 else 0 end) as bandings,
            sum(case when k.proclinktype = 1 then 1 else 0 end) as debonds
        from raw.orthocase o left join raw.orthoproclink k on k.orthocasenum = o.orthocasenum
        group by o.orthocasenum, o.isactive
        """
    ).fetchall()
    assert all(
        bandings == 1 and debonds == (0 if active else 1) for active, bandings, debonds in per_case
    )


def test_billing_never_exceeds_the_contract(raw: duckdb.DuckDBPyConnection) -> None:
    over = scalar(
        raw,
        """
        select count(*) from (
            select o.orthocasenum, max(o.fee) as fee, sum(p.procfee) as billed
            from raw.orthocase o
            join raw.orthoproclink k on k.orthocasenum = o.orthocasenum
            join raw.procedurelog p on p.procnum = k.procnum
            group by o.orthocasenum
        ) x where billed > fee + 0.01
        """,
    )
    assert over == 0


def test_cases_in_treatment_have_their_next_visit_booked(raw: duckdb.DuckDBPyConnection) -> None:
    unbooked = scalar(
        raw,
        """
        select count(*) from raw.orthocase o
        where o.isactive = 1 and not exists (
            select 1 from raw.appointment a
            where a.patnum = o.patnum and a.provnum = o.provnum and a.aptstatus = 1
              and cast(a.aptdatetime as date) > ?
        )
        """,
        [AS_OF],
    )
    assert unbooked == 0


def test_the_orthodontist_roams_and_every_provider_is_linked_where_they_work(
    raw: duckdb.DuckDBPyConnection,
) -> None:
    unlinked = scalar(
        raw,
        """
        select count(*) from (
            select distinct provnum, clinicnum from raw.schedule where schedtype = 1
        ) s
        where not exists (
            select 1 from raw.providerclinic pc
            where pc.provnum = s.provnum and pc.clinicnum = s.clinicnum
        )
        """,
    )
    assert unlinked == 0
    # The orthodontist in every office; two dentists and a hygienist in a second office each.
    offices_per_roamer = raw.execute(
        "select count(*) as offices, count(*) over (partition by count(*)) as providers "
        "from raw.providerclinic group by provnum having count(*) > 1"
    ).fetchall()
    assert sorted(set(offices_per_roamer)) == [(2, 3), (5, 1)]
    assert scalar(raw, "select count(*) from raw.providerclinic where statelicense = ''") == 0


def test_a_provider_works_in_one_office_a_day(raw: duckdb.DuckDBPyConnection) -> None:
    doubled = scalar(
        raw,
        "select count(*) from (select provnum, scheddate from raw.schedule where schedtype = 1 "
        "group by provnum, scheddate having count(*) > 1) x",
    )
    assert doubled == 0


def test_providers_work_the_days_their_book_fills(raw: duckdb.DuckDBPyConnection) -> None:
    """Fewer days than every weekday: a provider day opens for about a day's worth of visits."""
    per_provider = raw.execute(
        """
        select s.provnum, count(*) as days
        from raw.schedule s
        where s.schedtype = 1 and s.scheddate <= ?
        group by s.provnum
        """,
        [AS_OF],
    ).fetchall()
    weekdays = scalar(
        raw,
        "select count(*) from (select distinct scheddate from raw.schedule where schedtype = 2 "
        "and scheddate <= ?) x",
        [AS_OF],
    )
    assert isinstance(weekdays, int)
    # Every provider who is a person works; the billing entity is never scheduled.
    assert len(per_provider) == scalar(
        raw, "select count(*) from raw.provider where isnotperson = 0"
    )
    assert all(0 < days < weekdays for _, days in per_provider)
