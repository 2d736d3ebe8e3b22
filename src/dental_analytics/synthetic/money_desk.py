"""The money desk's routines after the day's work: deposits, plan links, verification history.

Runs once the unit's payments, claims, payment plans and verifications are in `out`, and reads
them there: the daily close-out puts each day's payments and insurance checks on deposits
(`close_out_days`, setting each payment's and check's DepositNum); each payment plan is linked
to the procedures it finances (`link_payment_plans`); every insurance verification made before a
visit leaves its history row (`keep_verification_history`).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from dental_analytics.opendental import table
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Calendar,
    Days,
    Ints,
    KeyCounter,
    at_minute,
    business_day,
    days,
    weekday,
)
from dental_analytics.synthetic.definitions import DEFINITIONS
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.money_params import (
    CARD_PAYMENT_TYPES,
    DEPOSIT_MISSED_P,
    DEPOSIT_NEXT_DAY_P,
    UNDEPOSITED_RECENT_DAYS,
    VERIFIED_VISIT_P,
)
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.records_params import VERIFY_DAYS_BEFORE_VISIT
from dental_analytics.synthetic.visits import UNSCHED, Visits

_LINK = table("payplanlink").enum("LinkType")
_VERIFY = table("insverifyhist").enum("VerifyType")


def inserted(out: ChangeSet, table_name: str, *columns: str) -> list[np.ndarray]:
    """Columns (raw, lower-case names) of the rows `out` inserts into `table_name`."""
    rows = pa.concat_tables(out.inserts[table_name])
    return [rows.column(c).to_numpy(zero_copy_only=False) for c in columns]


def next_business_day(day: Days) -> Days:
    """The working day after `day` (Friday's is Monday)."""
    after = day.astype("datetime64[D]") + np.timedelta64(1, "D")
    wd = weekday(after)
    return after + np.where(wd == 5, 2, np.where(wd == 6, 1, 0)).astype("timedelta64[D]")


def _off_slip(practice: Practice) -> Ints:
    """DefNums of the payment types OpenDental leaves off the deposit slip (value 'N')."""
    return np.array(
        [
            practice.def_num(d.category, d.name)
            for d in DEFINITIONS
            if d.category in {"PaymentTypes", "InsurancePaymentType"} and d.value == "N"
        ],
        dtype=np.int64,
    )


def close_out_days(
    cal: Calendar, practice: Practice, keys: KeyCounter, rng: np.random.Generator, out: ChangeSet
) -> None:
    """Each office's day closes with a deposit slip (checks, cash, insurance checks) and a card
    batch; slips go to the bank that day or the next morning. The last days' payments still wait,
    and a few older ones were missed."""
    pay_num, pay_date, pay_amt, pay_type, pay_clinic = inserted(
        out, "payment", "paynum", "paydate", "payamt", "paytype", "clinicnum"
    )
    chk_num, chk_date, chk_amt, chk_type, chk_clinic = inserted(
        out, "claimpayment", "claimpaymentnum", "checkdate", "checkamt", "paytype", "clinicnum"
    )
    cards = np.array([practice.def_num("PaymentTypes", t) for t in CARD_PAYMENT_TYPES])
    n_pay = len(pay_num)
    day = np.concatenate([pay_date, chk_date]).astype("datetime64[D]")
    kind = np.concatenate([np.isin(pay_type, cards), np.zeros(len(chk_num), bool)]).astype(int)
    clinic = np.concatenate([pay_clinic, chk_clinic]).astype(np.int64)
    amount = np.concatenate([pay_amt, chk_amt])
    deposited = (
        ~np.isin(np.concatenate([pay_type, chk_type]), _off_slip(practice))
        & (day <= cal.today - np.timedelta64(UNDEPOSITED_RECENT_DAYS, "D"))
        & (rng.random(len(day)) >= DEPOSIT_MISSED_P)
        & (amount != 0)
    )
    group_key = (clinic * 100_000_000 + day.astype(np.int64) * 10 + kind)[deposited]
    groups, group_of = np.unique(group_key, return_inverse=True)
    n = len(groups)
    slip_day = (groups // 10 % 10_000_000).astype("datetime64[D]")
    is_card = groups % 10 == 1
    deposit_day = np.where(
        ~is_card & (rng.random(n) < DEPOSIT_NEXT_DAY_P), next_business_day(slip_day), slip_day
    )
    num = keys.take("deposit", n)
    accounts = [d.value for d in DEFINITIONS if d.category == "AutoDeposit"]
    f = Frame("deposit", n)
    f.update(
        {
            "DepositNum": num,
            "DateDeposit": deposit_day,
            "BankAccountInfo": np.where(is_card, accounts[0], accounts[-1]).astype(object),
            "Amount": np.round(np.bincount(group_of, weights=amount[deposited], minlength=n), 2),
            "Memo": np.where(is_card, "Card batch", "Deposit slip").astype(object),
            "Batch": np.array(
                [
                    f"{g // 100_000_000}-{str(d).replace('-', '')}-{'C' if c else 'S'}"
                    for g, d, c in zip(groups, slip_day, is_card, strict=True)
                ],
                dtype=object,
            ),
        }
    )
    out.add(f)
    deposit_of = np.zeros(len(day), np.int64)
    deposit_of[deposited] = num[group_of]
    out.amend("payment", pay_num, {"DepositNum": deposit_of[:n_pay]})
    out.amend("claimpayment", chk_num, {"DepositNum": deposit_of[n_pay:]})


def link_payment_plans(
    patients: Patients, visits: Visits, keys: KeyCounter, out: ChangeSet
) -> None:
    """Each payment plan is a dynamic plan linked to the procedures of the visit it finances, the
    plan's amount shared over them by fee (the last link takes the rounding)."""
    if "payplan" not in out.inserts:
        return
    plan_num, plan_pat, plan_date, plan_amt = inserted(
        out, "payplan", "payplannum", "patnum", "payplandate", "completedamt"
    )
    fee = visits.proc_fee * visits.proc_units
    done = np.flatnonzero(visits.completed & (visits.proc_apt > 0) & (fee > 0))
    proc_key = patients.pat_num[visits.proc_patient[done]] * 100_000 + visits.proc_date[
        done
    ].astype(np.int64)
    plan_key = plan_pat.astype(np.int64) * 100_000 + plan_date.astype("datetime64[D]").astype(
        np.int64
    )
    hit = np.isin(proc_key, plan_key)
    procs = done[hit]
    plan_of = np.searchsorted(np.sort(plan_key), proc_key[hit])
    plan_order = np.argsort(plan_key)
    plan_of = plan_order[plan_of]
    share = fee[procs] / np.bincount(plan_of, weights=fee[procs], minlength=len(plan_num))[plan_of]
    amount = np.round(plan_amt[plan_of] * share, 2)
    order = np.lexsort((procs, plan_of))
    procs, plan_of, amount = procs[order], plan_of[order], amount[order]
    last = np.r_[plan_of[1:] != plan_of[:-1], True] if len(plan_of) else np.zeros(0, bool)
    amount[last] += np.round(
        plan_amt - np.bincount(plan_of, weights=amount, minlength=len(plan_num)), 2
    )[plan_of[last]]
    n = len(procs)
    f = Frame("payplanlink", n)
    f.update(
        {
            "PayPlanLinkNum": keys.take("payplanlink", n),
            "PayPlanNum": plan_num[plan_of],
            "LinkType": _LINK.code("Procedure"),
            "FKey": visits.proc_num[procs],
            "AmountOverride": np.round(amount, 2),
        }
    )
    f.stamp(at_minute(plan_date[plan_of].astype("datetime64[D]"), 16 * 60))
    out.add(f)
    # Plans whose charges follow the linked production are OpenDental's dynamic payment plans.
    out.amend("payplan", plan_num, {"IsDynamic": np.ones(len(plan_num), np.int64)})


def keep_verification_history(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    desk_users: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """One history row per verification: before most kept or booked visits, each of the
    patient's coverages is checked a few days ahead; a coverage's latest check is its insverify
    row, copied. Checks of coverages whose insverify row holds no check of the last year keep no
    link to it (InsVerifyNum 0), as the row was overwritten since."""
    (v_num, v_date, v_user, v_type, v_fkey, v_def, v_hours) = inserted(
        out, "insverify", "insverifynum", "datelastverified", "usernum", "verifytype", "fkey",
        "defnum", "hoursavailableforverification",
    )  # fmt: skip
    pp_num, pp_pat = inserted(out, "patplan", "patplannum", "patnum")
    pp_num = pp_num.astype(np.int64)
    enrollment = np.flatnonzero(v_type == _VERIFY.code("PatientEnrollment"))
    # Per coverage: its insverify row (-1 none) and the latest check it holds.
    order = np.argsort(pp_num)
    verify_of = np.full(len(pp_num), -1, np.int64)
    verify_of[order[np.searchsorted(pp_num[order], v_fkey[enrollment])]] = enrollment
    latest = np.where(verify_of >= 0, v_date[np.maximum(verify_of, 0)], cal.today + 1)
    latest = latest.astype("datetime64[D]")
    # Every visit kept or booked, paired with each coverage of its patient.
    pp_patient = patients.index_of(pp_pat.astype(np.int64))
    by_patient = np.argsort(pp_patient, kind="stable")
    first = np.searchsorted(pp_patient[by_patient], np.arange(patients.n))
    count = np.bincount(pp_patient, minlength=patients.n)
    apt = np.flatnonzero(
        (visits.apt_status != UNSCHED)
        & (visits.apt_date <= cal.today + np.timedelta64(VERIFY_DAYS_BEFORE_VISIT[1], "D"))
    )
    n_pairs = count[visits.apt_patient[apt]]
    pair_apt = np.repeat(apt, n_pairs)
    k = np.arange(len(pair_apt)) - np.repeat(np.cumsum(n_pairs) - n_pairs, n_pairs)
    pair_pp = by_patient[first[visits.apt_patient[pair_apt]] + k]
    check_day = business_day(
        visits.apt_date[pair_apt] - days(rng.integers(*VERIFY_DAYS_BEFORE_VISIT, len(pair_apt)))
    )
    checked = (
        (check_day < latest[pair_pp])
        & (check_day <= cal.today)
        & (check_day >= visits.apt_created[pair_apt].astype("datetime64[D]"))
        & (rng.random(len(pair_apt)) < VERIFIED_VISIT_P)
    )
    pair_apt, pair_pp, check_day = pair_apt[checked], pair_pp[checked], check_day[checked]
    n_checks = len(pair_apt)
    when = np.concatenate(
        [
            at_minute(check_day, rng.integers(8 * 60, 16 * 60, n_checks)),
            at_minute(v_date[enrollment].astype("datetime64[D]"), 8 * 60),
        ]
    )
    ins = np.concatenate([verify_of[pair_pp], enrollment])
    linked = ins >= 0
    hours = np.concatenate(
        [(visits.apt_at[pair_apt] - when[:n_checks]) / np.timedelta64(1, "h"),
         v_hours[enrollment]]
    )  # fmt: skip
    users = np.concatenate(
        [desk_users[rng.integers(0, len(desk_users), n_checks)], v_user[enrollment]]
    )
    verified = practice.def_num("InsuranceVerificationStatus", "Verified")
    n = len(ins)
    f = Frame("insverifyhist", n)
    f.update(
        {
            "InsVerifyHistNum": keys.take("insverifyhist", n),
            "InsVerifyNum": np.where(linked, v_num[np.maximum(ins, 0)], 0),
            "DateLastVerified": when.astype("datetime64[D]"),
            "UserNum": users,
            "VerifyType": _VERIFY.code("PatientEnrollment"),
            "FKey": np.concatenate([pp_num[pair_pp], v_fkey[enrollment]]),
            "DefNum": np.concatenate([np.full(n_checks, verified), v_def[enrollment]]),
            "DateLastAssigned": when.astype("datetime64[D]"),
            "HoursAvailableForVerification": np.round(hours, 2),
            "VerifyUserNum": users,
        }
    )
    f.stamp(when)
    out.add(f)
