"""What patients owe and pay: discounts, payments at checkout, statements, payment plans,
prepayments, write-offs and finance charges, and the balances OpenDental keeps on the patient.

Works visit by visit, one rule per thing the front desk does, in `build_money`'s order. At
checkout it may `give_discount`, `put_on_payment_plan` a large portion (whose charges the family
then pays, `pay_plan_charges`) or `collect_at_checkout` the estimated portion. Once insurance has
paid (`after_insurance`), what is still owed goes on the next monthly statement (`bill_family`)
and most of it is paid within weeks (`pay_statement`); small leftovers are written off
(`write_off_small_balance`), old unpaid balances draw a finance charge (`charge_finance`) or are
written off as bad debt and the family sent to collections (`write_off_bad_debt`,
`send_to_collections`). Patients booked for treatment may pay ahead (`take_prepayment`). The
payments and adjustments go to their tables (`record_payments`, `record_adjustments`), and the
balances on the patient rows are computed from the same ledger the warehouse's A/R uses
(`age_balances`, DESIGN.md), as of the as-of date. Rates live in `params`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.claims import (
    CAP_COMPLETE,
    NOT_RECEIVED,
    RECEIVED,
    SUPPLEMENTAL,
    Claimprocs,
    estimated_write_off,
)
from dental_analytics.synthetic.context import (
    Bools,
    Calendar,
    Days,
    Floats,
    Ints,
    KeyCounter,
    at_minute,
    business_day,
    days,
)
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.params import (
    BAD_DEBT_P,
    BILLING_CHARGE,
    BILLING_CHARGE_P,
    DISCOUNT_P,
    DISCOUNT_RATE,
    FINANCE_CHARGE_P,
    FINANCE_CHARGE_RATE,
    PAY_AFTER_STATEMENT_DAYS,
    PAY_AFTER_STATEMENT_P,
    PAY_AT_VISIT_P,
    PAYMENT_PLAN_MONTHS,
    PAYMENT_PLAN_P,
    PAYMENT_PLAN_THRESHOLD,
    PREPAYMENT_P,
    SMALL_BALANCE_LIMIT,
    SMALL_BALANCE_WRITE_OFF_P,
    STATEMENT_BY_EMAIL_P,
    STATEMENT_DAY_OF_MONTH,
    STATEMENT_REPEAT_MAX,
)
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.state import PracticeState
from dental_analytics.synthetic.visits import CAP_ESTIMATE, ESTIMATE, SCHEDULED, TP, Visits

AGING_EDGES = (30, 60, 90)
OTHER_DISCOUNTS = (
    "Family discount",
    "Professional courtesy",
    "Cash payment discount",
    "Military discount",
)  # OpenDental's aging buckets: 0-30, 31-60, 61-90, over 90 days


def next_statement_day(after: Days) -> Days:
    """The practice's billing day (the 5th) on or after the day following `after`."""
    month = (after + np.timedelta64(1, "D")).astype("datetime64[M]")
    day = month.astype("datetime64[D]") + np.timedelta64(STATEMENT_DAY_OF_MONTH - 1, "D")
    return np.where(
        day > after,
        day,
        (month + 1).astype("datetime64[D]") + np.timedelta64(STATEMENT_DAY_OF_MONTH - 1, "D"),
    )


@dataclass
class _Splits:
    """Payment events and their splits, collected from each source before numbering."""

    pay_patient: list[Ints] = field(default_factory=list)  # patient index of the payer (guarantor)
    pay_date: list[Days] = field(default_factory=list)
    pay_amount: list[Floats] = field(default_factory=list)
    pay_clinic: list[Ints] = field(default_factory=list)
    split_pay: list[Ints] = field(default_factory=list)  # index into this source's payments
    split_patient: list[Ints] = field(default_factory=list)
    split_amount: list[Floats] = field(default_factory=list)
    split_prov: list[Ints] = field(default_factory=list)
    split_proc: list[Ints] = field(default_factory=list)  # ProcNum, 0 none
    split_plan: list[Ints] = field(default_factory=list)  # PayPlanNum, 0 none
    split_charge: list[Ints] = field(default_factory=list)  # PayPlanChargeNum, 0 none
    split_unearned: list[Ints] = field(default_factory=list)
    n_pay: int = 0

    def add(
        self,
        *,
        patient: Ints,
        date: Days,
        amount: Floats,
        clinic: Ints,
        split_pay: Ints,
        split_patient: Ints,
        split_amount: Floats,
        split_prov: Ints,
        split_proc: Ints | None = None,
        split_plan: Ints | None = None,
        split_charge: Ints | None = None,
        split_unearned: Ints | None = None,
    ) -> None:
        ns = len(split_pay)
        zeros = np.zeros(ns, np.int64)
        self.pay_patient.append(patient)
        self.pay_date.append(date)
        self.pay_amount.append(amount)
        self.pay_clinic.append(clinic)
        self.split_pay.append(split_pay + self.n_pay)
        self.split_patient.append(split_patient)
        self.split_amount.append(split_amount)
        self.split_prov.append(split_prov)
        self.split_proc.append(zeros if split_proc is None else split_proc)
        self.split_plan.append(zeros if split_plan is None else split_plan)
        self.split_charge.append(zeros if split_charge is None else split_charge)
        self.split_unearned.append(zeros if split_unearned is None else split_unearned)
        self.n_pay += len(patient)


def _split_by_share(
    amount: Floats, pay_visit: Ints, group_visit: Ints, group_share: Floats
) -> tuple[Ints, Ints, Floats]:
    """Split each payment over its visit's provider groups in proportion to `group_share`.

    Returns (payment index, group index, amount) with each payment's splits summing to it exactly.
    """
    order = np.argsort(group_visit, kind="stable")
    gv = group_visit[order]
    start = np.searchsorted(gv, pay_visit, side="left")
    count = np.searchsorted(gv, pay_visit, side="right") - start
    pay_idx = np.repeat(np.arange(len(pay_visit)), count)
    group_idx = order[
        np.repeat(start, count)
        + (np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count))
    ]
    raw = np.round(amount[pay_idx] * group_share[group_idx], 2)
    # The last split of each payment takes the rounding remainder.
    last = np.r_[pay_idx[1:] != pay_idx[:-1], True]
    totals = np.bincount(pay_idx, weights=raw, minlength=len(pay_visit))
    raw[last] += np.round(amount - totals, 2)[pay_idx[last]]
    raw = np.round(raw, 2)
    kept = raw != 0  # a provider whose share rounds to nothing gets no split
    return pay_idx[kept], group_idx[kept], raw[kept]


@dataclass(frozen=True)
class InsuranceByProcedure:
    """What insurance was expected to pay per procedure at checkout, and what it finally paid."""

    estimate: Floats  # the carriers' estimated payments ...
    estimated_write_off: Floats  # ... and write-offs, on the claims sent
    final: Floats  # paid and written off, once received
    pending: Bools  # a claim on the procedure is still out
    settled_on: Days  # the day its last payment was received


@dataclass(frozen=True)
class BilledVisits:
    """The visits with completed, chargeable procedures, one row per visit, and their money."""

    proc_ix: Ints  # the chargeable procedures (index into Visits procedures) ...
    proc_visit: Ints  # ... and the visit each belongs to
    patient: Ints
    date: Days
    clinic: Ints
    guarantor: Ints  # patient index of the family's guarantor
    fee: Floats
    insurance_estimate: Floats
    insurance_final: Floats
    pending: Bools
    settled_on: Days  # the day the visit's insurance was final
    # Provider groups per visit (dentist's and hygienist's work), for splitting payments.
    group_visit: Ints
    group_prov: Ints
    group_share: Floats
    group_proc: Ints  # the group's largest procedure takes the split

    @property
    def n(self) -> int:
        return len(self.patient)


@dataclass
class Ledger:
    """The payments and adjustments the rules record, written to their tables at the end."""

    payments: _Splits = field(default_factory=_Splits)
    adjustments: list[tuple[Ints, Days, Floats, str]] = field(default_factory=list)

    def adjust(self, patient: Ints, date: Days, amount: Floats, kind: str) -> None:
        self.adjustments.append((patient, date, amount, kind))

    def pay_for_visits(self, billed: BilledVisits, mask: Bools, date: Days, amount: Floats) -> None:
        """The family pays `amount` for each visit in `mask`, split over the visit's providers."""
        idx = np.flatnonzero(mask)
        pay_idx, g_idx, amt = _split_by_share(
            amount[idx], idx, billed.group_visit, billed.group_share
        )
        self.payments.add(
            patient=billed.guarantor[idx],
            date=date[idx],
            amount=amount[idx],
            clinic=billed.clinic[idx],
            split_pay=pay_idx,
            split_patient=billed.patient[billed.group_visit[g_idx]],
            split_amount=amt,
            split_prov=billed.group_prov[g_idx],
            split_proc=billed.group_proc[g_idx],
        )


@dataclass(frozen=True)
class PaymentPlans:
    visit: Ints  # index into BilledVisits
    pay_plan_num: Ints
    amount: Floats
    date: Days
    charge_plan: Ints  # per charge: index into the plans
    charge_num: Ints
    charge_date: Days
    principal: Floats


@dataclass(frozen=True)
class Balances:
    """What each visit's family still owes once insurance has paid, and when it is billed."""

    owed: Floats
    due: Bools
    first_statement: Days


def build_money(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    claims: Claimprocs,
    membership: Floats,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """What the families pay and are charged over the span, visit by visit, in the order a front
    desk works: checkout, then statements once insurance has paid, then what is left."""
    fee = visits.proc_fee * visits.proc_units
    billed = visits_to_bill(patients, visits, fee, insurance_by_procedure(visits, claims))
    ledger = Ledger()

    discount, portion = give_discount(billed, membership, rng, ledger)
    plans = put_on_payment_plan(cal, practice, patients, billed, portion, keys, rng, out)
    pay_plan_charges(cal, patients, billed, plans, rng, ledger)
    on_plan = np.isin(np.arange(billed.n), plans.visit)
    at_visit = collect_at_checkout(billed, portion, on_plan, rng, ledger)

    paid_so_far = np.where(at_visit, portion, 0.0) + np.where(on_plan, portion, 0.0)
    balances = after_insurance(billed, discount, paid_so_far)
    small, written_off = write_off_small_balance(cal, billed, balances, rng, ledger)
    paid_later, pay_date = pay_statement(cal, billed, balances, small, rng, ledger)
    unpaid = balances.due & ~small & ~paid_later
    charge_finance(cal, billed, balances, unpaid, rng, ledger)
    write_off_bad_debt(cal, billed, balances, unpaid, rng, ledger)
    statement_end = np.where(
        paid_later, pay_date, np.where(written_off, balances.first_statement, cal.today)
    )
    bill_family(cal, patients, billed, balances, statement_end, written_off, keys, rng, out, ledger)
    take_prepayment(cal, practice, patients, visits, fee, rng, ledger)

    split_rows = record_payments(practice, offices, patients, visits, ledger, keys, rng, out)
    adjustment_rows = record_adjustments(cal, practice, offices, patients, ledger, keys, rng, out)
    send_to_collections(practice, patients, adjustment_rows)
    age_balances(
        cal,
        patients,
        visits,
        claims,
        fee,
        splits=split_rows,
        adjustments=adjustment_rows,
        plan_patient=billed.patient[plans.visit],
        plan_amount=plans.amount,
        plan_date=plans.date,
    )


def insurance_by_procedure(visits: Visits, claims: Claimprocs) -> InsuranceByProcedure:
    """Insurance per procedure: estimated at checkout, final once every claim is received."""
    n_proc = len(visits.proc_num)
    # A capitation procedure's write-off is settled the day it is done (CapComplete).
    on_claim = np.isin(claims.status, [NOT_RECEIVED, RECEIVED, CAP_COMPLETE])
    paid_rows = np.isin(claims.status, [RECEIVED, SUPPLEMENTAL, CAP_COMPLETE])
    settled_on = np.full(n_proc, np.datetime64("0001-01-01"))
    np.maximum.at(settled_on, claims.proc_index[paid_rows], claims.date_cp[paid_rows])
    return InsuranceByProcedure(
        estimate=np.bincount(
            claims.proc_index[on_claim], weights=claims.ins_pay_est[on_claim], minlength=n_proc
        ),
        estimated_write_off=np.bincount(
            claims.proc_index[on_claim], weights=claims.write_off[on_claim], minlength=n_proc
        ),
        final=np.bincount(
            claims.proc_index[paid_rows],
            weights=(claims.ins_pay_amt + claims.write_off)[paid_rows],
            minlength=n_proc,
        ),
        pending=np.bincount(
            claims.proc_index,
            weights=(claims.status == NOT_RECEIVED).astype(float),
            minlength=n_proc,
        )
        > 0,
        settled_on=settled_on,
    )


def visits_to_bill(
    patients: Patients, visits: Visits, fee: Floats, insurance: InsuranceByProcedure
) -> BilledVisits:
    """The visits with completed, chargeable procedures, and who did what at each."""
    charged = visits.completed & (visits.proc_apt > 0) & (fee > 0)
    proc_ix = np.flatnonzero(charged)
    visit_apt, proc_visit = np.unique(visits.proc_apt[proc_ix], return_inverse=True)
    nv = len(visit_apt)
    v_first = np.zeros(nv, np.int64)
    v_first[proc_visit[::-1]] = proc_ix[::-1]
    v_pat = visits.proc_patient[v_first]
    v_date = visits.proc_date[v_first]

    def per_visit(values: Floats) -> Floats:
        return np.round(np.bincount(proc_visit, weights=values[proc_ix], minlength=nv), 2)

    settled_on = v_date.copy()
    np.maximum.at(settled_on, proc_visit, insurance.settled_on[proc_ix])
    est_ins, est_wo = insurance.estimate, insurance.estimated_write_off
    pv_key = proc_visit.astype(np.int64) * 10_000_000 + visits.proc_prov[proc_ix]
    groups, group_of_proc = np.unique(pv_key, return_inverse=True)
    g_visit = (groups // 10_000_000).astype(np.int64)
    portion_proc = np.maximum(fee - est_ins - est_wo, 0)[proc_ix]
    # A payment is shared by what each provider's work left the patient to pay; where insurance
    # was expected to pay it all (and then did not), by the providers' fees.
    g_portion = np.bincount(group_of_proc, weights=portion_proc, minlength=len(groups))
    g_fee = np.bincount(group_of_proc, weights=fee[proc_ix], minlength=len(groups))
    visit_portion = np.bincount(g_visit, weights=g_portion, minlength=nv)[g_visit]
    g_weight = np.where(visit_portion > 0, g_portion, g_fee)
    g_proc = np.zeros(len(groups), np.int64)
    big = np.lexsort((-fee[proc_ix], group_of_proc))
    g_proc[group_of_proc[big][::-1]] = visits.proc_num[proc_ix][big][::-1]
    return BilledVisits(
        proc_ix=proc_ix,
        proc_visit=proc_visit,
        patient=v_pat,
        date=v_date,
        clinic=patients.clinic[v_pat],
        guarantor=patients.index_of(patients.guarantor[v_pat]),
        fee=per_visit(fee),
        insurance_estimate=per_visit(est_ins + est_wo),
        insurance_final=per_visit(insurance.final),
        pending=np.bincount(
            proc_visit, weights=insurance.pending[proc_ix].astype(float), minlength=nv
        )
        > 0,
        settled_on=settled_on,
        group_visit=g_visit,
        group_prov=(groups % 10_000_000).astype(np.int64),
        group_share=g_weight / np.bincount(g_visit, weights=g_weight, minlength=nv)[g_visit],
        group_proc=g_proc,
    )


def give_discount(
    billed: BilledVisits, membership: Floats, rng: np.random.Generator, ledger: Ledger
) -> tuple[Floats, Floats]:
    """Some cash visits get a discount, a membership plan's members theirs on every visit
    (`membership`, per procedure); return (discount, the patient's estimated portion)."""
    before = np.round(np.maximum(billed.fee - billed.insurance_estimate, 0), 2)
    disc = discount_at_checkout(billed.fee, before, rng)
    member = np.round(
        np.bincount(billed.proc_visit, weights=membership[billed.proc_ix], minlength=billed.n), 2
    )
    is_member = member > 0
    disc = np.where(is_member, np.minimum(member, before), disc)
    for kind, which in (("discount", ~is_member), ("membership", is_member)):
        d = np.flatnonzero(which & (disc > 0))
        if len(d):
            ledger.adjust(billed.patient[d], billed.date[d], -disc[d], kind)
    return disc, np.round(before - disc, 2)


def discount_at_checkout(fee: Floats, portion: Floats, rng: np.random.Generator) -> Floats:
    """The cash discount some visits get at checkout, at the stated rate: a share of the visit's
    `fee`, never more than the patient's estimated `portion`."""
    n = len(fee)
    return np.where(
        (portion > 0) & (rng.random(n) < DISCOUNT_P),
        np.minimum(np.round(fee * rng.uniform(*DISCOUNT_RATE, n), 2), portion),
        0.0,
    )


def put_on_payment_plan(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    billed: BilledVisits,
    portion: Floats,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> PaymentPlans:
    """Large portions go on a monthly payment plan (payplan, with one payplancharge a month)."""
    on_plan = (portion > PAYMENT_PLAN_THRESHOLD) & (rng.random(billed.n) < PAYMENT_PLAN_P)
    pp = np.flatnonzero(on_plan)
    n_pp = len(pp)
    pp_num = keys.take("payplan", n_pp)
    months = rng.integers(PAYMENT_PLAN_MONTHS[0], PAYMENT_PLAN_MONTHS[1] + 1, n_pp)
    pp_amount, pp_date, pp_pat = portion[pp], billed.date[pp], billed.patient[pp]
    plan = Frame("payplan", n_pp)
    plan.update(
        {
            "PayPlanNum": pp_num,
            "PatNum": patients.pat_num[pp_pat],
            "Guarantor": patients.guarantor[pp_pat],
            "PayPlanDate": pp_date,
            "CompletedAmt": pp_amount,
            "PaySchedule": 0,
            "NumberOfPayments": months,
            "PayAmt": np.round(pp_amount / months, 2),
            "PlanCategory": practice.defs("PayPlanCategories")[0],
            "ChargeFrequency": 3,
            "DatePayPlanStart": pp_date + np.timedelta64(30, "D"),
        }
    )
    n_ch = int(months.sum())
    ch_plan = np.repeat(np.arange(n_pp), months)
    ch_k = np.arange(n_ch) - np.repeat(np.cumsum(months) - months, months)
    ch_date = (pp_date.astype("datetime64[M]")[ch_plan] + ch_k + 1).astype(
        "datetime64[D]"
    ) + np.timedelta64(STATEMENT_DAY_OF_MONTH - 1, "D")
    principal = np.round(pp_amount / months, 2)[ch_plan]
    last_charge = np.r_[ch_plan[1:] != ch_plan[:-1], True] if n_ch else np.zeros(0, bool)
    principal[last_charge] += np.round(
        pp_amount - np.bincount(ch_plan, weights=principal, minlength=n_pp), 2
    )
    ch_num = keys.take("payplancharge", n_ch)
    ch = Frame("payplancharge", n_ch)
    ch.update(
        {
            "PayPlanChargeNum": ch_num,
            "PayPlanNum": pp_num[ch_plan],
            "Guarantor": patients.guarantor[pp_pat][ch_plan],
            "PatNum": patients.pat_num[pp_pat][ch_plan],
            "ChargeDate": ch_date,
            "Principal": principal,
            "ProvNum": patients.dentist[pp_pat][ch_plan],
            "ClinicNum": billed.clinic[pp][ch_plan],
            "ChargeType": 0,
        }
    )
    ch.stamp(at_minute(pp_date[ch_plan], 15 * 60))
    out.add(ch)
    charged_by_now = np.bincount(
        ch_plan, weights=(ch_date <= cal.today).astype(float), minlength=n_pp
    )
    plan["IsClosed"] = (charged_by_now == months).astype(int)
    out.add(plan)
    return PaymentPlans(pp, pp_num, pp_amount, pp_date, ch_plan, ch_num, ch_date, principal)


def pay_plan_charges(
    cal: Calendar,
    patients: Patients,
    billed: BilledVisits,
    plans: PaymentPlans,
    rng: np.random.Generator,
    ledger: Ledger,
) -> None:
    """Families pay almost every monthly charge of their payment plan when it falls due."""
    paid = np.flatnonzero(
        (plans.charge_date <= cal.today) & (rng.random(len(plans.charge_num)) < 0.95)
    )
    visit = plans.visit[plans.charge_plan[paid]]
    ledger.payments.add(
        patient=billed.guarantor[visit],
        date=plans.charge_date[paid],
        amount=plans.principal[paid],
        clinic=billed.clinic[visit],
        split_pay=np.arange(len(paid)),
        split_patient=billed.patient[visit],
        split_amount=plans.principal[paid],
        split_prov=patients.dentist[billed.patient[visit]],
        split_plan=plans.pay_plan_num[plans.charge_plan[paid]],
        split_charge=plans.charge_num[paid],
    )


def collect_at_checkout(
    billed: BilledVisits,
    portion: Floats,
    on_plan: Bools,
    rng: np.random.Generator,
    ledger: Ledger,
) -> Bools:
    """Most families pay the estimated portion at the front desk; return who did."""
    at_visit = pays_at_checkout(portion, on_plan, rng)
    ledger.pay_for_visits(billed, at_visit, billed.date, portion)
    return at_visit


def pays_at_checkout(portion: Floats, on_plan: Bools, rng: np.random.Generator) -> Bools:
    """Which visits' families pay their estimated portion at the front desk, at the stated rate
    (not those whose portion went on a payment plan, nor those with nothing to pay)."""
    return ~on_plan & (portion > 0) & (rng.random(len(portion)) < PAY_AT_VISIT_P)


def after_insurance(billed: BilledVisits, discount: Floats, paid_so_far: Floats) -> Balances:
    """What is still owed on each visit once every claim on it is settled, and its first bill."""
    owed = np.round(billed.fee - discount - billed.insurance_final - paid_so_far, 2)
    return Balances(
        owed=owed,
        due=~billed.pending & (owed > 0.005),
        first_statement=next_statement_day(billed.settled_on),
    )


def write_off_small_balance(
    cal: Calendar,
    billed: BilledVisits,
    balances: Balances,
    rng: np.random.Generator,
    ledger: Ledger,
) -> tuple[Bools, Bools]:
    """Small leftovers are written off at the first statement; return (small, written off)."""
    small = (
        balances.due
        & (balances.owed < SMALL_BALANCE_LIMIT)
        & (rng.random(billed.n) < SMALL_BALANCE_WRITE_OFF_P)
    )
    written_off = small & (balances.first_statement <= cal.today)
    w = np.flatnonzero(written_off)
    ledger.adjust(billed.patient[w], balances.first_statement[w], -balances.owed[w], "small")
    return small, written_off


def pay_statement(
    cal: Calendar,
    billed: BilledVisits,
    balances: Balances,
    small: Bools,
    rng: np.random.Generator,
    ledger: Ledger,
) -> tuple[Bools, Days]:
    """Most families pay what is owed weeks after the statement; return (paid by now, when)."""
    pays = balances.due & ~small & (rng.random(billed.n) < PAY_AFTER_STATEMENT_P)
    pay_date = business_day(
        balances.first_statement + days(rng.integers(*PAY_AFTER_STATEMENT_DAYS, billed.n))
    )
    paid = pays & (pay_date <= cal.today)
    ledger.pay_for_visits(billed, paid, pay_date, balances.owed)
    return paid, pay_date


def charge_finance(
    cal: Calendar,
    billed: BilledVisits,
    balances: Balances,
    unpaid: Bools,
    rng: np.random.Generator,
    ledger: Ledger,
) -> None:
    """Balances unpaid 90 days after the first statement draw a finance charge, sometimes."""
    age = (cal.today - balances.first_statement).astype(np.int64)
    fin = np.flatnonzero(unpaid & (age > 90) & (rng.random(billed.n) < FINANCE_CHARGE_P))
    ledger.adjust(
        billed.patient[fin],
        balances.first_statement[fin] + np.timedelta64(90, "D"),
        np.round(balances.owed[fin] * FINANCE_CHARGE_RATE, 2).clip(min=0.01),
        "finance",
    )


def write_off_bad_debt(
    cal: Calendar,
    billed: BilledVisits,
    balances: Balances,
    unpaid: Bools,
    rng: np.random.Generator,
    ledger: Ledger,
) -> None:
    """Balances unpaid a year after the first statement are written off as bad debt, sometimes
    (six months in), and the family goes to collections (`send_to_collections`)."""
    age = (cal.today - balances.first_statement).astype(np.int64)
    bad = np.flatnonzero(unpaid & (age > 365) & (rng.random(billed.n) < BAD_DEBT_P))
    ledger.adjust(
        billed.patient[bad],
        balances.first_statement[bad] + np.timedelta64(180, "D"),
        -balances.owed[bad],
        "bad_debt",
    )


def bill_family(
    cal: Calendar,
    patients: Patients,
    billed: BilledVisits,
    balances: Balances,
    statement_end: Days,
    written_off: Bools,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
    ledger: Ledger,
) -> None:
    """Monthly statements while a visit's balance is owed (up to the limit), one per family and
    billing day; a repeat statement sometimes carries the billing charge."""
    first_stmt = balances.first_statement
    n_stmt = np.where(
        balances.due & (first_stmt <= cal.today),
        np.minimum(STATEMENT_REPEAT_MAX, ((statement_end - first_stmt).astype(np.int64) // 30) + 1),
        0,
    )
    n_stmt = np.where(written_off, np.minimum(n_stmt, 1), n_stmt)
    sv = np.repeat(np.arange(billed.n), n_stmt)
    sk = np.arange(len(sv)) - np.repeat(np.cumsum(n_stmt) - n_stmt, n_stmt)
    s_date = (first_stmt[sv].astype("datetime64[M]") + sk).astype("datetime64[D]") + np.timedelta64(
        STATEMENT_DAY_OF_MONTH - 1, "D"
    )
    keep = s_date <= cal.today
    sv, s_date = sv[keep], s_date[keep]
    repeat = np.flatnonzero(
        (np.r_[False, sv[1:] == sv[:-1]]) & (rng.random(len(sv)) < BILLING_CHARGE_P)
    )
    ledger.adjust(
        billed.patient[sv[repeat]], s_date[repeat], np.full(len(repeat), BILLING_CHARGE), "billing"
    )
    # The billing run sends one statement per family and billing day, for everything the family
    # still owes then; each family gets its statements the same way, by email or by mail.
    family_day = billed.guarantor[sv].astype(np.int64) * 1_000_000 + s_date.astype(np.int64)
    _, first, of_statement = np.unique(family_day, return_index=True, return_inverse=True)
    s_guar, s_date = billed.guarantor[sv[first]], s_date[first]
    balance = np.round(np.bincount(of_statement, weights=balances.owed[sv]), 2)
    ns = len(first)
    by_email = (rng.random(patients.n) < STATEMENT_BY_EMAIL_P)[s_guar]
    st = Frame("statement", ns)
    st.update(
        {
            "StatementNum": keys.take("statement", ns),
            "PatNum": patients.pat_num[s_guar],
            "DateSent": s_date,
            "DateRangeFrom": s_date - np.timedelta64(45, "D"),
            "DateRangeTo": s_date,
            "Mode_": np.where(by_email, 2, 0),
            "Intermingled": 1,
            "IsSent": 1,
            "IsBalValid": 1,
            "BalTotal": balance,
            "EmailSubject": np.where(by_email, "Your statement", "").astype(object),
            "StatementType": "NotSet",
            "SmsSendStatus": 1,
        }
    )
    st.stamp(at_minute(s_date, 7 * 60))
    out.add(st)


def take_prepayment(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    fee: Floats,
    rng: np.random.Generator,
    ledger: Ledger,
) -> None:
    """Some patients booked for treatment pay half of it ahead, as an unearned prepayment."""
    future = np.flatnonzero(
        (visits.apt_status == SCHEDULED)
        & ~visits.apt_is_hygiene
        & (rng.random(len(visits.apt_num)) < PREPAYMENT_P * 6)
    )
    booked_fee = np.bincount(
        np.searchsorted(visits.apt_num, visits.proc_apt[visits.proc_apt > 0]),
        weights=fee[visits.proc_apt > 0],
        minlength=len(visits.apt_num),
    )
    future = future[booked_fee[future] > 0]
    f_amt = np.round(booked_fee[future] * 0.5, 0)
    f_date = np.minimum(visits.apt_created[future].astype("datetime64[D]"), cal.today)
    f_pat = visits.apt_patient[future]
    unearned = practice.defs("PaySplitUnearnedType")[0]
    ledger.payments.add(
        patient=patients.index_of(patients.guarantor[f_pat]),
        date=f_date,
        amount=f_amt,
        clinic=patients.clinic[f_pat],
        split_pay=np.arange(len(future)),
        split_patient=f_pat,
        split_amount=f_amt,
        split_prov=np.zeros(len(future), np.int64),
        split_unearned=np.full(len(future), unearned),
    )


@dataclass(frozen=True)
class SplitRows:
    """The paysplit rows written, for the ledger of balances."""

    patient: Ints
    amount: Floats
    date: Days
    on_plan: Bools


def record_payments(
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    ledger: Ledger,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> SplitRows:
    """Write every payment the rules recorded (numbered by date) and its splits."""
    splits = ledger.payments
    n_proc = len(visits.proc_num)
    pay_pat = np.concatenate(splits.pay_patient)
    pay_date_all = np.concatenate(splits.pay_date)
    pay_amt = np.round(np.concatenate(splits.pay_amount), 2)
    order = np.argsort(pay_date_all, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    n_pay = len(pay_pat)
    pay_num = keys.take("payment", n_pay)[rank]
    pay_types = practice.defs("PaymentTypes")
    pt = pay_types[rng.choice(len(pay_types), n_pay, p=_weights(len(pay_types)))]
    pay_clinic = np.concatenate(splits.pay_clinic)
    users = offices.user_num[rng.integers(0, len(offices.user_num), n_pay)]
    pf = Frame("payment", n_pay)
    pf.update(
        {
            "PayNum": pay_num,
            "PayType": pt,
            "PayDate": pay_date_all,
            "PayAmt": pay_amt,
            "CheckNum": np.where(
                pt == pay_types[0], rng.integers(1000, 9999, n_pay).astype(str), ""
            ).astype(object),
            "IsSplit": 0,
            "PatNum": patients.pat_num[pay_pat],
            "ClinicNum": pay_clinic,
            "DateEntry": pay_date_all,
            "SecUserNumEntry": users,
            "PaymentSource": 0,
            "ProcessStatus": 0,
        }
    )
    s_pay = np.concatenate(splits.split_pay)
    pf["IsSplit"] = (np.bincount(s_pay, minlength=n_pay) > 1).astype(int)
    pf.stamp(at_minute(pay_date_all, rng.integers(8 * 60, 17 * 60, n_pay)))
    out.add(pf)

    s_pat = np.concatenate(splits.split_patient)
    s_amt = np.concatenate(splits.split_amount)
    s_plan = np.concatenate(splits.split_plan)
    s_proc = np.concatenate(splits.split_proc)
    n_split = len(s_pay)
    proc_pos = np.searchsorted(visits.proc_num, s_proc)
    spf = Frame("paysplit", n_split)
    spf.update(
        {
            "SplitNum": keys.take("paysplit", n_split),
            "SplitAmt": s_amt,
            "PatNum": patients.pat_num[s_pat],
            "ProcDate": np.where(
                s_proc > 0, visits.proc_date[np.minimum(proc_pos, n_proc - 1)], pay_date_all[s_pay]
            ),
            "PayNum": pay_num[s_pay],
            "ProvNum": np.concatenate(splits.split_prov),
            "PayPlanNum": s_plan,
            "DatePay": pay_date_all[s_pay],
            "ProcNum": s_proc,
            "DateEntry": pay_date_all[s_pay],
            "UnearnedType": np.concatenate(splits.split_unearned),
            "ClinicNum": pay_clinic[s_pay],
            "SecUserNumEntry": users[s_pay],
            "PayPlanChargeNum": np.concatenate(splits.split_charge),
            "PayPlanDebitType": np.where(s_plan > 0, 1, 0),
        }
    )
    spf.stamp(at_minute(pay_date_all[s_pay], 12 * 60))
    out.add(spf)
    return SplitRows(s_pat, s_amt, pay_date_all[s_pay], s_plan > 0)


@dataclass(frozen=True)
class AdjustmentRows:
    """The adjustment rows written, for the ledger of balances and the collections list."""

    patient: Ints
    date: Days
    amount: Floats
    adj_type: Ints
    bad_debt_type: int


def record_adjustments(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    ledger: Ledger,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> AdjustmentRows:
    """Write every adjustment the rules recorded up to today, typed as the office types them."""
    kinds = {
        kind: practice.def_num("AdjTypes", name)
        for kind, name in (
            ("senior", "Senior discount"),
            ("small", "Small balance write-off"),
            ("finance", "Finance charge"),
            ("bad_debt", "Bad debt write-off"),
            ("billing", "Billing charge"),
            ("membership", "In-office membership plan"),
        )
    }
    other_discounts = np.array(
        [practice.def_num("AdjTypes", name) for name in OTHER_DISCOUNTS], dtype=np.int64
    )
    rows = ledger.adjustments
    a_pat = np.concatenate([r[0] for r in rows])
    a_date = np.concatenate([r[1] for r in rows])
    a_amt = np.round(np.concatenate([r[2] for r in rows]), 2)
    a_kind = np.concatenate([np.full(len(r[0]), r[3], dtype=object) for r in rows])
    a_type = np.array([kinds.get(k, 0) for k in a_kind], dtype=np.int64)
    is_discount = a_kind == "discount"
    a_type[is_discount] = discount_types(
        is_senior(cal.today, patients.birthdate[a_pat[is_discount]]),
        kinds["senior"],
        other_discounts,
        rng,
    )
    keep = a_date <= cal.today
    a_pat, a_date, a_amt, a_type = a_pat[keep], a_date[keep], a_amt[keep], a_type[keep]
    write_adjustments(
        patients.pat_num[a_pat], a_date, a_amt, a_type, patients.dentist[a_pat],
        patients.clinic[a_pat], offices.user_num, keys, rng, out,
    )  # fmt: skip
    return AdjustmentRows(a_pat, a_date, a_amt, a_type, kinds["bad_debt"])


def is_senior(today: np.datetime64, birthdate: Days) -> Bools:
    """Who is 65 or older on `today`."""
    return (today - birthdate).astype("timedelta64[D]").astype(np.int64) >= 65 * 365


def discount_types(
    senior: Bools, senior_type: int, other_types: Ints, rng: np.random.Generator
) -> Ints:
    """How the office types each discount: seniors get the senior discount, others a family,
    courtesy, cash or military discount (`other_types`, AdjType DefNums)."""
    n = len(senior)
    return np.where(senior, senior_type, other_types[rng.integers(0, len(other_types), n)])


def write_adjustments(
    pat_num: Ints,
    date: Days,
    amount: Floats,
    adj_type: Ints,
    prov: Ints,
    clinic: Ints,
    user_num: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The adjustment rows, each posted on its date (entered at the end of the day) by one of
    the office's users."""
    n_adj = len(pat_num)
    af = Frame("adjustment", n_adj)
    af.update(
        {
            "AdjNum": keys.take("adjustment", n_adj),
            "AdjDate": date,
            "AdjAmt": amount,
            "PatNum": pat_num,
            "AdjType": adj_type,
            "ProvNum": prov,
            "ProcDate": date,
            "DateEntry": date,
            "ClinicNum": clinic,
            "SecUserNumEntry": user_num[rng.integers(0, len(user_num), n_adj)],
        }
    )
    af.stamp(at_minute(date, 16 * 60))
    out.add(af)


def send_to_collections(
    practice: Practice, patients: Patients, adjustments: AdjustmentRows
) -> None:
    """Families with a bad-debt write-off get the Collections billing type."""
    bad_debt = adjustments.patient[adjustments.adj_type == adjustments.bad_debt_type]
    to_collections = np.unique(patients.guarantor[bad_debt])
    patients.frame["BillingType"] = np.where(
        np.isin(patients.guarantor, to_collections),
        practice.def_num("BillingTypes", _billing_collections(practice)),
        patients.frame["BillingType"],
    )


def _weights(n: int) -> np.ndarray:
    w = np.array([0.3, 0.15, 0.35, 0.12, 0.04, 0.04] + [0.01] * max(0, n - 6))[:n]
    return w / w.sum()


def _billing_collections(practice: Practice) -> str:
    return next(
        name
        for (cat, name) in practice.definitions
        if cat == "BillingTypes" and "collection" in name.lower()
    )


def age_balances(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    claims: Claimprocs,
    fee: Floats,
    *,
    splits: SplitRows,
    adjustments: AdjustmentRows,
    plan_patient: Ints,
    plan_amount: Floats,
    plan_date: Days,
) -> None:
    """Set EstBalance per patient and the family aging (Bal_*, InsEst, BalTotal) on guarantors."""
    today = cal.today
    n = patients.n
    done = np.flatnonzero(visits.completed & (visits.proc_date <= today))
    credit_cp = np.isin(claims.status, [RECEIVED, SUPPLEMENTAL, CAP_COMPLETE]) & (
        claims.date_cp <= today
    )
    split_patient, split_amount = splits.patient, splits.amount
    adj_patient, adj_amount, adj_date = adjustments.patient, adjustments.amount, adjustments.date
    pos_adj = adj_amount > 0
    split_credit = ~splits.on_plan & (splits.date <= today)
    # Charges: (patient, date, amount); credits: (patient, amount).
    ch_pat = np.concatenate([visits.proc_patient[done], adj_patient[pos_adj]])
    ch_date = np.concatenate([visits.proc_date[done], adj_date[pos_adj]])
    ch_amt = np.concatenate([fee[done], adj_amount[pos_adj]])
    cr_pat = np.concatenate(
        [
            claims.patient[credit_cp],
            split_patient[split_credit],
            adj_patient[~pos_adj],
            plan_patient[plan_date <= today],
        ]
    )
    cr_amt = np.concatenate(
        [
            (claims.ins_pay_amt + claims.write_off)[credit_cp],
            split_amount[split_credit],
            -adj_amount[~pos_adj],
            plan_amount[plan_date <= today],
        ]
    )
    est_balance = np.round(
        np.bincount(ch_pat, weights=ch_amt, minlength=n)
        - np.bincount(cr_pat, weights=cr_amt, minlength=n),
        2,
    )

    fam = patients.index_of(patients.guarantor)
    age = (today - ch_date).astype(np.int64)
    bucket = np.searchsorted(np.array(AGING_EDGES), age, side="left")  # 0..3
    by_bucket = np.zeros((n, 4))
    np.add.at(by_bucket, (fam[ch_pat], bucket), ch_amt)
    credits = np.bincount(fam[cr_pat], weights=cr_amt, minlength=n)
    aged = np.zeros_like(by_bucket)
    remaining = credits.copy()
    for b in (3, 2, 1):  # credits pay the oldest charges first
        used = np.minimum(by_bucket[:, b], np.maximum(remaining, 0))
        aged[:, b] = by_bucket[:, b] - used
        remaining -= used
    aged[:, 0] = by_bucket[:, 0] - remaining
    pending = claims.status == NOT_RECEIVED
    ins_est = np.bincount(
        fam[claims.patient[pending]],
        weights=(claims.ins_pay_est + claims.write_off)[pending],
        minlength=n,
    )
    is_guarantor = patients.guarantor == patients.pat_num
    aged = np.round(aged, 2) * is_guarantor[:, None]
    f = patients.frame
    f["EstBalance"] = est_balance
    f["Bal_0_30"] = aged[:, 0]
    f["Bal_31_60"] = aged[:, 1]
    f["Bal_61_90"] = aged[:, 2]
    f["BalOver90"] = aged[:, 3]
    f["InsEst"] = np.round(ins_est, 2) * is_guarantor
    f["BalTotal"] = np.round(aged.sum(axis=1), 2)


def check_out_visits(
    state: PracticeState,
    day: np.datetime64,
    apt_num: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
    discount_rng: np.random.Generator,
) -> None:
    """A simulated day's checkout of the visits `apt_num` completed on `day`.

    A prepayment the family made for a visit is allocated to it: its unearned split is deleted
    and entered again on the visit's largest procedure (OpenDental re-enters a payment's splits
    when they are reallocated). The family then pays what is left of the estimated portion (the
    fees less the carriers' estimates and PPO write-offs, less a discount the front desk may
    give, `discount_on_day` with its own stream `discount_rng`) as history's `pays_at_checkout`
    decides, split over the visit's providers by their share of the portion (`_split_by_share`).
    """
    proc_apt = state.column("procedurelog", "AptNum")
    rows = np.flatnonzero(
        (state.column("procedurelog", "ProcStatus") == TP) & np.isin(proc_apt, apt_num)
    )
    proc_num = state.column("procedurelog", "ProcNum")[rows]
    fee = state.column("procedurelog", "ProcFee")[rows] * (
        state.column("procedurelog", "UnitQty")[rows]
        + state.column("procedurelog", "BaseUnits")[rows]
    )
    status = state.column("claimproc", "Status")
    estimates = np.isin(status, [ESTIMATE, CAP_ESTIMATE])
    cp_proc = state.column("claimproc", "ProcNum")[estimates]
    # What insurance is expected to cover: the carrier's estimate and, on a PPO plan, the
    # write-off (`estimated_write_off`), as history's checkout counts both; on a capitation
    # plan the fee above the copay, which its CapEstimate writes off.
    on_visit = np.isin(cp_proc, proc_num)
    line_rows = rows[np.searchsorted(proc_num, cp_proc[on_visit])]
    write_off = np.where(
        status[estimates][on_visit] == CAP_ESTIMATE,
        state.column("claimproc", "WriteOff")[estimates][on_visit],
        estimated_write_off(
            state, line_rows, state.column("claimproc", "PlanNum")[estimates][on_visit]
        ),
    )
    covered = state.column("claimproc", "InsPayEst")[estimates][on_visit] + write_off
    estimate = np.zeros(len(rows))
    np.add.at(estimate, np.searchsorted(proc_num, cp_proc[on_visit]), covered)
    visits, proc_visit = np.unique(proc_apt[rows], return_inverse=True)
    nv = len(visits)
    prov = state.column("procedurelog", "ProvNum")[rows]
    portion_proc = np.maximum(fee - estimate, 0)
    # Provider groups per visit, each with its largest procedure, sharing by the portion (by
    # the fees where insurance was expected to pay it all), as history's checkout does.
    group_key = proc_visit.astype(np.int64) * 10_000_000 + prov
    groups, group_of_proc = np.unique(group_key, return_inverse=True)
    g_visit = (groups // 10_000_000).astype(np.int64)
    g_portion = np.bincount(group_of_proc, weights=portion_proc, minlength=len(groups))
    g_fee = np.bincount(group_of_proc, weights=fee, minlength=len(groups))
    v_portion = np.bincount(g_visit, weights=g_portion, minlength=nv)
    g_weight = np.where(v_portion[g_visit] > 0, g_portion, g_fee)
    g_total = np.bincount(g_visit, weights=g_weight, minlength=nv)[g_visit]
    g_share = np.where(g_total > 0, g_weight / np.where(g_total > 0, g_total, 1), 0.0)
    g_proc = np.zeros(len(groups), np.int64)
    big = np.lexsort((-fee, group_of_proc))
    g_proc[group_of_proc[big][::-1]] = proc_num[big][::-1]
    v_proc = np.zeros(nv, np.int64)
    v_big = np.lexsort((-fee, proc_visit))
    v_proc[proc_visit[v_big][::-1]] = proc_num[v_big][::-1]
    v_prov = np.zeros(nv, np.int64)
    v_prov[proc_visit[v_big][::-1]] = prov[v_big][::-1]

    apt_rows = np.searchsorted(state.column("appointment", "AptNum"), visits)
    v_pat = state.column("appointment", "PatNum")[apt_rows]
    v_clinic = state.column("appointment", "ClinicNum")[apt_rows]
    pat_rows = np.searchsorted(state.column("patient", "PatNum"), v_pat)
    v_guarantor = state.column("patient", "Guarantor")[pat_rows]

    prepaid = allocate_prepayments(state, day, v_pat, v_proc, v_prov, keys, out)
    v_fee = np.round(np.bincount(proc_visit, weights=fee, minlength=nv), 2)
    before = np.round(v_portion, 2)
    discount = discount_on_day(state, day, v_pat, v_fee, before, keys, discount_rng, out)
    portion = np.round(np.maximum(before - discount - prepaid, 0), 2)
    paying = np.flatnonzero(pays_at_checkout(portion, np.zeros(nv, bool), rng))
    if not len(paying):
        return
    pay_idx, g_idx, amount = _split_by_share(portion[paying], paying, g_visit, g_share)
    n_pay = len(paying)
    pay_types = state.defs("PaymentTypes")
    pay_type = pay_types[rng.choice(len(pay_types), n_pay, p=_weights(len(pay_types)))]
    users = state.column("userod", "UserNum")
    user = users[rng.integers(0, len(users), n_pay)]
    on_day = np.full(n_pay, day)
    pay_num = keys.take("payment", n_pay)
    pf = Frame("payment", n_pay)
    pf.update(
        {
            "PayNum": pay_num,
            "PayType": pay_type,
            "PayDate": on_day,
            "PayAmt": portion[paying],
            "CheckNum": np.where(
                pay_type == pay_types[0], rng.integers(1000, 9999, n_pay).astype(str), ""
            ).astype(object),
            "IsSplit": (np.bincount(pay_idx, minlength=n_pay) > 1).astype(int),
            "PatNum": v_guarantor[paying],
            "ClinicNum": v_clinic[paying],
            "DateEntry": on_day,
            "SecUserNumEntry": user,
        }
    )
    pf.stamp(at_minute(on_day, rng.integers(8 * 60, 17 * 60, n_pay)))
    out.add(pf)
    n_split = len(pay_idx)
    split_day = np.full(n_split, day)
    spf = Frame("paysplit", n_split)
    spf.update(
        {
            "SplitNum": keys.take("paysplit", n_split),
            "SplitAmt": amount,
            "PatNum": v_pat[g_visit[g_idx]],
            "ProcDate": split_day,
            "PayNum": pay_num[pay_idx],
            "ProvNum": groups[g_idx] % 10_000_000,
            "DatePay": split_day,
            "ProcNum": g_proc[g_idx],
            "DateEntry": split_day,
            "ClinicNum": v_clinic[g_visit[g_idx]],
            "SecUserNumEntry": user[pay_idx],
        }
    )
    spf.stamp(at_minute(split_day, 12 * 60))
    out.add(spf)


def discount_on_day(
    state: PracticeState,
    day: np.datetime64,
    patient: Ints,
    fee: Floats,
    portion: Floats,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Floats:
    """The discounts given at a simulated day's checkout of visits by `patient` (PatNums) with
    `fee` and the patient's estimated `portion`, by history's `discount_at_checkout`, posted on
    the day as adjustments typed by `discount_types` and written by `write_adjustments` (the
    patient's dentist and office). Return each visit's discount."""
    discount = discount_at_checkout(fee, portion, rng)
    given = np.flatnonzero(discount > 0)
    if not len(given):
        return discount
    rows = np.searchsorted(state.column("patient", "PatNum"), patient[given])
    birthdate = state.column("patient", "Birthdate")[rows].astype("datetime64[D]")
    other_types = np.array([state.def_num("AdjTypes", n) for n in OTHER_DISCOUNTS], np.int64)
    adj_type = discount_types(
        is_senior(day, birthdate), state.def_num("AdjTypes", "Senior discount"), other_types, rng
    )
    write_adjustments(
        patient[given], np.full(len(given), day), -discount[given], adj_type,
        state.column("patient", "PriProv")[rows], state.column("patient", "ClinicNum")[rows],
        state.column("userod", "UserNum"), keys, rng, out,
    )  # fmt: skip
    return discount


def allocate_prepayments(
    state: PracticeState,
    day: np.datetime64,
    patient: Ints,
    proc_num: Ints,
    prov: Ints,
    keys: KeyCounter,
    out: ChangeSet,
) -> Floats:
    """Allocate each visit's patient's unearned prepayments to the visit's procedure `proc_num`
    (by `prov`): the unearned splits are deleted and entered again, same payment, amount and
    date, on the procedure. Return the amount allocated per visit."""
    unearned = (state.column("paysplit", "UnearnedType") > 0) & (
        state.column("paysplit", "ProcNum") == 0
    )
    split_pat = state.column("paysplit", "PatNum")
    rows = np.flatnonzero(unearned & np.isin(split_pat, patient))
    if not len(rows):
        return np.zeros(len(patient))
    # A patient seen twice on one day has the prepayment allocated to the first visit.
    first_visit = {int(p): i for i, p in reversed(list(enumerate(patient)))}
    visit = np.array([first_visit[int(p)] for p in split_pat[rows]], dtype=np.int64)
    amount = state.column("paysplit", "SplitAmt")[rows]
    out.delete("paysplit", state.column("paysplit", "SplitNum")[rows])
    n = len(rows)
    date_pay = state.column("paysplit", "DatePay")[rows]
    spf = Frame("paysplit", n)
    spf.update(
        {
            "SplitNum": keys.take("paysplit", n),
            "SplitAmt": amount,
            "PatNum": split_pat[rows],
            "ProcDate": np.full(n, day),
            "PayNum": state.column("paysplit", "PayNum")[rows],
            "ProvNum": prov[visit],
            "DatePay": date_pay,
            "ProcNum": proc_num[visit],
            "DateEntry": np.full(n, day),
            "ClinicNum": state.column("paysplit", "ClinicNum")[rows],
        }
    )
    spf.stamp(at_minute(np.full(n, day), 12 * 60))
    out.add(spf)
    return np.round(np.bincount(visit, weights=amount, minlength=len(patient)), 2)
