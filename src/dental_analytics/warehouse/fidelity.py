"""The fidelity report: the loaded warehouse measured against the generator's stated targets.

Every figure is measured with SQL on the raw layer, using DESIGN.md's definitions (production,
collections, A/R aging, new patients), not echoed from the generator's parameters: it is the
same check a reader could run on the warehouse by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dental_analytics.synthetic.params import (
    CASE_ACCEPTANCE,
    FIDELITY_TARGETS,
    PERIO_SHARE,
    PLANS_SIGNED,
    PRACTICE_SIZE,
    TRANSACTION_VOLUMES,
    VOLUME_REASONS,
    Target,
)
from dental_analytics.warehouse.query import Reader, connect
from dental_analytics.warehouse.url import Target as WarehouseTarget

# The practice's production ledger in OpenDental's terms, dated, as one reusable CTE.
_PRODUCTION = """
    select p.procdate as day, p.procfee * (p.unitqty + p.baseunits) as amount
    from raw.procedurelog p
    where p.procstatus = 2
"""
_CATEGORY = """
    case
        when c.proccode between 'D0100' and 'D0999' then 'diagnostic'
        when c.proccode between 'D1000' and 'D1999' then 'preventive'
        when c.proccode between 'D2000' and 'D2999' then 'restorative'
        when c.proccode between 'D3000' and 'D3999' then 'endodontics'
        when c.proccode between 'D4000' and 'D4999' then 'periodontics'
        when c.proccode between 'D5000' and 'D5899' then 'removable_prosthodontics'
        when c.proccode between 'D5900' and 'D5999' then 'maxillofacial_prosthetics'
        when c.proccode between 'D6000' and 'D6199' then 'implant_services'
        when c.proccode between 'D6200' and 'D6999' then 'fixed_prosthodontics'
        when c.proccode between 'D7000' and 'D7999' then 'oral_and_maxillofacial_surgery'
        when c.proccode between 'D8000' and 'D8999' then 'orthodontics'
        else 'adjunctive_general_services'
    end
"""


@dataclass(frozen=True)
class Measure:
    name: str
    measured: str
    target: str
    ok: bool
    note: str = ""


def _pct(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else 0.0


def _one(db: Reader, sql: str, params: tuple[object, ...] = ()) -> float:
    value = db.fetchall(sql, params)[0][0]
    return float(value or 0)


def insured_share(db: Reader, as_of: dt.date) -> float:
    """Share of active patients (status Patient, a completed visit in the last 18 months) with a
    plan in force on the as-of date (its subscription has no DateTerm before it)."""
    since = as_of - dt.timedelta(days=548)
    row = db.fetchall(
        """
        with active as (
            select distinct p.patnum
            from raw.patient p
            join raw.procedurelog pl on pl.patnum = p.patnum
            where p.patstatus = 0 and pl.procstatus = 2 and pl.procdate between %s and %s
        )
        select count(*), count(pp.patnum)
        from active a
        left join (
            select distinct pp.patnum
            from raw.patplan pp
            join raw.inssub s on s.inssubnum = pp.inssubnum
            where s.dateterm <= date '1900-01-01' or s.dateterm >= %s
        ) pp on pp.patnum = a.patnum
        """,
        (since, as_of, as_of),
    )[0]
    return _pct(float(row[1]), float(row[0]))


def broken_rate(db: Reader, as_of: dt.date) -> float:
    """Broken appointments as a share of past appointments that were kept or broken."""
    row = db.fetchall(
        """
        select sum(case when aptstatus = 5 then 1 else 0 end), count(*)
        from raw.appointment
        where aptstatus in (2, 5) and cast(aptdatetime as date) <= %s
        """,
        (as_of,),
    )[0]
    return _pct(float(row[0] or 0), float(row[1] or 0))


def collection_rate(db: Reader, as_of: dt.date) -> float:
    """Collections / net production (DESIGN.md) over the 12 months that ended 90 days before the
    as-of date, as practices quote it: over a trailing year, so what was collected in it of the
    year before's balances stands in for what is still owed of its own. Over the whole history
    the rate would also count the receivables still open against every dollar since day one."""
    end = as_of - dt.timedelta(days=90)
    span = (end - dt.timedelta(days=365), end)
    production = _one(
        db, f"select sum(amount) from ({_PRODUCTION}) x where day > %s and day <= %s", span
    )
    adjustments = _one(
        db, "select sum(adjamt) from raw.adjustment where adjdate > %s and adjdate <= %s", span
    )
    write_offs = _one(
        db,
        "select sum(writeoff) from raw.claimproc"
        " where status in (1, 4, 7) and datecp > %s and datecp <= %s",
        span,
    )
    patient_income = _one(
        db,
        "select sum(splitamt) from raw.paysplit"
        " where isdiscount = 0 and unearnedtype = 0 and datepay > %s and datepay <= %s",
        span,
    )
    insurance_income = _one(
        db,
        """
        select sum(cp.inspayamt)
        from raw.claimproc cp
        join raw.claimpayment pay on pay.claimpaymentnum = cp.claimpaymentnum
        where cp.claimpaymentnum <> 0 and pay.checkdate > %s and pay.checkdate <= %s
        """,
        span,
    )
    return _pct(patient_income + insurance_income, production + adjustments - write_offs)


# Family A/R aging as of a date, per DESIGN.md: signed transactions per guarantor, charges in
# buckets by age, the sum of credits paying the oldest bucket first. One row per family:
# (guarantor, 0-30, 31-60, 61-90, over 90). Parameters: `family_aging_params(as_of)`.
FAMILY_AGING_SQL = """
        with fam as (select patnum, guarantor from raw.patient),
        charges as (
            select f.guarantor, x.day, x.amount
            from (
                select patnum, procdate as day, procfee * (unitqty + baseunits) as amount
                from raw.procedurelog where procstatus = 2 and procdate <= %s
                union all
                select patnum, adjdate, adjamt from raw.adjustment where adjamt > 0 and adjdate <= %s
            ) x join fam f on f.patnum = x.patnum
        ),
        credits as (
            select f.guarantor, sum(x.amount) as amount
            from (
                select cp.patnum, cp.inspayamt + cp.writeoff as amount
                from raw.claimproc cp
                left join raw.procedurelog pl on pl.procnum = cp.procnum
                where cp.status in (1, 4, 5, 7) and cp.datecp <= %s
                  and (cp.procnum = 0 or pl.procstatus = 2)
                union all
                select patnum, splitamt from raw.paysplit where payplannum = 0 and datepay <= %s
                union all
                select patnum, -adjamt from raw.adjustment where adjamt < 0 and adjdate <= %s
                union all
                select patnum, completedamt from raw.payplan where payplandate <= %s
            ) x join fam f on f.patnum = x.patnum
            group by f.guarantor
        ),
        bucketed as (
            select guarantor,
                sum(case when day >= %s then amount else 0 end) as b0,
                sum(case when day < %s and day >= %s then amount else 0 end) as b1,
                sum(case when day < %s and day >= %s then amount else 0 end) as b2,
                sum(case when day < %s then amount else 0 end) as b3
            from charges group by guarantor
        ),
        families as (
            select coalesce(b.guarantor, c.guarantor) as guarantor,
                coalesce(b0, 0) as b0, coalesce(b1, 0) as b1, coalesce(b2, 0) as b2,
                coalesce(b3, 0) as b3, coalesce(c.amount, 0) as credit
            from bucketed b full outer join credits c on c.guarantor = b.guarantor
        ),
        aged as (
            select guarantor,
                greatest(b3 - credit, 0) as over90,
                greatest(b2 - greatest(credit - b3, 0), 0) as d61,
                greatest(b1 - greatest(credit - b3 - b2, 0), 0) as d31,
                b0 - greatest(credit - b3 - b2 - b1, 0) as d0
            from families
        )
        select guarantor, d0, d31, d61, over90 from aged
        """


def family_aging_params(as_of: dt.date) -> list[object]:
    d30, d60, d90 = (as_of - dt.timedelta(days=k) for k in (30, 60, 90))
    return [as_of, as_of, as_of, as_of, as_of, as_of, d30, d30, d60, d60, d90, d90]


def ar_buckets(db: Reader, as_of: dt.date) -> tuple[float, float, float, float]:
    """Total A/R in 0-30, 31-60, 61-90 and over-90 buckets, credits paying the oldest first."""
    rows = db.fetchall(
        f"select sum(d0), sum(d31), sum(d61), sum(over90) from ({FAMILY_AGING_SQL}) families",
        tuple(family_aging_params(as_of)),
    )[0]
    d0, d31, d61, over90 = (float(v or 0) for v in rows)
    return d0, d31, d61, over90


def hygiene_share(db: Reader, as_of: dt.date) -> float:
    row = db.fetchall(
        """
        select sum(case when c.ishygiene = 1 then p.procfee * (p.unitqty + p.baseunits) else 0 end),
               sum(p.procfee * (p.unitqty + p.baseunits))
        from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
        where p.procstatus = 2 and p.procdate <= %s
        """,
        (as_of,),
    )[0]
    return _pct(float(row[0] or 0), float(row[1] or 0))


def new_patients_per_dentist_month(db: Reader, as_of: dt.date) -> float:
    """New patients (first completed procedure, not D9986/D9987) per dentist per month, last 24 months."""
    since = as_of - dt.timedelta(days=730)
    new = _one(
        db,
        """
        select count(*) from (
            select p.patnum, min(p.procdate) as first_day
            from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
            where p.procstatus = 2 and c.proccode not in ('D9986', 'D9987')
            group by p.patnum
        ) f where first_day > %s and first_day <= %s
        """,
        (since, as_of),
    )
    # Dentists: the providers who are persons, not hygienists, and in use.
    dentists = _one(
        db,
        "select count(*) from raw.provider where issecondary = 0 and ishidden = 0 and isnotperson = 0",
    )
    return new / dentists / 24 if dentists else 0.0


def warm_start_ratio(db: Reader, as_of: dt.date) -> float:
    """New patients (DESIGN.md: first completed procedure, not D9986/D9987, in the period) per
    quarter in the history's first two quarters (the 182 days from the first appointment in the
    book) over the same in its last four (the 364 days up to `as_of`)."""
    start = db.fetchall("select min(aptdatetime) from raw.appointment")[0][0]
    if start is None:
        return 0.0
    if isinstance(start, dt.datetime):
        start = start.date()
    early_end = start + dt.timedelta(days=182)
    late_start = as_of - dt.timedelta(days=364)
    row = db.fetchall(
        """
        select
            count(case when first_day >= %s and first_day < %s then 1 end),
            count(case when first_day > %s and first_day <= %s then 1 end)
        from (
            select p.patnum, min(p.procdate) as first_day
            from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
            where p.procstatus = 2 and c.proccode not in ('D9986', 'D9987')
            group by p.patnum
        ) f
        """,
        (start, early_end, late_start, as_of),
    )[0]
    early, late = float(row[0] or 0) / 2, float(row[1] or 0) / 4
    return early / late if late else 0.0


def case_acceptance(db: Reader, as_of: dt.date) -> float:
    """Value of diagnosed treatment (D2000-D8999 less D4346/D4910) presented by the as-of date
    that was completed or is on a scheduled appointment, over the value presented (DESIGN.md)."""
    row = db.fetchall(
        """
        select sum(case when p.procstatus = 2 or (p.procstatus = 1 and a.aptstatus = 1)
                then p.procfee * (p.unitqty + p.baseunits) else 0 end),
            sum(p.procfee * (p.unitqty + p.baseunits))
        from raw.procedurelog p
        join raw.procedurecode c on c.codenum = p.codenum
        left join raw.appointment a on a.aptnum = p.aptnum
        where p.procstatus in (1, 2, 6, 8) and c.proccode between 'D2000' and 'D8999'
            and c.proccode not in ('D4346', 'D4910')
            and case when p.procstatus = 2 then p.procdate else p.datetp end <= %s
        """,
        (as_of,),
    )[0]
    return _pct(float(row[0] or 0), float(row[1] or 0))


def perio_share(db: Reader, as_of: dt.date) -> float:
    """Hygiene visits (a patient-day with D1110, D1120, D4341, D4342 or D4910 completed) that
    were perio maintenance or scaling and root planing (DESIGN.md)."""
    row = db.fetchall(
        """
        select sum(perio), count(*) from (
            select p.patnum, p.procdate,
                max(case when c.proccode in ('D4341', 'D4342', 'D4910') then 1 else 0 end) as perio
            from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
            where p.procstatus = 2 and p.procdate <= %s
                and c.proccode in ('D1110', 'D1120', 'D4341', 'D4342', 'D4910')
            group by p.patnum, p.procdate
        ) visits
        """,
        (as_of,),
    )[0]
    return _pct(float(row[0] or 0), float(row[1] or 0))


def accepted_plans_signed(db: Reader) -> float:
    """Saved treatment plans with a procedure the patient booked that carry a signature time."""
    row = db.fetchall(
        """
        select count(case when t.datetsigned > '1900-01-01' then 1 end), count(*)
        from raw.treatplan t
        where t.tpstatus = 0 and exists (
            select 1 from raw.proctp l join raw.procedurelog p on p.procnum = l.procnumorig
            where l.treatplannum = t.treatplannum and p.aptnum <> 0
        )
        """
    )[0]
    return _pct(float(row[0] or 0), float(row[1] or 0))


def chair_utilisation(db: Reader, as_of: dt.date, hygienists: bool) -> float:
    """Booked minutes in the scheduled hours / scheduled minutes of dentists (or hygienists) up
    to `as_of`, as int_provider_availability and mart_chair_utilisation measure it: the part of
    each scheduled or completed appointment taking the provider's time (the hygienist's for a
    hygiene appointment) inside one of the provider's SchedType 1 blocks that day."""
    row = db.fetchall(
        """
        with providers as (
            select provnum from raw.provider where issecondary = %s
        ),
        blocks as (
            select s.provnum, s.scheddate,
                extract(epoch from s.starttime) / 60 as starts,
                extract(epoch from s.stoptime) / 60 as stops
            from raw.schedule s
            join providers p on p.provnum = s.provnum
            where s.schedtype = 1 and s.scheddate <= %s
        ),
        booked as (
            select
                case when a.ishygiene = 1 and a.provhyg <> 0 then a.provhyg else a.provnum end
                    as provnum,
                cast(a.aptdatetime as date) as day,
                extract(hour from a.aptdatetime) * 60 + extract(minute from a.aptdatetime)
                    as starts,
                length(a.pattern) * 5 as minutes
            from raw.appointment a
            where a.aptstatus in (1, 2) and cast(a.aptdatetime as date) <= %s
        ),
        inside as (
            select sum(
                least(b.starts + b.minutes, k.stops) - greatest(b.starts, k.starts)
            ) as minutes
            from booked b
            join blocks k on k.provnum = b.provnum and k.scheddate = b.day
                and b.starts < k.stops and b.starts + b.minutes > k.starts
        )
        select
            (select minutes from inside),
            (select sum(stops - starts) from blocks)
        """,
        (int(hygienists), as_of, as_of),
    )[0]
    return _pct(float(row[0] or 0), float(row[1] or 0))


# DESIGN.md's hygiene-visit procedure codes (dbt var hygiene_visit_procedure_codes).
_HYGIENE_VISIT_CODES = "('D1110', 'D1120', 'D4341', 'D4342', 'D4910')"


def hygiene_reappointment(db: Reader, as_of: dt.date) -> float:
    """Hygiene visits (a patient's day with a completed hygiene-visit procedure) whose patient
    left with a hygiene appointment booked (entered on or before the visit, dated after it,
    scheduled or complete, IsHygiene or holding a hygiene-visit procedure), as
    mart_hygiene_visit counts them, up to `as_of`."""
    row = db.fetchall(
        f"""
        with visits as (
            select distinct p.patnum, p.procdate as day
            from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
            where p.procstatus = 2 and p.procdate <= %s and c.proccode in {_HYGIENE_VISIT_CODES}
        ),
        hygiene_work as (
            select distinct p.aptnum
            from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
            where p.aptnum <> 0 and p.procstatus <> 6 and c.proccode in {_HYGIENE_VISIT_CODES}
        ),
        bookings as (
            select a.patnum, cast(a.secdatetentry as date) as entered,
                cast(a.aptdatetime as date) as day
            from raw.appointment a
            left join hygiene_work w on w.aptnum = a.aptnum
            where a.aptstatus in (1, 2) and (a.ishygiene = 1 or w.aptnum is not null)
        ),
        reappointed as (
            select distinct v.patnum, v.day
            from visits v
            join bookings b on b.patnum = v.patnum and b.entered <= v.day and b.day > v.day
        )
        select count(r.patnum), count(*)
        from visits v left join reappointed r on r.patnum = v.patnum and r.day = v.day
        """,
        (as_of,),
    )[0]
    return _pct(float(row[0] or 0), float(row[1] or 0))


def no_show_and_cancellation(db: Reader, as_of: dt.date) -> tuple[float, float]:
    """(no-shows, cancellations) as shares of the appointments up to `as_of` (DESIGN.md): a
    broken appointment charged D9987 was cancelled late, one charged D9986 or not charged was
    missed (the generator marks it broken at its start); an appointment sent to the unscheduled
    list was cancelled ahead."""
    row = db.fetchall(
        """
        with appointments as (
            select patnum, cast(aptdatetime as date) as day, aptstatus
            from raw.appointment
            where cast(aptdatetime as date) <= %s
        ),
        charges as (
            select p.patnum, p.procdate as day, max(c.proccode) as code
            from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
            where c.proccode in ('D9986', 'D9987') and p.procstatus = 2
            group by p.patnum, p.procdate
        )
        select
            sum(case when a.aptstatus = 5 and coalesce(c.code, 'D9986') = 'D9986'
                then 1 else 0 end),
            sum(case when a.aptstatus = 3 or (a.aptstatus = 5 and c.code = 'D9987')
                then 1 else 0 end),
            count(*)
        from appointments a
        left join charges c on c.patnum = a.patnum and c.day = a.day
        """,
        (as_of,),
    )[0]
    total = float(row[2] or 0)
    return _pct(float(row[0] or 0), total), _pct(float(row[1] or 0), total)


def top_categories(db: Reader, as_of: dt.date) -> list[str]:
    rows = db.fetchall(
        f"""
        select {_CATEGORY} as category, count(*) as n
        from raw.procedurelog p join raw.procedurecode c on c.codenum = p.codenum
        where p.procstatus = 2 and p.procdate <= %s
        group by 1 order by 2 desc
        """,
        (as_of,),
    )
    return [str(r[0]) for r in rows]


def plan_types_in_use(db: Reader, as_of: dt.date) -> float:
    """Distinct plan types (insplan.PlanType) among the plans patients are covered by."""
    return _one(
        db,
        """
        select count(distinct p.plantype) from raw.patplan pp
        join raw.inssub s on s.inssubnum = pp.inssubnum
        join raw.insplan p on p.plannum = s.plannum
        """,
    )


def government_share(db: Reader, as_of: dt.date) -> float:
    """Share of insured patients whose plan files as Medicaid (CHIP included: eclaim code MC)."""
    row = db.fetchall(
        """
        select count(distinct pp.patnum),
               count(distinct case when f.eclaimcode = 'MC' then pp.patnum end)
        from raw.patplan pp
        join raw.inssub s on s.inssubnum = pp.inssubnum
        join raw.insplan p on p.plannum = s.plannum
        left join raw.insfilingcode f on f.insfilingcodenum = p.filingcode
        """
    )[0]
    return _pct(float(row[1] or 0), float(row[0] or 0))


def started_coverage_share(db: Reader, as_of: dt.date) -> float:
    """Share of the subscriptions in force on the as-of date that took effect (DateEffective) in
    the last 12 months."""
    year_ago = as_of - dt.timedelta(days=365)
    row = db.fetchall(
        """
        select count(*), count(*) filter (where dateeffective > %s)
        from raw.inssub
        where dateeffective <= %s and (dateterm <= date '1900-01-01' or dateterm >= %s)
        """,
        (year_ago, as_of, as_of),
    )[0]
    return _pct(float(row[1] or 0), float(row[0] or 0))


def ended_coverage_share(db: Reader, as_of: dt.date) -> float:
    """Share of the subscriptions in force a year before the as-of date whose last day
    (DateTerm) has come since."""
    year_ago = as_of - dt.timedelta(days=365)
    row = db.fetchall(
        """
        select count(*), count(*) filter (where dateterm > %s and dateterm <= %s)
        from raw.inssub
        where dateeffective <= %s and (dateterm <= date '1900-01-01' or dateterm > %s)
        """,
        (year_ago, as_of, year_ago, year_ago),
    )[0]
    return _pct(float(row[1] or 0), float(row[0] or 0))


def resent_share(db: Reader, as_of: dt.date) -> float:
    """Share of sent claims sent again (a later DateSent than the original)."""
    row = db.fetchall(
        """
        select count(*) filter (where datesent > datesentorig),
               count(*) filter (where datesentorig > date '1900-01-01')
        from raw.claim
        """
    )[0]
    return _pct(float(row[0] or 0), float(row[1] or 0))


def denial_follow_up_share(db: Reader, as_of: dt.date) -> float:
    """Share of denied claims (received, nothing paid of a positive estimate) answered more than
    30 days ago that have claim tracking rows."""
    row = db.fetchall(
        """
        select count(*),
               count(*) filter (where exists (
                   select 1 from raw.claimtracking t where t.claimnum = c.claimnum))
        from raw.claim c
        where c.claimstatus = 'R' and c.inspayamt <= 0 and c.inspayest > 0
          and c.datereceived <= %s
        """,
        (as_of - dt.timedelta(days=30),),
    )[0]
    return _pct(float(row[1] or 0), float(row[0] or 0))


def other_claim_statuses(db: Reader, as_of: dt.date) -> float:
    """How many of the statuses I, A and P occur on claims."""
    return _one(
        db, "select count(distinct claimstatus) from raw.claim where claimstatus in ('I', 'A', 'P')"
    )


def undeposited_share(db: Reader, as_of: dt.date) -> float:
    """Share of payments of deposit-slip types (not 'N') older than two days with no deposit."""
    row = db.fetchall(
        """
        select count(*), count(*) filter (where p.depositnum = 0)
        from raw.payment p join raw.definition d on d.defnum = p.paytype
        where d.itemvalue <> 'N' and p.payamt <> 0 and p.paydate <= %s
        """,
        (as_of - dt.timedelta(days=2),),
    )[0]
    return _pct(float(row[1] or 0), float(row[0] or 0))


def secondary_claim_share(db: Reader, as_of: dt.date) -> float:
    """Share of primary claims of patients with a second coverage (patplan ordinal 2), answered
    with a payment more than 30 days ago, that a secondary claim for the same visit followed."""
    row = db.fetchall(
        """
        select count(*),
               count(*) filter (where exists (
                   select 1 from raw.claim s
                   where s.claimtype = 'S' and s.patnum = c.patnum
                     and s.dateservice = c.dateservice))
        from raw.claim c
        where c.claimtype = 'P' and c.claimstatus in ('R', 'A') and c.inspayamt > 0
          and c.datereceived <= %s
          and exists (select 1 from raw.patplan pp where pp.patnum = c.patnum and pp.ordinal = 2)
        """,
        (as_of - dt.timedelta(days=30),),
    )[0]
    return _pct(float(row[1] or 0), float(row[0] or 0))


def capitation_complete_share(db: Reader, as_of: dt.date) -> float:
    """Share of completed, charged procedures of patients whose first coverage is a capitation
    plan (PlanType 'c') that carry a CapComplete claimproc."""
    row = db.fetchall(
        """
        with capitation_patients as (
            select pp.patnum, s.plannum
            from raw.patplan pp
            join raw.inssub s on s.inssubnum = pp.inssubnum
            join raw.insplan i on i.plannum = s.plannum
            where pp.ordinal = 1 and i.plantype = 'c'
        )
        select count(*),
               count(*) filter (where exists (
                   select 1 from raw.claimproc cp
                   where cp.procnum = p.procnum and cp.status = 7))
        from raw.procedurelog p
        join capitation_patients c on c.patnum = p.patnum
        where p.procstatus = 2 and p.procfee > 0 and p.aptnum <> 0 and p.procdate <= %s
        """,
        (as_of,),
    )[0]
    return _pct(float(row[1] or 0), float(row[0] or 0))


# The money desk's measures, by target name (params.FIDELITY_TARGETS).
_MONEY_DESK_MEASURES = {
    "plan types with covered patients (percentage, PPO, flat copay, capitation)": plan_types_in_use,
    "Medicaid and CHIP share of insured patients": government_share,
    "subscriptions that took effect in the last 12 months": started_coverage_share,
    "subscriptions in force a year ago that ended since": ended_coverage_share,
    "claims resent after a clearinghouse rejection": resent_share,
    "denials older than 30 days followed up (claim tracking)": denial_follow_up_share,
    "claim statuses beyond U/H/W/S/R in use (I, A, P)": other_claim_statuses,
    "slip payments older than 2 days not on a deposit": undeposited_share,
    "paid primary claims of dual-covered patients followed by a secondary claim": (
        secondary_claim_share
    ),
    "capitation patients' completed procedures kept as CapComplete": capitation_complete_share,
}


def _check(target: Target, value: float) -> Measure:
    ok = target.low <= value <= target.high
    return Measure(
        target.name,
        f"{value:.1f} {target.unit}",
        f"{target.low:g}-{target.high:g} {target.unit}",
        ok,
    )


# Rows a volume counts where not all: the reference figure for `fee` is the schedules' fees (one
# per schedule and code); fees localised to a clinic or provider come with each office.
_COUNTED = {"fee": " where clinicnum = 0 and provnum = 0"}


def measure(
    target: WarehouseTarget, as_of: dt.date, scale: int
) -> tuple[list[Measure], list[Measure]]:
    """(fidelity measures, volumes vs the reference figures) for the warehouse at `target`."""
    with connect(target) as db:
        buckets = ar_buckets(db, as_of)
        no_shows, cancellations = no_show_and_cancellation(db, as_of)
        values = {
            FIDELITY_TARGETS[0].name: insured_share(db, as_of),
            FIDELITY_TARGETS[1].name: broken_rate(db, as_of),
            FIDELITY_TARGETS[2].name: collection_rate(db, as_of),
            FIDELITY_TARGETS[3].name: _pct(buckets[3], sum(buckets)),
            FIDELITY_TARGETS[4].name: hygiene_share(db, as_of),
            FIDELITY_TARGETS[5].name: new_patients_per_dentist_month(db, as_of),
            CASE_ACCEPTANCE.name: case_acceptance(db, as_of),
            PERIO_SHARE.name: perio_share(db, as_of),
            PLANS_SIGNED.name: accepted_plans_signed(db),
            **{name: rule(db, as_of) for name, rule in _MONEY_DESK_MEASURES.items()},
            "chair utilisation of dentists": chair_utilisation(db, as_of, hygienists=False),
            "chair utilisation of hygienists": chair_utilisation(db, as_of, hygienists=True),
            "hygiene reappointment rate": hygiene_reappointment(db, as_of),
            "no-show rate": no_shows,
            "cancellation rate": cancellations,
            "new patients per quarter, first two quarters of history vs the last four": (
                warm_start_ratio(db, as_of)
            ),
        }
        measures = [_check(t, values[t.name]) for t in FIDELITY_TARGETS]
        top = top_categories(db, as_of)
        measures.append(
            Measure(
                "most frequent categories by count",
                ", ".join(top[:2]),
                "diagnostic, preventive",
                set(top[:2]) == {"diagnostic", "preventive"},
            )
        )
        counts = {
            name: int(db.fetchall(f"select count(*) from raw.{name}{_COUNTED.get(name, '')}")[0][0])
            for name in (*PRACTICE_SIZE, *TRANSACTION_VOLUMES)
        }
    volumes = []
    for name, figure in PRACTICE_SIZE.items():
        want = (
            figure
            if name in {"procedurecode", "definition", "fee", "feesched", "carrier", "insplan"}
            else figure * scale
        )
        got = counts[name]
        volumes.append(Measure(name, f"{got:,}", f"{want:,} ±10%", abs(got - want) <= 0.1 * want))
    for name, figure in TRANSACTION_VOLUMES.items():
        want = figure * scale
        got = counts[name]
        volumes.append(
            Measure(
                name,
                f"{got:,}",
                f"{want:,} (0.5-2x)",
                0.5 * want <= got <= 2 * want,
                VOLUME_REASONS.get(name, ""),
            )
        )
    return measures, volumes
