"""The insurance desk's follow-up on claims: rejections resent, denials worked, claims chased.

Runs once the unit's claims, their claimprocs and electronic transactions are in `out`, and
reads them there. OpenDental records each change of a claim's custom tracking status as a
claimtracking row (its status from the ClaimCustomTracking definitions, its reason from the
ClaimErrorCode ones) and keeps the latest on the claim (`CustomTracking`). The rules, in order:
a clearinghouse rejection is corrected and resent (`resend_rejected_claims`); a denied claim is
worked, the carrier called and the claim resubmitted or appealed (`work_denials`); a claim
unanswered after a month gets a call each month (`chase_outstanding_claims`); a waiting claim
held for its attachments is tracked as on hold (`track_held_claims`); and rows from the
practice's older version keep the retired statuses (`keep_legacy_statuses`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

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
)
from dental_analytics.synthetic.frame import NO_DATE, Frame
from dental_analytics.synthetic.money_desk import inserted
from dental_analytics.synthetic.money_params import (
    DENIAL_APPEALED_P,
    DENIAL_FOLLOW_UP_P,
    DENIAL_STEP_DAYS,
    LEGACY_ADJUSTMENT_P,
    LEGACY_PROBABLY_SENT_P,
    OUTSTANDING_CALLED_P,
    OUTSTANDING_FOLLOW_UP_DAYS,
    RESEND_DAYS,
)
from dental_analytics.synthetic.practice import Practice

_CP = table("claimproc").enum("Status")
_SUPPLEMENTAL = _CP.code("Supplemental")
# Denial reasons that ask for something to be sent, and the tracking status that sends it.
_SENDS = {"Missing x-rays": "Sent x-rays", "Missing narrative": "Narrative sent"}


@dataclass
class Tracking:
    """Claimtracking rows as the rules add them: claim row, when, status, error code, note."""

    claim: list[Ints] = field(default_factory=list)
    at: list[np.ndarray] = field(default_factory=list)
    status: list[Ints] = field(default_factory=list)
    error: list[Ints] = field(default_factory=list)
    note: list[np.ndarray] = field(default_factory=list)

    def add(self, claim: Ints, on: Days, status: Ints | int, error: Ints | int, note: str) -> None:
        n = len(claim)
        # Later rules' steps come later in the day, so a claim's steps keep their order on a day.
        step = len(self.claim)
        self.claim.append(claim)
        self.at.append(at_minute(on, 8 * 60 + 45 * step + (np.arange(n) * 7) % 30))
        self.status.append(np.broadcast_to(np.asarray(status, np.int64), (n,)))
        self.error.append(np.broadcast_to(np.asarray(error, np.int64), (n,)))
        self.note.append(np.full(n, note, dtype=object))


@dataclass
class Claims:
    """The unit's claim rows, as written, and the changes the follow-up makes to them."""

    num: Ints
    status: np.ndarray
    kind: np.ndarray
    service: Days
    sent: Days
    received: Days
    resent: Days
    estimate: np.ndarray
    paid: np.ndarray

    @classmethod
    def of(cls, out: ChangeSet) -> Claims:
        num, status, kind, service, sent, received, est, paid = inserted(
            out, "claim", "claimnum", "claimstatus", "claimtype", "dateservice", "datesent",
            "datereceived", "inspayest", "inspayamt",
        )  # fmt: skip
        return cls(
            num.astype(np.int64), status.astype(object).copy(), kind, service.astype("datetime64[D]"),
            sent.astype("datetime64[D]").copy(), received.astype("datetime64[D]").copy(),
            np.full(len(num), NO_DATE), est, paid,
        )  # fmt: skip


def follow_up_claims(
    cal: Calendar,
    practice: Practice,
    desk_users: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The follow-up rules over the unit's claims; writes claimtracking and amends the claims'
    status, send date and custom tracking status."""
    claims = Claims.of(out)
    tracking = Tracking()
    resend_rejected_claims(cal, practice, claims, tracking, keys, rng, out)
    work_denials(cal, practice, claims, tracking, rng)
    chase_outstanding_claims(cal, practice, claims, tracking, rng)
    track_held_claims(cal, practice, claims, tracking)
    keep_legacy_statuses(cal, claims, rng, out)
    write_tracking(cal, claims, tracking, desk_users, keys, rng, out)


def _defs(practice: Practice, category: str, names: list[str]) -> Ints:
    return np.array([practice.def_num(category, n) for n in names], dtype=np.int64)


def resend_rejected_claims(
    cal: Calendar,
    practice: Practice,
    claims: Claims,
    tracking: Tracking,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """A claim the clearinghouse rejected is corrected and sent again within days, before the
    carrier's answer: a second electronic transaction, accepted, and a later send date."""
    et_claim, et_ack, et_carrier, et_pat, et_plan, et_sub = inserted(
        out, "etrans", "claimnum", "ackcode", "carriernum", "patnum", "plannum", "inssubnum"
    )
    rejected = np.flatnonzero(et_ack == "R")
    row = np.searchsorted(claims.num, et_claim[rejected])
    resend = business_day(claims.sent[row] + days(rng.integers(*RESEND_DAYS, len(row))))
    ok = (resend <= cal.today) & (
        (claims.received[row] == NO_DATE) | (resend < claims.received[row])
    )
    rejected, row, resend = rejected[ok], row[ok], resend[ok]
    errors = practice.defs("ClaimErrorCode")
    error = errors[rng.integers(0, len(errors), len(row))]
    tracking.add(row, claims.sent[row], practice.def_num("ClaimCustomTracking", "Needs review"),
                 error, "Rejected by the clearinghouse")  # fmt: skip
    tracking.add(row, resend, practice.def_num("ClaimCustomTracking", "Resubmitted"), 0,
                 "Corrected and resent")  # fmt: skip
    claims.sent[row] = resend
    claims.resent[row] = resend
    n = len(row)
    et = Frame("etrans", n)
    et.update(
        {
            "EtransNum": keys.take("etrans", n),
            "DateTimeTrans": at_minute(resend, rng.integers(8 * 60, 18 * 60, n)),
            "Etype": 0,
            "ClaimNum": claims.num[row],
            "CarrierNum": et_carrier[rejected],
            "PatNum": et_pat[rejected],
            "BatchNumber": rng.integers(1, 1000, n),
            "AckCode": "A",
            "PlanNum": et_plan[rejected],
            "InsSubNum": et_sub[rejected],
        }
    )
    out.add(et)


def work_denials(
    cal: Calendar, practice: Practice, claims: Claims, tracking: Tracking, rng: np.random.Generator
) -> None:
    """A denied claim, primary or secondary (answered, nothing paid of a positive estimate), gets
    its reason, a call to the carrier, what was missing sent, then a resubmission or an appeal,
    steps one to two weeks apart, as far as today."""
    denied = np.flatnonzero((claims.status == "R") & (claims.estimate > 0) & (claims.paid <= 0))
    worked = denied[rng.random(len(denied)) < DENIAL_FOLLOW_UP_P]
    n = len(worked)
    reasons = [d for (c, d) in practice.definitions if c == "ClaimErrorCode"]
    reason = np.array(reasons, dtype=object)[rng.integers(0, len(reasons), n)]
    error = _defs(practice, "ClaimErrorCode", list(reason))
    day = claims.received[worked]
    tracking.add(worked, day, practice.def_num("ClaimCustomTracking", "Needs review"), error,
                 "Denied by the carrier")  # fmt: skip
    called = business_day(day + days(rng.integers(*DENIAL_STEP_DAYS, n)))
    tracking.add(worked, called, practice.def_num("ClaimCustomTracking", "Called carrier"), error,
                 "Called the carrier about the denial")  # fmt: skip
    sent = business_day(called + days(rng.integers(*DENIAL_STEP_DAYS, n)))
    sends = np.array([_SENDS.get(r, "") for r in reason], dtype=object)
    needs = sends != ""
    tracking.add(worked[needs], sent[needs],
                 _defs(practice, "ClaimCustomTracking", list(sends[needs])), 0,
                 "Sent what the carrier asked for")  # fmt: skip
    last = business_day(sent + days(rng.integers(*DENIAL_STEP_DAYS, n)))
    appealed = rng.random(n) < DENIAL_APPEALED_P
    final = np.where(appealed, "Appealed", "Resubmitted")
    tracking.add(worked, last, _defs(practice, "ClaimCustomTracking", list(final)), 0,
                 "Closed the denial")  # fmt: skip


def chase_outstanding_claims(
    cal: Calendar, practice: Practice, claims: Claims, tracking: Tracking, rng: np.random.Generator
) -> None:
    """Sent claims still unanswered a month later get a call, and another each month since."""
    out_days = (cal.today - claims.sent).astype(np.int64)
    late = np.flatnonzero(
        np.isin(claims.status, ["S"])
        & (claims.sent != NO_DATE)
        & (out_days >= OUTSTANDING_FOLLOW_UP_DAYS)
        & (rng.random(len(claims.num)) < OUTSTANDING_CALLED_P)
    )
    calls = out_days[late] // OUTSTANDING_FOLLOW_UP_DAYS
    row = np.repeat(late, calls)
    k = np.arange(len(row)) - np.repeat(np.cumsum(calls) - calls, calls) + 1
    on = np.minimum(
        business_day(claims.sent[row] + days(k * OUTSTANDING_FOLLOW_UP_DAYS)), cal.today
    )
    tracking.add(row, on, practice.def_num("ClaimCustomTracking", "Called carrier"), 0,
                 "Claim not answered: called the carrier")  # fmt: skip


def track_held_claims(
    cal: Calendar, practice: Practice, claims: Claims, tracking: Tracking
) -> None:
    """A claim held in process for its attachments (status I, `claims.attachment_hold`) has its
    custom tracking set to "On hold" the day after the visit."""
    held = np.flatnonzero(claims.status == "I")
    on = np.minimum(claims.service[held] + np.timedelta64(1, "D"), cal.today)
    tracking.add(held, on, practice.def_num("ClaimCustomTracking", "On hold"), 0,
                 "Held for x-rays and narrative")  # fmt: skip


def keep_legacy_statuses(
    cal: Calendar, claims: Claims, rng: np.random.Generator, out: ChangeSet
) -> None:
    """Claims from the practice's first months keep the retired statuses of the version they
    were entered in: secondary claims never answered stay probably sent (P), and some primary
    claims later corrected by a supplemental payment stay adjustment (A)."""
    old = claims.service < cal.converted_until
    cp_claim, cp_status = inserted(out, "claimproc", "claimnum", "status")
    corrected = np.isin(claims.num, cp_claim[cp_status == _SUPPLEMENTAL])
    n = len(claims.num)
    probably_sent = (
        old & (claims.kind == "S") & (claims.status == "R") & (claims.paid <= 0)
        & (rng.random(n) < LEGACY_PROBABLY_SENT_P)
    )  # fmt: skip
    adjustment = (
        old & (claims.kind == "P") & (claims.status == "R") & corrected
        & (rng.random(n) < LEGACY_ADJUSTMENT_P)
    )  # fmt: skip
    claims.status[probably_sent] = "P"
    claims.received[probably_sent] = NO_DATE
    claims.status[adjustment] = "A"


def write_tracking(
    cal: Calendar,
    claims: Claims,
    tracking: Tracking,
    desk_users: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The claimtracking rows up to today, in time order, and each claim's latest status."""
    row = np.concatenate(tracking.claim) if tracking.claim else np.zeros(0, np.int64)
    at = np.concatenate(tracking.at) if tracking.at else np.zeros(0, "datetime64[m]")
    status = np.concatenate(tracking.status) if tracking.status else np.zeros(0, np.int64)
    error = np.concatenate(tracking.error) if tracking.error else np.zeros(0, np.int64)
    note = np.concatenate(tracking.note) if tracking.note else np.zeros(0, object)
    keep = np.flatnonzero(at.astype("datetime64[D]") <= cal.today)
    keep = keep[np.lexsort((at[keep], row[keep]))]
    row, at, status, error, note = row[keep], at[keep], status[keep], error[keep], note[keep]
    n = len(row)
    f = Frame("claimtracking", n)
    f.update(
        {
            "ClaimTrackingNum": keys.take("claimtracking", n),
            "ClaimNum": claims.num[row],
            "TrackingType": "StatusHistory",
            "UserNum": desk_users[rng.integers(0, len(desk_users), n)],
            "DateTimeEntry": at,
            "Note": note,
            "TrackingDefNum": status,
            "TrackingErrorDefNum": error,
        }
    )
    out.add(f)
    latest = np.zeros(len(claims.num), np.int64)
    last = np.r_[row[1:] != row[:-1], True] if n else np.zeros(0, bool)
    latest[row[last]] = status[last]
    out.amend(
        "claim",
        claims.num,
        {
            "ClaimStatus": claims.status,
            "DateSent": claims.sent,
            "DateResent": claims.resent,
            "DateReceived": claims.received,
            "CustomTracking": latest,
        },
    )
