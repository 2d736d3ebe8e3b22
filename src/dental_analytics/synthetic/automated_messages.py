"""The practice's automated messaging (OpenDental's eReminders, eConfirmations and thank-yous).

Each clinic keeps a few rules (`apptreminderrule`): a reminder two days ahead, a same-day
reminder (turned on at some clinics only), a confirmation request three days ahead and a thank-you
when a visit is booked, each with short text and email templates built from OpenDental's template
tags. Since the practice turned automation on (`AUTOMATED_MESSAGING_MONTHS` before the as-of
date), the eConnector sends them to every patient it can reach: by text where texting is allowed
and the patient has a cell phone, else by email. Each reminder sent is one `apptremindersent` row;
a visit cancelled in answer to its messages had them while it was booked. Each message that went
out leaves a commlog entry with the automation as its source, which the
communications step adds to the log beside the front desk's own entries.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dental_analytics.opendental import table
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Bools,
    Calendar,
    Ints,
    KeyCounter,
    Strings,
    Times,
    at_minute,
    minutes,
)
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.patients import Chart, Patients
from dental_analytics.synthetic.records_params import (
    AUTOMATED_CONFIRM_REPLY_P,
    AUTOMATED_MESSAGING_MONTHS,
    AUTOMATED_SEND_DELAY_MINUTES,
    AUTOMATED_SEND_FAILED_P,
    AUTOMATED_SEND_HOURS,
    CANCELLED_AFTER_REMINDER_P,
    CONFIRMATION_LEAD_HOURS,
    REMINDER_LEAD_HOURS,
    SAME_DAY_REMINDER_CHANNELS,
    SAME_DAY_REMINDER_ENABLED_P,
    SAME_DAY_REMINDER_LEAD_HOURS,
    THANK_YOU_CHANNELS,
    THANK_YOU_NOT_WITHIN_HOURS,
)
from dental_analytics.synthetic.visits import UNSCHED, Visits

_RULE = table("apptreminderrule")
_TYPE = _RULE.enum("TypeCur")
_STATUS = table("apptremindersent").enum("SendStatus")
_CHANNEL = table("apptremindersent").enum("MessageType")
_SOURCE = table("commlog").enum("CommSource")
_TEXT_OK = table("patient").enum("TxtMsgOk")
_MODE = table("commlog").enum("Mode_")
REMINDER, CONFIRMATION, THANK_YOU = (
    _TYPE.code(n) for n in ("Reminder", "ConfirmationFutureDay", "ScheduleThankYou")
)
SENT_OK, SEND_FAILED = _STATUS.code("SendSuccessful"), _STATUS.code("SendFailed")
BY_TEXT, BY_EMAIL = _CHANNEL.code("Text"), _CHANNEL.code("Email")
FROM_REMINDER, FROM_THANK_YOU = _SOURCE.code("ApptReminder"), _SOURCE.code("ApptThankYou")
TEXT_MODE, EMAIL_MODE = _MODE.code("Text"), _MODE.code("Email")

TICKS_PER_HOUR = 36_000_000_000  # a .NET TimeSpan counts 100-nanosecond ticks
_SEND_ORDER = "1,2"  # OpenDental's CommType codes: text first, else email


@dataclass(frozen=True)
class _RuleSpec:
    kind: int
    lead_hours: int
    not_within_hours: int
    sms: str
    subject: str
    email: str
    auto_reply: str = ""
    channels: str = "text_and_email"  # which templates the rule has: text, email or both

    @property
    def sms_template(self) -> str:
        return self.sms if self.channels != "email" else ""

    @property
    def email_templates(self) -> tuple[str, str]:
        return (self.subject, self.email) if self.channels != "text" else ("", "")


# The team's templates: short, no clinical detail, OpenDental's tags in brackets.
_RULES = (
    _RuleSpec(
        REMINDER,
        REMINDER_LEAD_HOURS,
        0,
        "Hi [NameF], this is a reminder of your appointment at [ClinicName] on [ApptDate] at "
        "[ApptTime]. Questions? Call [ClinicPhone].",
        "Appointment reminder from [ClinicName]",
        "Hi [NameF],\n\nWe look forward to seeing you on [ApptDate] at [ApptTime].\n\n"
        "[ClinicName]\n[ClinicPhone]",
    ),
    _RuleSpec(
        REMINDER,
        SAME_DAY_REMINDER_LEAD_HOURS,
        0,
        "[NameF], see you today at [ApptTime] at [ClinicName].",
        "See you today at [ApptTime]",
        "Hi [NameF],\n\nA reminder that your appointment is today at [ApptTime].\n\n[ClinicName]",
        channels=SAME_DAY_REMINDER_CHANNELS,
    ),
    _RuleSpec(
        CONFIRMATION,
        CONFIRMATION_LEAD_HOURS,
        0,
        "Hi [NameF], please confirm your appointment on [ApptDate] at [ApptTime]: reply C to "
        "confirm or call [ClinicPhone].",
        "Please confirm your appointment on [ApptDate]",
        "Hi [NameF],\n\nPlease confirm your appointment on [ApptDate] at [ApptTime]: "
        "[ConfirmUrl]\n\n[ClinicName]",
        "Thank you, [NameF]. Your appointment on [ApptDate] is confirmed.",
    ),
    _RuleSpec(
        THANK_YOU,
        0,
        THANK_YOU_NOT_WITHIN_HOURS,
        "Thanks for scheduling with [ClinicName], [NameF]! We will see you on [ApptDate] at "
        "[ApptTime].",
        "Thank you for scheduling with [ClinicName]",
        "Hi [NameF],\n\nThank you for scheduling. Your appointment is on [ApptDate] at "
        "[ApptTime].\n\n[ClinicName]\n[ClinicPhone]",
        channels=THANK_YOU_CHANNELS,
    ),
)
_TWO_DAY, _SAME_DAY, _CONFIRM, _THANKS = range(len(_RULES))
RULES = _RULES  # the rules' templates, which the messages step fills in for each message
_NOTE = {
    (_TWO_DAY, TEXT_MODE): "Automated appointment reminder sent by text.",
    (_TWO_DAY, EMAIL_MODE): "Automated appointment reminder sent by email.",
    (_SAME_DAY, TEXT_MODE): "Automated same-day reminder sent by text.",
    (_SAME_DAY, EMAIL_MODE): "Automated same-day reminder sent by email.",
    (_CONFIRM, TEXT_MODE): "Automated confirmation request sent by text.",
    (_CONFIRM, EMAIL_MODE): "Automated confirmation request sent by email.",
    (_THANKS, TEXT_MODE): "Automated thank-you for scheduling sent by text.",
    (_THANKS, EMAIL_MODE): "Automated thank-you for scheduling sent by email.",
}
_FAILED_NOTE = {BY_TEXT: "Text not delivered: number unreachable.", BY_EMAIL: "Email bounced."}


@dataclass(frozen=True)
class AutomatedSends:
    """Every message the automation sent or tried to send, and the text replies to them."""

    rule: Ints  # index into the rules: two-day reminder, same-day reminder, confirmation, thanks
    rule_num: Ints  # the clinic's ApptReminderRuleNum
    apt: Ints  # appointment index
    at: Times
    channel: Ints  # apptremindersent MessageType: text or email
    delivered: Bools
    reply_apt: Ints  # appointment index of each confirmation answered "C" by text
    reply_at: Times

    def kind(self) -> Ints:
        """The rule's kind (apptreminderrule TypeCur) of each send."""
        return np.array([r.kind for r in _RULES], dtype=np.int64)[self.rule]


@dataclass(frozen=True)
class AutomatedMessages:
    """The commlog entries automated messages leave, and the visits the automation reminded."""

    patient: Ints  # patient index
    at: Times
    mode: Ints  # commlog Mode_
    sent: Bools  # True: sent to the patient; False: the patient's reply
    source: Ints  # commlog CommSource
    note: Strings
    reminded: Bools  # per appointment: a reminder or confirmation request reached the patient
    sends: AutomatedSends


def reachable_by(chart: Chart, channels: str = "text_and_email") -> Ints:
    """The channel the automation uses per patient of `chart` for a rule with templates for
    `channels`: text, else email, else 0 (not reachable)."""
    cell = np.asarray(chart["WirelessPhone"]) != ""
    texting = (np.asarray(chart["TxtMsgOk"]) != _TEXT_OK.code("No")) & cell
    email = np.asarray(chart["Email"]) != ""
    texting &= channels != "email"
    email &= channels != "text"
    return np.where(texting, BY_TEXT, np.where(email, BY_EMAIL, 0)).astype(np.int64)


def _rules(
    clinics: Ints, keys: KeyCounter, rng: np.random.Generator, out: ChangeSet
) -> tuple[Ints, Bools]:
    """Write each clinic's rules; return their keys (clinic x rule) and whether each is on."""
    n_clinics, n_rules = len(clinics), len(_RULES)
    n = n_clinics * n_rules
    nums = keys.take("apptreminderrule", n).reshape(n_clinics, n_rules)
    enabled = np.ones((n_clinics, n_rules), dtype=bool)
    enabled[:, _SAME_DAY] = rng.random(n_clinics) < SAME_DAY_REMINDER_ENABLED_P
    spec = [_RULES[i % n_rules] for i in range(n)]

    def each(field: str) -> np.ndarray:
        return np.array([getattr(s, field) for s in spec], dtype=object)

    f = Frame("apptreminderrule", n)
    f.update(
        {
            "ApptReminderRuleNum": nums.ravel(),
            "TypeCur": np.array([s.kind for s in spec], dtype=np.int64),
            "TSPrior": np.array([s.lead_hours for s in spec], dtype=np.int64) * TICKS_PER_HOUR,
            "SendOrder": _SEND_ORDER,
            "TemplateSMS": np.array([s.sms_template for s in spec], dtype=object),
            "TemplateEmailSubject": np.array([s.email_templates[0] for s in spec], dtype=object),
            "TemplateEmail": np.array([s.email_templates[1] for s in spec], dtype=object),
            "ClinicNum": np.repeat(clinics, n_rules),
            "TemplateSMSAggShared": "Hi [NameF], reminders from [ClinicName]: [Appts]",
            "TemplateSMSAggPerAppt": "[NameF] on [ApptDate] at [ApptTime]",
            "TemplateEmailSubjAggShared": "Upcoming appointments at [ClinicName]",
            "TemplateEmailAggShared": "Hi [NameF],\n\nYour family's appointments:\n[Appts]",
            "TemplateEmailAggPerAppt": "[NameF]: [ApptDate] at [ApptTime]",
            "DoNotSendWithin": np.array([s.not_within_hours for s in spec], dtype=np.int64)
            * TICKS_PER_HOUR,
            "IsEnabled": enabled.ravel().astype(np.int64),
            "TemplateAutoReply": each("auto_reply"),
            "IsAutoReplyEnabled": (each("auto_reply") != "").astype(np.int64),
            "EmailTemplateType": "Regular",
            "AggEmailTemplateType": "Regular",
        }
    )
    out.add(f)
    return nums, enabled


def _send_time(lead_to: Times, hours: int, rng: np.random.Generator) -> Times:
    """When the eConnector sends a message due `hours` before `lead_to`: inside its send hours."""
    due = lead_to - np.timedelta64(hours, "h").astype("timedelta64[m]")
    day = due.astype("datetime64[D]")
    first, last = (at_minute(day, h * 60) for h in AUTOMATED_SEND_HOURS)
    return np.clip(due, first, last) + minutes(
        rng.integers(*AUTOMATED_SEND_DELAY_MINUTES, len(due))
    )


def build_automated_messages(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    clinics: Ints,
    confirmed: Bools,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> AutomatedMessages:
    """Write `apptreminderrule` and `apptremindersent` into `out`; return the commlog entries.

    `confirmed` says per appointment whether the patient confirmed it (its Confirmed status).
    """
    rule_num, enabled = _rules(clinics, keys, rng, out)
    clinic_row = np.searchsorted(clinics, visits.apt_clinic)
    started = at_minute(
        np.array([cal.today - np.timedelta64(AUTOMATED_MESSAGING_MONTHS * 365 // 12, "D")]), 0
    )[0]
    last_moment = at_minute(np.array([cal.today]), 24 * 60 - 1)[0]
    apt_at = visits.apt_at.astype("datetime64[m]")
    created = visits.apt_created.astype("datetime64[m]")
    # Per rule and appointment: the channel the rule reaches the patient by (0: none).
    channel_of = {
        c: reachable_by(patients.frame, c)[visits.apt_patient] for c in {r.channels for r in _RULES}
    }
    channel = np.stack([channel_of[r.channels] for r in _RULES])
    mode = np.where(channel == BY_TEXT, TEXT_MODE, EMAIL_MODE)
    # Cancelled (unscheduled-list) visits are mostly taken off the schedule before anything goes
    # out; some are cancelled in answer to the messages, which went out while they were booked.
    after_reminder = visits.apt_status == UNSCHED
    after_reminder &= rng.spawn(1)[0].random(len(after_reminder)) < CANCELLED_AFTER_REMINDER_P
    eligible = (channel > 0) & ((visits.apt_status != UNSCHED) | after_reminder)

    sends: list[tuple[int, Ints, Times]] = []  # (rule index, appointment index, sent at)
    for i, spec in enumerate(_RULES):
        at: Times
        if spec.kind == THANK_YOU:
            delay = minutes(rng.integers(*AUTOMATED_SEND_DELAY_MINUTES, len(created)) + 1)
            at = np.asarray(created + delay, dtype="datetime64[m]")
            ok = (apt_at - created) > np.timedelta64(spec.not_within_hours, "h")
        else:
            at = _send_time(apt_at, spec.lead_hours, rng)
            ok = (at > created) & (at < apt_at)
        ok &= eligible[i] & enabled[clinic_row, i] & (at >= started) & (at <= last_moment)
        apt = np.flatnonzero(ok)
        sends.append((i, apt, at[apt]))

    # --- apptremindersent: one row per reminder rule send ------------------------------------
    reminder_sends = [(i, a, t) for i, a, t in sends if _RULES[i].kind == REMINDER]
    r_rule = np.concatenate([np.full(len(a), i) for i, a, _ in reminder_sends])
    r_apt = np.concatenate([a for _, a, _ in reminder_sends])
    r_at = np.concatenate([t for _, _, t in reminder_sends])
    order = np.lexsort((r_rule, r_at))
    r_rule, r_apt, r_at = r_rule[order], r_apt[order], r_at[order]
    n = len(r_apt)
    failed = rng.random(n) < AUTOMATED_SEND_FAILED_P
    r_channel = channel[r_rule, r_apt]
    lead = np.array([s.lead_hours for s in _RULES], dtype=np.int64)[r_rule]
    f = Frame("apptremindersent", n)
    f.update(
        {
            "ApptReminderSentNum": keys.take("apptremindersent", n),
            "ApptNum": visits.apt_num[r_apt],
            "ApptDateTime": apt_at[r_apt],
            "DateTimeSent": r_at,
            "TSPrior": lead * TICKS_PER_HOUR,
            "ApptReminderRuleNum": rule_num[clinic_row[r_apt], r_rule],
            "PatNum": patients.pat_num[visits.apt_patient[r_apt]],
            "ClinicNum": visits.apt_clinic[r_apt],
            "SendStatus": np.where(failed, SEND_FAILED, SENT_OK),
            "MessageType": r_channel,
            "ResponseDescript": np.where(
                failed,
                np.where(r_channel == BY_TEXT, _FAILED_NOTE[BY_TEXT], _FAILED_NOTE[BY_EMAIL]),
                "",
            ).astype(object),
        }
    )
    f.stamp(r_at)
    out.add(f)

    # --- the commlog entries: every message that went out, and replies to confirmations ------
    log = _Entries(mode)
    for i in (_TWO_DAY, _SAME_DAY):
        rows = ~failed & (r_rule == i)
        log.add(i, r_apt[rows], r_at[rows])
    reminded = np.zeros(len(visits.apt_num), dtype=bool)
    reminded[r_apt[~failed]] = True
    attempts = [(r_rule, r_apt, r_at, ~failed)]
    replies: list[tuple[Ints, Times]] = []
    for i, apt, at in sends:
        if _RULES[i].kind == REMINDER:
            continue
        ok = rng.random(len(apt)) >= AUTOMATED_SEND_FAILED_P
        attempts.append((np.full(len(apt), i), apt, at, ok))
        apt, at = apt[ok], at[ok]
        log.add(i, apt, at)
        if i != _CONFIRM:
            continue
        reminded[apt] = True
        # A confirmed visit's text request is answered "C"; the reply is logged too.
        reply_at: Times = np.asarray(at + minutes(rng.integers(5, 180, len(apt))), dtype="M8[m]")
        replied = (
            confirmed[apt]
            & (mode[i, apt] == TEXT_MODE)
            & (reply_at < apt_at[apt])
            & (reply_at <= last_moment)
            & (rng.random(len(apt)) < AUTOMATED_CONFIRM_REPLY_P)
        )
        log.add(i, apt[replied], reply_at[replied], reply=True)
        replies.append((apt[replied], reply_at[replied]))
    rule, apt, at, delivered = (np.concatenate([a[k] for a in attempts]) for k in range(4))
    automated = AutomatedSends(
        rule=rule.astype(np.int64),
        rule_num=rule_num[clinic_row[apt], rule],
        apt=apt,
        at=at,
        channel=channel[rule, apt],
        delivered=delivered,
        reply_apt=np.concatenate([r[0] for r in replies] or [np.zeros(0, np.int64)]),
        reply_at=np.concatenate([r[1] for r in replies] or [np.zeros(0, "datetime64[m]")]),
    )
    return log.messages(visits, reminded, automated)


class _Entries:
    """Commlog entries of automated messages, collected rule by rule."""

    def __init__(self, mode: Ints) -> None:
        self.mode = mode  # per rule and appointment: the channel's commlog mode
        self.parts: list[tuple[Ints, Times, Ints, Bools, Ints, Strings]] = []

    def add(self, rule: int, apt: Ints, at: Times, *, reply: bool = False) -> None:
        n = len(apt)
        mode = np.full(n, TEXT_MODE) if reply else self.mode[rule, apt]
        source = FROM_THANK_YOU if rule == _THANKS else FROM_REMINDER
        if reply:
            note = np.full(n, "Patient confirmed by text reply.", dtype=object)
        else:
            note = np.where(mode == TEXT_MODE, _NOTE[rule, TEXT_MODE], _NOTE[rule, EMAIL_MODE])
        self.parts.append(
            (apt, at, mode, np.full(n, not reply), np.full(n, source), note.astype(object))
        )

    def messages(self, visits: Visits, reminded: Bools, sends: AutomatedSends) -> AutomatedMessages:
        apt, at, mode, sent, source, note = (
            np.concatenate([p[k] for p in self.parts]) for k in range(6)
        )
        return AutomatedMessages(
            patient=visits.apt_patient[apt],
            at=at,
            mode=mode.astype(np.int64),
            sent=sent,
            source=source.astype(np.int64),
            note=note,
            reminded=reminded,
            sends=sends,
        )
