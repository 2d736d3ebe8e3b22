"""What patients owe and pay: discounts, payments at checkout, statements, payment plans,
prepayments, write-offs and finance charges, and the balances OpenDental keeps on the patient.

Works visit by visit, one rule per thing the front desk does, in `build_money`'s order. At
checkout it may `give_discount`, `put_on_payment_plan` a large portion (whose charges the family
then pays, `pay_plan_charges`) or `collect_at_checkout` the estimated portion. Once insurance has
paid (`after_insurance`), what is still owed goes on the next monthly statement (`bill_family`)
and most of it is paid within weeks (`pay_statement`, some checks posted to the account
unallocated), with the repeat statements' billing charges (`pay_billing_charges`, linked to the
charges by `link_splits_to_charges`); the desk prints receipts and self-pay invoices
(`print_at_desk`); small leftovers are written off
(`write_off_small_balance`), old unpaid balances draw a finance charge (`charge_finance`) or are
written off as bad debt and the family sent to collections (`write_off_bad_debt`,
`send_to_collections`). Patients booked for treatment may pay ahead (`take_prepayment`). The
payments and adjustments go to their tables (`record_payments`, `record_adjustments`), and the
balances on the patient rows are computed from the same ledger the warehouse's A/R uses
(`age_balances`, DESIGN.md), as of the as-of date. Rates live in `params`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

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
    weekday,
)
from dental_analytics.synthetic.frame import NO_DATE, Frame
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.params import (
    BAD_DEBT_P,
    BILLING_CHARGE,
    BILLING_CHARGE_P,
    BILLING_CHARGE_PAID_P,
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
    RECEIPT_P,
    REFUND_MIN_CREDIT,
    REFUND_P,
    SELF_PAY_INVOICE_P,
    SMALL_BALANCE_LIMIT,
    SMALL_BALANCE_WRITE_OFF_P,
    STATEMENT_BY_EMAIL_P,
    STATEMENT_DAY_OF_MONTH,
    STATEMENT_MIN_BALANCE,
    STATEMENT_REPEAT_MAX,
    UNALLOCATED_STATEMENT_PAYMENT_P,
)
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.state import PracticeState
from dental_analytics.synthetic.visits import CAP_ESTIMATE, ESTIMATE, SCHEDULED, TP, C, Visits

AGING_EDGES = (30, 60, 90)
OTHER_DISCOUNTS = (
    "Family discount",
    "Professional courtesy",
    "Cash payment discount",
    "Military discount",
)  # OpenDental's aging buckets: 0-30, 31-60, 61-90, over 90 days


# statement.Mode_ of a statement handed over at the desk (OpenDental StatementMode.InPerson).
STATEMENT_IN_PERSON = 1


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
    pay_discount: list[Bools] = field(default_factory=list)  # discount payments (IsDiscount)
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
        discount: bool = False,
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
        self.pay_discount.append(np.full(len(patient), discount))
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

    def pay_for_visits(
        self,
        billed: BilledVisits,
        mask: Bools,
        date: Days,
        amount: Floats,
        unallocated: Bools | None = None,
        discount: bool = False,
    ) -> None:
        """The family pays `amount` for each visit in `mask`, split over the visit's providers
        and their procedures; where `unallocated`, one split to the family's account, naming
        the visit's first provider and no procedure. A `discount` is entered as discount splits
        (IsDiscount), not money."""
        idx = np.flatnonzero(mask)
        pay_idx, g_idx, amt = _split_by_share(
            amount[idx], idx, billed.group_visit, billed.group_share
        )
        split_patient = billed.patient[billed.group_visit[g_idx]]
        split_proc = billed.group_proc[g_idx]
        if unallocated is not None:
            whole = unallocated[idx][pay_idx]
            first = np.r_[True, pay_idx[1:] != pay_idx[:-1]]
            keep = ~whole | first
            amt = np.where(whole, amount[idx][pay_idx], amt)
            split_patient = np.where(whole, billed.guarantor[idx][pay_idx], split_patient)
            split_proc = np.where(whole, 0, split_proc)
            pay_idx, g_idx, amt = pay_idx[keep], g_idx[keep], amt[keep]
            split_patient, split_proc = split_patient[keep], split_proc[keep]
        self.payments.add(
            patient=billed.guarantor[idx],
            date=date[idx],
            amount=amount[idx],
            clinic=billed.clinic[idx],
            split_pay=pay_idx,
            split_patient=split_patient,
            split_amount=amt,
            split_prov=billed.group_prov[g_idx],
            split_proc=split_proc,
            discount=discount,
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

    discount, portion = give_discount(cal, billed, membership, rng, ledger)
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
    charged = bill_family(
        cal, patients, billed, balances, statement_end, written_off, keys, rng, out, ledger
    )
    charge_paid = pay_billing_charges(
        billed, charged, paid_later, pay_date, rng.spawn(1)[0], ledger
    )
    print_at_desk(cal, patients, visits, billed, at_visit, keys, rng.spawn(1)[0], out)
    take_prepayment(cal, practice, patients, visits, fee, rng, ledger)
    settle_history(cal, patients, visits, fee, ledger)

    split_rows = record_payments(practice, offices, patients, visits, ledger, keys, rng, out)
    adjustment_rows = record_adjustments(cal, practice, offices, patients, ledger, keys, rng, out)
    link_splits_to_charges(cal, ledger, charge_paid, out)
    send_to_collections(practice, patients, adjustment_rows)
    entries = history_ledger(
        cal,
        visits,
        claims,
        fee,
        splits=split_rows,
        adjustments=adjustment_rows,
        plan_patient=billed.patient[plans.visit],
        plan_amount=plans.amount,
        plan_date=plans.date,
    )
    family = patients.index_of(patients.guarantor)
    refunds = refund_credits(cal, billed, balances, family, entries, rng.spawn(1)[0])
    write_adjustments(
        patients.pat_num[refunds.patient], refunds.date, refunds.amount,
        np.full(len(refunds.patient), practice.def_num("AdjTypes", "Refund")),
        patients.dentist[refunds.patient], patients.clinic[refunds.patient], offices.user_num,
        keys, rng.spawn(1)[0], out,
    )  # fmt: skip
    age_balances(cal, patients, family, entries.charged(refunds))


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
    cal: Calendar,
    billed: BilledVisits,
    membership: Floats,
    rng: np.random.Generator,
    ledger: Ledger,
) -> tuple[Floats, Floats]:
    """Some cash visits get a discount, a membership plan's members theirs on every visit
    (`membership`, per procedure); return (discount, the patient's estimated portion). A
    discount in the practice's first months on its current version (`cal.converted_until`)
    was entered the old way, as discount splits."""
    before = np.round(np.maximum(billed.fee - billed.insurance_estimate, 0), 2)
    disc = discount_at_checkout(billed.fee, before, rng)
    member = np.round(
        np.bincount(billed.proc_visit, weights=membership[billed.proc_ix], minlength=billed.n), 2
    )
    is_member = member > 0
    disc = np.where(is_member, np.minimum(member, before), disc)
    as_split = ~is_member & (disc > 0) & (billed.date < cal.converted_until)
    ledger.pay_for_visits(billed, as_split, billed.date, disc, discount=True)
    for kind, which in (("discount", ~is_member & ~as_split), ("membership", is_member)):
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
    # Some checks are posted to the account without allocating them to the visit's procedures.
    unallocated = rng.spawn(1)[0].random(billed.n) < UNALLOCATED_STATEMENT_PAYMENT_P
    ledger.pay_for_visits(billed, paid, pay_date, balances.owed, unallocated)
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
) -> BillingCharges:
    """Monthly statements while a visit's balance is owed (up to the limit), one per family and
    billing day; a repeat statement sometimes carries the billing charge (returned)."""
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
    charges = BillingCharges(visit=sv[repeat], date=s_date[repeat], entry=len(ledger.adjustments))
    ledger.adjust(
        billed.patient[sv[repeat]], s_date[repeat], np.full(len(repeat), BILLING_CHARGE), "billing"
    )
    # The billing run sends one statement per family and billing day, for everything the family
    # still owes then; each family gets its statements the same way, by email or by mail.
    family_day = billed.guarantor[sv].astype(np.int64) * 1_000_000 + s_date.astype(np.int64)
    _, first, of_statement = np.unique(family_day, return_index=True, return_inverse=True)
    s_guar, s_date = billed.guarantor[sv[first]], s_date[first]
    balance = np.round(np.bincount(of_statement, weights=balances.owed[sv]), 2)
    # Only to a family whose guarantor gave an email address; the rest get paper.
    has_email = np.asarray(patients.frame["Email"]) != ""
    by_email = ((rng.random(patients.n) < STATEMENT_BY_EMAIL_P) & has_email)[s_guar]
    write_statements(patients.pat_num[s_guar], s_date, balance, by_email, keys, out)
    return charges


def write_statements(
    pat_num: Ints,
    s_date: Days,
    balance: Floats,
    by_email: Bools,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """One statement per family (`pat_num`: its guarantor) sent on `s_date` for `balance`, by
    email or by mail, covering the weeks before it; sent in the morning's billing run."""
    ns = len(pat_num)
    st = Frame("statement", ns)
    st.update(
        {
            "StatementNum": keys.take("statement", ns),
            "PatNum": pat_num,
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


def print_at_desk(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    billed: BilledVisits,
    at_visit: Bools,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Statements the desk prints for a patient in person, apart from the billing run: a receipt
    for some payments at checkout (`RECEIPT_P`), and an invoice of some self-pay visits'
    procedures (`SELF_PAY_INVOICE_P`), the procedures marked as on it."""
    receipt = np.flatnonzero(at_visit & (rng.random(billed.n) < RECEIPT_P))
    self_pay = patients.plan_on(billed.patient, billed.date) < 0
    invoice = np.flatnonzero(self_pay & (rng.random(billed.n) < SELF_PAY_INVOICE_P))
    invoice = invoice[billed.date[invoice] <= cal.today]
    visit = np.concatenate([receipt, invoice])
    is_invoice = np.r_[np.zeros(len(receipt), bool), np.ones(len(invoice), bool)]
    n = len(visit)
    if not n:
        return
    num = keys.take("statement", n)
    day = billed.date[visit]
    st = Frame("statement", n)
    st.update(
        {
            "StatementNum": num,
            "PatNum": np.where(
                is_invoice, patients.pat_num[billed.patient[visit]],
                patients.pat_num[billed.guarantor[visit]],
            ),
            "DateSent": day,
            "DateRangeFrom": day,
            "DateRangeTo": day,
            "Mode_": STATEMENT_IN_PERSON,  # handed over at the desk
            "SinglePatient": is_invoice.astype(np.int64),
            "Intermingled": (~is_invoice).astype(np.int64),
            "IsSent": 1,
            # A receipt shows the payment; an invoice the visit's charges (its balance).
            "IsBalValid": is_invoice.astype(np.int64),
            "BalTotal": np.where(is_invoice, billed.fee[visit], 0.0),
            "IsReceipt": (~is_invoice).astype(np.int64),
            "IsInvoice": is_invoice.astype(np.int64),
            # OpenDental 24.3's StmtType has NotSet and LimitedStatement only: the flags above
            # make a receipt or an invoice.
            "StatementType": "NotSet",
        }
    )  # fmt: skip
    st.stamp(at_minute(day, rng.integers(9 * 60, 17 * 60, n)))
    out.add(st)
    # The invoice's procedures point at it (procedurelog.StatementNum).
    on_invoice = np.isin(billed.proc_visit, invoice)
    proc = billed.proc_ix[on_invoice]
    of_visit = billed.proc_visit[on_invoice]
    out.amend(
        "procedurelog",
        visits.proc_num[proc],
        {"StatementNum": num[len(receipt) :][np.searchsorted(invoice, of_visit)]},
    )


@dataclass(frozen=True)
class BillingCharges:
    """The billing charges of repeat statements: the visit billed, the day, and which of the
    ledger's adjustment entries holds them."""

    visit: Ints  # index into BilledVisits
    date: Days
    entry: int  # index into Ledger.adjustments


@dataclass(frozen=True)
class ChargePayments:
    """Billing charges paid (rows of BillingCharges) and their splits' first index in the
    ledger's splits, in order."""

    charges: BillingCharges
    paid: Ints
    first_split: int


def pay_billing_charges(
    billed: BilledVisits,
    charges: BillingCharges,
    paid_later: Bools,
    pay_date: Days,
    rng: np.random.Generator,
    ledger: Ledger,
) -> ChargePayments:
    """A family paying a visit's balance after its statements pays the billing charges billed
    before (`BILLING_CHARGE_PAID_P`): one payment of the charge that day, its split for the
    charge (attached once the adjustments are numbered, `link_splits_to_charges`)."""
    v = charges.visit
    paid = np.flatnonzero(
        paid_later[v] & (pay_date[v] >= charges.date) & (rng.random(len(v)) < BILLING_CHARGE_PAID_P)
    )
    first_split = sum(len(s) for s in ledger.payments.split_pay)
    pv = v[paid]
    n = len(paid)
    ledger.payments.add(
        patient=billed.guarantor[pv],
        date=pay_date[pv],
        amount=np.full(n, BILLING_CHARGE),
        clinic=billed.clinic[pv],
        split_pay=np.arange(n),
        split_patient=billed.patient[pv],
        split_amount=np.full(n, BILLING_CHARGE),
        # The visit's first provider takes the split, as the charge names the patient's dentist.
        split_prov=billed.group_prov[np.searchsorted(billed.group_visit, pv)],
    )
    return ChargePayments(charges, paid, first_split)


def link_splits_to_charges(
    cal: Calendar, ledger: Ledger, charge_paid: ChargePayments, out: ChangeSet
) -> None:
    """Attach each billing charge's split to the charge's adjustment (paysplit.AdjNum), now that
    both are numbered: splits and adjustments are numbered in the ledger's order."""
    if not len(charge_paid.paid):
        return
    kept_before = sum(
        int((e[1] <= cal.today).sum()) for e in ledger.adjustments[: charge_paid.charges.entry]
    )
    adjustments = out.inserts["adjustment"][-1]
    adj_num = adjustments.column("adjnum").to_numpy()[kept_before + charge_paid.paid]
    splits = out.inserts["paysplit"][-1]
    first = charge_paid.first_split
    split_num = splits.column("splitnum").to_numpy()[first : first + len(charge_paid.paid)]
    out.amend("paysplit", split_num, {"AdjNum": adj_num})


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


def settle_history(
    cal: Calendar, patients: Patients, visits: Visits, fee: Floats, ledger: Ledger
) -> None:
    """The procedures completed before the history (`last_visit_before_history`) were paid in
    full at their visit by the family, so the books open with no balance from them."""
    idx = np.flatnonzero(visits.completed & (visits.proc_date < cal.start) & (fee > 0))
    n = len(idx)
    pat = visits.proc_patient[idx]
    ledger.payments.add(
        patient=patients.index_of(patients.guarantor[pat]),
        date=visits.proc_date[idx],
        amount=fee[idx],
        clinic=visits.proc_clinic[idx],
        split_pay=np.arange(n),
        split_patient=pat,
        split_amount=fee[idx],
        split_prov=visits.proc_prov[idx],
        split_proc=visits.proc_num[idx],
    )


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
    is_discount = np.concatenate(splits.pay_discount)
    pt[is_discount] = practice.def_num("PaymentTypes", "Discount (converted)")
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
            "IsDiscount": is_discount[s_pay].astype(np.int64),
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


def history_ledger(
    cal: Calendar,
    visits: Visits,
    claims: Claimprocs,
    fee: Floats,
    *,
    splits: SplitRows,
    adjustments: AdjustmentRows,
    plan_patient: Ints,
    plan_amount: Floats,
    plan_date: Days,
) -> LedgerEntries:
    """History's ledger as of the as-of date, from the rows written (as `ledger_of_state` reads
    it from the twin's)."""
    today = cal.today
    done = np.flatnonzero(visits.completed & (visits.proc_date <= today))
    credit_cp = np.isin(claims.status, [RECEIVED, SUPPLEMENTAL, CAP_COMPLETE]) & (
        claims.date_cp <= today
    )
    split_patient, split_amount = splits.patient, splits.amount
    adj_patient, adj_amount, adj_date = adjustments.patient, adjustments.amount, adjustments.date
    pos_adj = adj_amount > 0
    split_credit = ~splits.on_plan & (splits.date <= today)
    # Charges and credits: (patient, date, amount).
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
    cr_date = np.concatenate(
        [
            claims.date_cp[credit_cp],
            splits.date[split_credit],
            adj_date[~pos_adj],
            plan_date[plan_date <= today],
        ]
    )
    pending = claims.status == NOT_RECEIVED
    return LedgerEntries(
        charge_patient=ch_pat,
        charge_date=ch_date,
        charge_amount=ch_amt,
        credit_patient=cr_pat,
        credit_date=cr_date,
        credit_amount=cr_amt,
        pending_patient=claims.patient[pending],
        pending_amount=(claims.ins_pay_est + claims.write_off)[pending],
    )


@dataclass(frozen=True)
class Refunds:
    """Credits refunded to families: the patient (index), the day and the amount."""

    patient: Ints
    date: Days
    amount: Floats


def refund_credits(
    cal: Calendar,
    billed: BilledVisits,
    balances: Balances,
    family: Ints,
    entries: LedgerEntries,
    rng: np.random.Generator,
) -> Refunds:
    """A visit the family overpaid once insurance has paid (the carrier paid more than its
    estimate after the family paid the estimated portion) is refunded at the next statement run,
    sometimes: as a "Refund" adjustment for the visit's credit, but never more than the family's
    whole credit on its ledger that day (a family that still owes on another visit has the
    credit applied there instead). `family`: each patient's guarantor, as an index."""
    candidate = np.flatnonzero(
        (balances.owed < -REFUND_MIN_CREDIT)
        & (balances.first_statement <= cal.today)
        & (rng.random(billed.n) < REFUND_P)
    )
    candidate = candidate[np.argsort(balances.first_statement[candidate], kind="stable")]
    ch_fam, cr_fam = family[entries.charge_patient], family[entries.credit_patient]
    refunded_to: dict[int, float] = {}  # per family, refunded so far (in date order)
    amount = np.zeros(len(candidate))
    for i, visit in enumerate(candidate):
        fam, day = int(family[billed.patient[visit]]), balances.first_statement[visit]
        owed = entries.charge_amount[(ch_fam == fam) & (entries.charge_date <= day)].sum()
        owed -= entries.credit_amount[(cr_fam == fam) & (entries.credit_date <= day)].sum()
        owed += refunded_to.get(fam, 0.0)
        amount[i] = round(min(-balances.owed[visit], -owed), 2)
        if amount[i] > REFUND_MIN_CREDIT:
            refunded_to[fam] = refunded_to.get(fam, 0.0) + amount[i]
    keep = amount > REFUND_MIN_CREDIT
    done = candidate[keep]
    return Refunds(billed.patient[done], balances.first_statement[done], amount[keep])


def age_balances(cal: Calendar, patients: Patients, family: Ints, entries: LedgerEntries) -> None:
    """Set EstBalance per patient and the family aging (Bal_*, InsEst, BalTotal) on guarantors
    from the ledger (`family`: each patient's guarantor, as an index)."""
    ledger = age_ledger(cal.today, family, entries)
    is_guarantor = patients.guarantor == patients.pat_num
    aged = np.round(ledger.aged, 2) * is_guarantor[:, None]
    f = patients.frame
    f["EstBalance"] = ledger.est_balance
    f["Bal_0_30"] = aged[:, 0]
    f["Bal_31_60"] = aged[:, 1]
    f["Bal_61_90"] = aged[:, 2]
    f["BalOver90"] = aged[:, 3]
    f["InsEst"] = np.round(ledger.ins_est, 2) * is_guarantor
    f["BalTotal"] = np.round(aged.sum(axis=1), 2)


@dataclass(frozen=True)
class LedgerEntries:
    """A practice's ledger, by patient (index into the patients): charges (completed procedures,
    positive adjustments) with their dates, credits (insurance paid and written off, payments,
    negative adjustments, payment plans) and what insurance is still expected to pay."""

    charge_patient: Ints
    charge_date: Days
    charge_amount: Floats
    credit_patient: Ints
    credit_date: Days
    credit_amount: Floats
    pending_patient: Ints
    pending_amount: Floats

    def charged(self, refunds: Refunds) -> LedgerEntries:
        """The ledger with `refunds` charged (a refund adjustment is an addition)."""
        return replace(
            self,
            charge_patient=np.concatenate([self.charge_patient, refunds.patient]),
            charge_date=np.concatenate([self.charge_date, refunds.date]),
            charge_amount=np.concatenate([self.charge_amount, refunds.amount]),
        )


@dataclass(frozen=True)
class AgedLedger:
    est_balance: Floats  # per patient: charges less credits, to the cent
    aged: np.ndarray  # per family (its guarantor's index): owed 0-30, 31-60, 61-90, over 90 days
    ins_est: Floats  # per family: insurance still expected


def age_ledger(today: np.datetime64, family: Ints, entries: LedgerEntries) -> AgedLedger:
    """Each patient's balance and each family's aging as of `today` (`family`: each patient's
    guarantor, as an index): the family's credits pay its oldest charges first, as the
    warehouse's A/R ages them (DESIGN.md)."""
    n = len(family)
    ch_pat, ch_amt = entries.charge_patient, entries.charge_amount
    cr_pat, cr_amt = entries.credit_patient, entries.credit_amount
    est_balance = np.round(
        np.bincount(ch_pat, weights=ch_amt, minlength=n)
        - np.bincount(cr_pat, weights=cr_amt, minlength=n),
        2,
    )
    age = (today - entries.charge_date).astype(np.int64)
    bucket = np.searchsorted(np.array(AGING_EDGES), age, side="left")  # 0..3
    by_bucket = np.zeros((n, 4))
    np.add.at(by_bucket, (family[ch_pat], bucket), ch_amt)
    credits = np.bincount(family[cr_pat], weights=cr_amt, minlength=n)
    aged = np.zeros_like(by_bucket)
    remaining = credits.copy()
    for b in (3, 2, 1):  # credits pay the oldest charges first
        used = np.minimum(by_bucket[:, b], np.maximum(remaining, 0))
        aged[:, b] = by_bucket[:, b] - used
        remaining -= used
    aged[:, 0] = by_bucket[:, 0] - remaining
    ins_est = np.bincount(
        family[entries.pending_patient], weights=entries.pending_amount, minlength=n
    )
    return AgedLedger(est_balance=est_balance, aged=aged, ins_est=ins_est)


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


def billing_run_on(day: np.datetime64) -> bool:
    """Whether the practice's monthly billing run falls on the open day `day`: history's billing
    day (`next_statement_day`, the 5th) came since the office's previous open day (a 5th at the
    weekend is billed on the Monday)."""
    previous = day - np.timedelta64(3 if weekday(np.array([day]))[0] == 0 else 1, "D")
    return bool(next_statement_day(np.array([previous]))[0] <= day)


def ledger_of_state(state: PracticeState, day: np.datetime64) -> tuple[Ints, LedgerEntries]:
    """The practice's ledger as of `day` from the twin's rows, as history's `age_balances` keeps
    it: each patient's guarantor (index into the state's patients), and the entries (completed
    procedures and positive adjustments charged; insurance paid and written off (a capitation
    plan's write-off included), payments but
    those paying a payment plan's charges, negative adjustments and payment plans credited;
    claims not yet received expected)."""
    pat_num = state.column("patient", "PatNum")

    def who(table_name: str, rows: Bools) -> Ints:
        return np.searchsorted(pat_num, state.column(table_name, "PatNum")[rows])

    done = (state.column("procedurelog", "ProcStatus") == C) & (
        state.column("procedurelog", "ProcDate").astype("datetime64[D]") <= day
    )
    fee = state.column("procedurelog", "ProcFee") * (
        state.column("procedurelog", "UnitQty") + state.column("procedurelog", "BaseUnits")
    )
    adj_amt = state.column("adjustment", "AdjAmt")
    adj_on = state.column("adjustment", "AdjDate").astype("datetime64[D]") <= day
    charge_adj, credit_adj = adj_on & (adj_amt > 0), adj_on & (adj_amt < 0)
    cp_status = state.column("claimproc", "Status")
    paid_cp = np.isin(cp_status, [RECEIVED, SUPPLEMENTAL, CAP_COMPLETE]) & (
        state.column("claimproc", "DateCP").astype("datetime64[D]") <= day
    )
    pending = cp_status == NOT_RECEIVED
    paid = (state.column("paysplit", "PayPlanNum") == 0) & (
        state.column("paysplit", "DatePay").astype("datetime64[D]") <= day
    )
    on_plan = state.column("payplan", "PayPlanDate").astype("datetime64[D]") <= day
    cp_money = state.column("claimproc", "InsPayAmt") + state.column("claimproc", "WriteOff")
    entries = LedgerEntries(
        charge_patient=np.concatenate([who("procedurelog", done), who("adjustment", charge_adj)]),
        charge_date=np.concatenate(
            [
                state.column("procedurelog", "ProcDate")[done].astype("datetime64[D]"),
                state.column("adjustment", "AdjDate")[charge_adj].astype("datetime64[D]"),
            ]
        ),
        charge_amount=np.concatenate([fee[done], adj_amt[charge_adj]]),
        credit_patient=np.concatenate(
            [
                who("claimproc", paid_cp),
                who("paysplit", paid),
                who("adjustment", credit_adj),
                who("payplan", on_plan),
            ]
        ),
        credit_date=np.concatenate(
            [
                state.column("claimproc", "DateCP")[paid_cp].astype("datetime64[D]"),
                state.column("paysplit", "DatePay")[paid].astype("datetime64[D]"),
                state.column("adjustment", "AdjDate")[credit_adj].astype("datetime64[D]"),
                state.column("payplan", "PayPlanDate")[on_plan].astype("datetime64[D]"),
            ]
        ),
        credit_amount=np.concatenate(
            [
                cp_money[paid_cp],
                state.column("paysplit", "SplitAmt")[paid],
                -adj_amt[credit_adj],
                state.column("payplan", "CompletedAmt")[on_plan],
            ]
        ),
        pending_patient=who("claimproc", pending),
        pending_amount=(
            state.column("claimproc", "InsPayEst") + state.column("claimproc", "WriteOff")
        )[pending],
    )
    return np.searchsorted(pat_num, state.column("patient", "Guarantor")), entries


def oldest_unpaid_charge(family: Ints, entries: LedgerEntries) -> Days:
    """Per family (its guarantor's index): the date of its oldest charge that its credits have
    not paid (credits pay the oldest charges first, as `age_ledger` ages them); NO_DATE if none."""
    n = len(family)
    fam = family[entries.charge_patient]
    order = np.lexsort((entries.charge_date, fam))
    fam, amount = fam[order], entries.charge_amount[order]
    date = entries.charge_date[order].astype("datetime64[D]")
    total = np.cumsum(amount)
    starts = np.flatnonzero(np.r_[True, fam[1:] != fam[:-1]]) if len(fam) else np.zeros(0, int)
    before = np.zeros(n)
    before[fam[starts]] = total[starts] - amount[starts]
    credits = np.bincount(
        family[entries.credit_patient], weights=entries.credit_amount, minlength=n
    )
    unpaid = total - before[fam] > credits[fam] + 0.005  # charges are positive: once, for good
    never = np.datetime64("9999-12-31", "D")
    oldest = np.full(n, never)
    np.minimum.at(oldest, fam[unpaid], date[unpaid])
    return np.where(oldest == never, NO_DATE, oldest)


def bill_families_on_day(
    state: PracticeState,
    day: np.datetime64,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The practice's monthly billing run on a simulated day (`billing_run_on`): history's
    `bill_family` over the twin's ledger. Every family whose balance less what insurance is still
    expected to pay (`age_ledger` over `ledger_of_state`) is more than `STATEMENT_MIN_BALANCE`
    gets a statement for it, while it has had fewer than `STATEMENT_REPEAT_MAX` since its
    oldest unpaid charge (`oldest_unpaid_charge`); by email or by mail as its last statement
    went (a family's first: `STATEMENT_BY_EMAIL_P`). A repeat statement carries the billing charge at history's
    `BILLING_CHARGE_P`, posted as an adjustment dated the day. Written by `write_statements`."""
    if not billing_run_on(day):
        return
    family, entries = ledger_of_state(state, day)
    ledger = age_ledger(day, family, entries)
    due = np.round(ledger.aged.sum(axis=1) - ledger.ins_est, 2)
    heads = np.flatnonzero(
        (due > STATEMENT_MIN_BALANCE + 0.005) & (family == np.arange(len(family)))
    )
    pat_num = state.column("patient", "PatNum")
    since = oldest_unpaid_charge(family, entries)
    # The billing run's own statements: receipts and invoices are handed over at the desk.
    mode = state.column("statement", "Mode_")
    billing = mode != STATEMENT_IN_PERSON
    st_pat = np.searchsorted(pat_num, state.column("statement", "PatNum"))[billing]
    st_date = state.column("statement", "DateSent").astype("datetime64[D]")[billing]
    recent = st_date >= since[st_pat]
    sent = np.bincount(st_pat[recent], minlength=len(pat_num))
    heads = heads[sent[heads] < STATEMENT_REPEAT_MAX]
    n = len(heads)
    if not n:
        return
    # The family's way of getting statements: its last one's (statements are in key order).
    last_mode = np.full(len(pat_num), -1)
    last_mode[st_pat] = mode[billing]
    # A family's first by email only if its guarantor gave an address, as history's.
    has_email = np.array([bool(e) for e in state.column("patient", "Email")[heads]], dtype=bool)
    by_email = np.where(
        last_mode[heads] >= 0,
        last_mode[heads] == 2,
        (rng.random(n) < STATEMENT_BY_EMAIL_P) & has_email,
    )
    on_day = np.full(n, day)
    write_statements(pat_num[heads], on_day, due[heads], by_email, keys, out)
    rows = heads[(sent[heads] > 0) & (rng.random(n) < BILLING_CHARGE_P)]
    write_adjustments(
        pat_num[rows], np.full(len(rows), day), np.full(len(rows), BILLING_CHARGE),
        np.full(len(rows), state.def_num("AdjTypes", "Billing charge")),
        state.column("patient", "PriProv")[rows], state.column("patient", "ClinicNum")[rows],
        state.column("userod", "UserNum"), keys, rng, out,
    )  # fmt: skip
