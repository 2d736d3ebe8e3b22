"""What patients owe and pay: discounts, payments at checkout, statements, payment plans,
prepayments, write-offs and finance charges, and the balances OpenDental keeps on the patient.

Works visit by visit. At checkout the front desk collects the patient's estimated portion (or
puts a large one on a payment plan). Once insurance has paid, what is still owed goes on the next
monthly statement, and most of it is paid within weeks; small leftovers are written off, old
unpaid balances draw a finance charge or go to collections. Balances on the patient rows are then
computed from the same ledger the warehouse's A/R uses (DESIGN.md), as of the as-of date.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.claims import NOT_RECEIVED, RECEIVED, SUPPLEMENTAL, Claimprocs
from dental_analytics.synthetic.context import (
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
from dental_analytics.synthetic.visits import SCHEDULED, Visits

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

    pay_patient: list[Ints]  # patient index of the payer (guarantor)
    pay_date: list[Days]
    pay_amount: list[Floats]
    pay_clinic: list[Ints]
    split_pay: list[Ints]  # index into this source's payments
    split_patient: list[Ints]
    split_amount: list[Floats]
    split_prov: list[Ints]
    split_proc: list[Ints]  # ProcNum, 0 none
    split_plan: list[Ints]  # PayPlanNum, 0 none
    split_charge: list[Ints]  # PayPlanChargeNum, 0 none
    split_unearned: list[Ints]
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


def build_money(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    claims: Claimprocs,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    today = cal.today
    n_proc = len(visits.proc_num)
    fee = visits.proc_fee * visits.proc_units

    # --- insurance per procedure: estimated at checkout, final once every claim is received -------
    on_claim = np.isin(claims.status, [NOT_RECEIVED, RECEIVED])
    est_ins = np.bincount(
        claims.proc_index[on_claim], weights=claims.ins_pay_est[on_claim], minlength=n_proc
    )
    est_wo = np.bincount(
        claims.proc_index[on_claim], weights=claims.write_off[on_claim], minlength=n_proc
    )
    paid_rows = np.isin(claims.status, [RECEIVED, SUPPLEMENTAL])
    final_ins = np.bincount(
        claims.proc_index[paid_rows],
        weights=(claims.ins_pay_amt + claims.write_off)[paid_rows],
        minlength=n_proc,
    )
    pending = (
        np.bincount(
            claims.proc_index,
            weights=(claims.status == NOT_RECEIVED).astype(float),
            minlength=n_proc,
        )
        > 0
    )
    last_cp = np.full(n_proc, np.datetime64("0001-01-01"))
    np.maximum.at(last_cp, claims.proc_index[paid_rows], claims.date_cp[paid_rows])

    # --- visits with completed, chargeable procedures ------------------------------------------
    charged = visits.completed & (visits.proc_apt > 0) & (fee > 0)
    proc_ix = np.flatnonzero(charged)
    visit_apt, proc_visit = np.unique(visits.proc_apt[proc_ix], return_inverse=True)
    nv = len(visit_apt)
    v_first = np.zeros(nv, np.int64)
    v_first[proc_visit[::-1]] = proc_ix[::-1]
    v_pat = visits.proc_patient[v_first]
    v_date = visits.proc_date[v_first]
    v_clinic = patients.clinic[v_pat]
    v_guar = patients.index_of(patients.guarantor[v_pat])

    def per_visit(values: Floats) -> Floats:
        return np.round(np.bincount(proc_visit, weights=values[proc_ix], minlength=nv), 2)

    v_fee = per_visit(fee)
    v_est = per_visit(est_ins + est_wo)
    v_final = per_visit(final_ins)
    v_pending = np.bincount(proc_visit, weights=pending[proc_ix].astype(float), minlength=nv) > 0
    v_settled = v_date.copy()  # the day the visit's insurance was final
    np.maximum.at(v_settled, proc_visit, last_cp[proc_ix])

    # --- discounts on cash visits --------------------------------------------------------------
    before = np.round(np.maximum(v_fee - v_est, 0), 2)
    disc = np.where(
        (before > 0) & (rng.random(nv) < DISCOUNT_P),
        np.minimum(np.round(v_fee * rng.uniform(*DISCOUNT_RATE, nv), 2), before),
        0.0,
    )
    est_portion = np.round(before - disc, 2)

    # Provider groups per visit (dentist's and hygienist's work), for splitting payments.
    pv_key = proc_visit.astype(np.int64) * 10_000_000 + visits.proc_prov[proc_ix]
    groups, group_of_proc = np.unique(pv_key, return_inverse=True)
    g_visit = (groups // 10_000_000).astype(np.int64)
    g_prov = (groups % 10_000_000).astype(np.int64)
    portion_proc = np.maximum(fee - est_ins - est_wo, 0)[proc_ix]
    # A payment is shared by what each provider's work left the patient to pay; where insurance
    # was expected to pay it all (and then did not), by the providers' fees.
    g_portion = np.bincount(group_of_proc, weights=portion_proc, minlength=len(groups))
    g_fee = np.bincount(group_of_proc, weights=fee[proc_ix], minlength=len(groups))
    visit_portion = np.bincount(g_visit, weights=g_portion, minlength=nv)[g_visit]
    g_weight = np.where(visit_portion > 0, g_portion, g_fee)
    g_share = g_weight / np.bincount(g_visit, weights=g_weight, minlength=nv)[g_visit]
    g_proc = np.zeros(len(groups), np.int64)  # the group's largest procedure takes the split
    big = np.lexsort((-fee[proc_ix], group_of_proc))
    g_proc[group_of_proc[big][::-1]] = visits.proc_num[proc_ix][big][::-1]

    splits = _Splits([], [], [], [], [], [], [], [], [], [], [], [])
    adj_rows: list[tuple[Ints, Days, Floats, str]] = []  # patient, date, amount, kind

    def visit_payments(mask: np.ndarray, date: Days, amount: Floats) -> None:
        idx = np.flatnonzero(mask)
        pay_idx, g_idx, amt = _split_by_share(amount[idx], idx, g_visit, g_share)
        splits.add(
            patient=v_guar[idx],
            date=date[idx],
            amount=amount[idx],
            clinic=v_clinic[idx],
            split_pay=pay_idx,
            split_patient=v_pat[g_visit[g_idx]],
            split_amount=amt,
            split_prov=g_prov[g_idx],
            split_proc=g_proc[g_idx],
        )

    if disc.any():
        d = np.flatnonzero(disc > 0)
        adj_rows.append((v_pat[d], v_date[d], -disc[d], "discount"))

    # --- payment plans for large patient portions ------------------------------------------------
    on_plan = (est_portion > PAYMENT_PLAN_THRESHOLD) & (rng.random(nv) < PAYMENT_PLAN_P)
    pp = np.flatnonzero(on_plan)
    n_pp = len(pp)
    pp_num = keys.take("payplan", n_pp)
    months = rng.integers(PAYMENT_PLAN_MONTHS[0], PAYMENT_PLAN_MONTHS[1] + 1, n_pp)
    pp_amount = est_portion[pp]
    pp_date = v_date[pp]
    plan = Frame("payplan", n_pp)
    plan.update(
        {
            "PayPlanNum": pp_num,
            "PatNum": patients.pat_num[v_pat[pp]],
            "Guarantor": patients.guarantor[v_pat[pp]],
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
            "Guarantor": patients.guarantor[v_pat[pp]][ch_plan],
            "PatNum": patients.pat_num[v_pat[pp]][ch_plan],
            "ChargeDate": ch_date,
            "Principal": principal,
            "ProvNum": patients.dentist[v_pat[pp]][ch_plan],
            "ClinicNum": v_clinic[pp][ch_plan],
            "ChargeType": 0,
        }
    )
    ch.stamp(at_minute(pp_date[ch_plan], 15 * 60))
    out.add(ch)
    plan["IsClosed"] = (
        np.bincount(ch_plan, weights=(ch_date <= today).astype(float), minlength=n_pp) == months
    ).astype(int)
    out.add(plan)
    paid_charge = np.flatnonzero((ch_date <= today) & (rng.random(n_ch) < 0.95))
    splits.add(
        patient=v_guar[pp][ch_plan[paid_charge]],
        date=ch_date[paid_charge],
        amount=principal[paid_charge],
        clinic=v_clinic[pp][ch_plan[paid_charge]],
        split_pay=np.arange(len(paid_charge)),
        split_patient=v_pat[pp][ch_plan[paid_charge]],
        split_amount=principal[paid_charge],
        split_prov=patients.dentist[v_pat[pp]][ch_plan[paid_charge]],
        split_plan=pp_num[ch_plan[paid_charge]],
        split_charge=ch_num[paid_charge],
    )

    # --- checkout payments ------------------------------------------------------------------------
    at_visit = ~on_plan & (est_portion > 0) & (rng.random(nv) < PAY_AT_VISIT_P)
    visit_payments(at_visit, v_date, est_portion)
    paid_so_far = np.where(at_visit, est_portion, 0.0) + np.where(on_plan, est_portion, 0.0)

    # --- after insurance: statements, payments, write-offs, finance charges, collections ----------
    owed = np.round(v_fee - disc - v_final - paid_so_far, 2)
    settled = ~v_pending
    due = settled & (owed > 0.005)
    first_stmt = next_statement_day(v_settled)
    small = due & (owed < SMALL_BALANCE_LIMIT) & (rng.random(nv) < SMALL_BALANCE_WRITE_OFF_P)
    write_small = small & (first_stmt <= today)
    pays = due & ~small & (rng.random(nv) < PAY_AFTER_STATEMENT_P)
    pay_date = business_day(first_stmt + days(rng.integers(*PAY_AFTER_STATEMENT_DAYS, nv)))
    paid_later = pays & (pay_date <= today)
    visit_payments(paid_later, pay_date, owed)
    w = np.flatnonzero(write_small)
    adj_rows.append((v_pat[w], first_stmt[w], -owed[w], "small"))

    unpaid = due & ~small & ~paid_later
    age = (today - first_stmt).astype(np.int64)
    fin = np.flatnonzero(unpaid & (age > 90) & (rng.random(nv) < FINANCE_CHARGE_P))
    adj_rows.append(
        (
            v_pat[fin],
            first_stmt[fin] + np.timedelta64(90, "D"),
            np.round(owed[fin] * FINANCE_CHARGE_RATE, 2).clip(min=0.01),
            "finance",
        )
    )
    bad = np.flatnonzero(unpaid & (age > 365) & (rng.random(nv) < BAD_DEBT_P))
    adj_rows.append(
        (v_pat[bad], first_stmt[bad] + np.timedelta64(180, "D"), -owed[bad], "bad_debt")
    )

    # Statements: monthly while a visit's balance is owed, up to the limit.
    stmt_end = np.where(paid_later, pay_date, np.where(write_small, first_stmt, today))
    n_stmt = np.where(
        due & (first_stmt <= today),
        np.minimum(STATEMENT_REPEAT_MAX, ((stmt_end - first_stmt).astype(np.int64) // 30) + 1),
        0,
    )
    n_stmt = np.where(write_small, np.minimum(n_stmt, 1), n_stmt)
    sv = np.repeat(np.arange(nv), n_stmt)
    sk = np.arange(len(sv)) - np.repeat(np.cumsum(n_stmt) - n_stmt, n_stmt)
    s_date = (first_stmt[sv].astype("datetime64[M]") + sk).astype("datetime64[D]") + np.timedelta64(
        STATEMENT_DAY_OF_MONTH - 1, "D"
    )
    keep = s_date <= today
    sv, s_date = sv[keep], s_date[keep]
    # A repeat statement for the same visit carries the practice's billing charge, sometimes.
    repeat = np.flatnonzero(
        (np.r_[False, sv[1:] == sv[:-1]]) & (rng.random(len(sv)) < BILLING_CHARGE_P)
    )
    adj_rows.append(
        (v_pat[sv[repeat]], s_date[repeat], np.full(len(repeat), BILLING_CHARGE), "billing")
    )
    # The billing run sends one statement per family and billing day, for everything the family
    # still owes then; each family gets its statements the same way, by email or by mail.
    family_day = v_guar[sv].astype(np.int64) * 1_000_000 + s_date.astype(np.int64)
    _, first, of_statement = np.unique(family_day, return_index=True, return_inverse=True)
    s_guar, s_date = v_guar[sv[first]], s_date[first]
    balance = np.round(np.bincount(of_statement, weights=owed[sv]), 2)
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

    # --- prepayments for booked treatment ------------------------------------------------------
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
    f_date = np.minimum(visits.apt_created[future].astype("datetime64[D]"), today)
    f_pat = visits.apt_patient[future]
    unearned = practice.defs("PaySplitUnearnedType")[0]
    splits.add(
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

    # --- payments and splits ---------------------------------------------------------------------
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
    s_unearned = np.concatenate(splits.split_unearned)
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
            "UnearnedType": s_unearned,
            "ClinicNum": pay_clinic[s_pay],
            "SecUserNumEntry": users[s_pay],
            "PayPlanChargeNum": np.concatenate(splits.split_charge),
            "PayPlanDebitType": np.where(s_plan > 0, 1, 0),
        }
    )
    spf.stamp(at_minute(pay_date_all[s_pay], 12 * 60))
    out.add(spf)

    # --- adjustments ----------------------------------------------------------------------------
    kinds = {
        kind: practice.def_num("AdjTypes", name)
        for kind, name in (
            ("senior", "Senior discount"),
            ("small", "Small balance write-off"),
            ("finance", "Finance charge"),
            ("bad_debt", "Bad debt write-off"),
            ("billing", "Billing charge"),
        )
    }
    other_discounts = np.array(
        [practice.def_num("AdjTypes", name) for name in OTHER_DISCOUNTS], dtype=np.int64
    )
    a_pat = np.concatenate([r[0] for r in adj_rows])
    a_date = np.concatenate([r[1] for r in adj_rows])
    a_amt = np.round(np.concatenate([r[2] for r in adj_rows]), 2)
    a_kind = np.concatenate([np.full(len(r[0]), r[3], dtype=object) for r in adj_rows])
    # Discounts: seniors get the senior discount, others a family, courtesy or cash discount.
    senior = (today - patients.birthdate[a_pat]).astype("timedelta64[D]").astype(
        np.int64
    ) >= 65 * 365
    a_type = np.array([kinds.get(k, 0) for k in a_kind], dtype=np.int64)
    is_discount = a_kind == "discount"
    a_type[is_discount] = np.where(
        senior[is_discount],
        kinds["senior"],
        other_discounts[rng.integers(0, len(other_discounts), int(is_discount.sum()))],
    )
    keep = a_date <= today
    a_pat, a_date, a_amt, a_type = a_pat[keep], a_date[keep], a_amt[keep], a_type[keep]
    a_prov = patients.dentist[a_pat]
    n_adj = len(a_pat)
    af = Frame("adjustment", n_adj)
    af.update(
        {
            "AdjNum": keys.take("adjustment", n_adj),
            "AdjDate": a_date,
            "AdjAmt": a_amt,
            "PatNum": patients.pat_num[a_pat],
            "AdjType": a_type,
            "ProvNum": a_prov,
            "ProcDate": a_date,
            "DateEntry": a_date,
            "ClinicNum": patients.clinic[a_pat],
            "SecUserNumEntry": offices.user_num[rng.integers(0, len(offices.user_num), n_adj)],
        }
    )
    af.stamp(at_minute(a_date, 16 * 60))
    out.add(af)

    # Families sent to collections get the Collections billing type.
    to_collections = np.unique(patients.guarantor[a_pat[a_type == kinds["bad_debt"]]])
    billing = np.where(
        np.isin(patients.guarantor, to_collections),
        practice.def_num("BillingTypes", _billing_collections(practice)),
        patients.frame["BillingType"],
    )
    patients.frame["BillingType"] = billing

    # --- balances on the patient rows, from the ledger ------------------------------------------
    _balances(
        cal,
        patients,
        visits,
        claims,
        fee,
        split_patient=s_pat,
        split_amount=s_amt,
        split_date=pay_date_all[s_pay],
        split_on_plan=s_plan > 0,
        adj_patient=a_pat,
        adj_amount=a_amt,
        adj_date=a_date,
        plan_patient=v_pat[pp],
        plan_amount=pp_amount,
        plan_date=pp_date,
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


def _balances(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    claims: Claimprocs,
    fee: Floats,
    *,
    split_patient: Ints,
    split_amount: Floats,
    split_date: Days,
    split_on_plan: np.ndarray,
    adj_patient: Ints,
    adj_amount: Floats,
    adj_date: Days,
    plan_patient: Ints,
    plan_amount: Floats,
    plan_date: Days,
) -> None:
    """Set EstBalance per patient and the family aging (Bal_*, InsEst, BalTotal) on guarantors."""
    today = cal.today
    n = patients.n
    done = np.flatnonzero(visits.completed & (visits.proc_date <= today))
    credit_cp = np.isin(claims.status, [RECEIVED, SUPPLEMENTAL]) & (claims.date_cp <= today)
    pos_adj = adj_amount > 0
    split_credit = ~split_on_plan & (split_date <= today)
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
