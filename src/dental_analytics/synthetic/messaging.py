"""The texts and emails behind the communication log: `smstomobile`, `smsfrommobile`,
`emailmessage` and `confirmationrequest`.

Every automated reminder, confirmation request and thank-you the eConnector sent or tried to send
(`automated_messages`) is one message in OpenDental's tables: a text (`smstomobile`, with its
delivery status and charge) or an email (`emailmessage`, sent or failed). Each confirmation request
is also a `confirmationrequest` row whose RSVP status follows what the patient did: confirmed by a
"C" reply or the link, declined or asked for a call when the visit was later broken, expired or
still pending otherwise; failed sends are marked failed. Each reminder's `apptremindersent` row
points at its message (`MessageFk`). The front desk texts and emails patients from OpenDental too,
so each text or email the desk logged in commlog is a message, and each text reply logged in
commlog is a received text (`smsfrommobile`) linked to its commlog entry.

Message text (`MsgText`, `BodyText`) is redacted when the product extracts a real database; the
generator writes the rule's template filled in for the patient and visit, short and generic, so
lengths and message parts stay coherent.

One rule per step, in `build_messages`'s order: `send_texts`, `send_emails`,
`receive_text_replies`, `request_confirmations`, `point_reminders_at_messages`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from dental_analytics.opendental import table
from dental_analytics.synthetic import names
from dental_analytics.synthetic.automated_messages import (
    BY_EMAIL,
    BY_TEXT,
    CONFIRMATION,
    EMAIL_MODE,
    FROM_REMINDER,
    REMINDER,
    RULES,
    TEXT_MODE,
    THANK_YOU,
    TICKS_PER_HOUR,
    AutomatedSends,
)
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
from dental_analytics.synthetic.frame import NO_DATETIME, Frame
from dental_analytics.synthetic.front_office_params import (
    CALLBACK_RSVP_P,
    DELIVERY_UNCONFIRMED_P,
    LINK_CONFIRM_MINUTES,
    NEGATIVE_RSVP_P,
    SMS_CHARGE_PER_PART_USD,
    SMS_PART_CHARS,
)
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.records_params import CONFIRMATION_LEAD_HOURS
from dental_analytics.synthetic.visits import BROKEN, Visits

_SMS_TYPE = table("smstomobile").enum("MsgType")
_SMS_STATUS = table("smstomobile").enum("SmsStatus")
_EMAIL_STATUS = table("emailmessage").enum("SentOrReceived")
_RSVP = table("confirmationrequest").enum("RSVPStatus")
_SEND = table("confirmationrequest").enum("SendStatus")
_COMMLOG_SENT = table("commlog").enum("SentOrReceived")
BY_USER = table("commlog").enum("CommSource").code("User")
SENT, RECEIVED = _COMMLOG_SENT.code("Sent"), _COMMLOG_SENT.code("Received")
DELIVERED, UNCONFIRMED, FAILED = (
    _SMS_STATUS.code(n) for n in ("DeliveryConf", "DeliveryUnconf", "FailNoCharge")
)
_SMS_KIND = {
    REMINDER: _SMS_TYPE.code("Reminder"),
    CONFIRMATION: _SMS_TYPE.code("ConfirmationRequest"),
    THANK_YOU: _SMS_TYPE.code("ApptThankYou"),
}
_EMAIL_KIND = {REMINDER: "EReminder", CONFIRMATION: "EConfirmation", THANK_YOU: "ThankYou"}
_TEXT_FAILED = "Number is not a mobile number or is no longer in service."
_EMAIL_FAILED = "Mailbox unavailable: the address does not exist."
# The front desk's own texts and emails, by the commlog note that records them.
_DESK_TEXT = {
    "Appointment reminder": "Hi [NameF], a reminder of your visit at [ClinicName]. Reply C to "
    "confirm or call [ClinicPhone].",
    "Recall reminder": "Hi [NameF], you are due for a cleaning at [ClinicName]. Call "
    "[ClinicPhone] to book.",
}
_DESK_TEXT_OTHER = "Hi [NameF], this is [ClinicName]. Please call us at [ClinicPhone]."
_DESK_SUBJECT = {
    "Appointment reminder": "Your upcoming visit at [ClinicName]",
    "Recall reminder": "Time for your cleaning at [ClinicName]",
}
_DESK_SUBJECT_OTHER = "A message from [ClinicName]"


@dataclass(frozen=True)
class _Clinics:
    num: Ints  # sorted
    name: Strings
    phone: Strings
    texting_number: Strings
    email: Strings

    def row(self, clinic: Ints) -> Ints:
        return np.searchsorted(self.num, clinic)


def _fill(templates: Strings, tags: dict[str, Strings]) -> Strings:
    """Each row's template with OpenDental's [Tags] replaced by the row's values."""
    out = np.empty(len(templates), dtype=object)
    for i, text in enumerate(templates):
        for tag, values in tags.items():
            text = text.replace(f"[{tag}]", str(values[i]))
        out[i] = text
    return out


def _guids(rng: np.random.Generator, n: int) -> Strings:
    raw = rng.integers(0, 2**63, (n, 2), dtype=np.int64)
    return np.array([f"{a:016x}{b:016x}" for a, b in raw], dtype=object)


@dataclass(frozen=True)
class _Outgoing:
    """Messages to send by one channel, one row each, before they are written."""

    patient: Ints  # patient index
    clinic: Ints
    at: Times
    kind: Ints  # the automated rule's kind (apptreminderrule TypeCur), -1 the front desk's own
    apt: Ints  # appointment index, -1 none
    delivered: Bools
    user: Ints  # the desk user who sent it, 0 the automation
    template: Strings  # the text (or email body) with OpenDental's tags
    subject: Strings  # email subject template ('' for texts)

    @staticmethod
    def concat(parts: list[_Outgoing]) -> _Outgoing:
        return _Outgoing(
            *(
                np.concatenate([getattr(p, f) for p in parts])
                for f in _Outgoing.__dataclass_fields__
            )
        )


def _by_note(note: Strings, by_prefix: dict[str, str], other: str) -> Strings:
    out = np.full(len(note), other, dtype=object)
    for prefix, text in by_prefix.items():
        out[np.char.startswith(note.astype(str), prefix)] = text
    return out


def _outgoing(
    patients: Patients,
    visits: Visits,
    sends: AutomatedSends,
    commlog: pa.Table,
    channel: int,
) -> _Outgoing:
    """The automation's sends by `channel` (text or email) and the front desk's logged ones."""
    pick = np.flatnonzero(sends.channel == channel)
    kind = sends.kind()[pick]
    rule = sends.rule[pick]
    apt = sends.apt[pick]
    field = "sms" if channel == BY_TEXT else "email"
    automated = _Outgoing(
        patient=visits.apt_patient[apt],
        clinic=visits.apt_clinic[apt],
        at=sends.at[pick].astype("datetime64[m]"),
        kind=kind,
        apt=apt,
        delivered=sends.delivered[pick],
        user=np.zeros(len(pick), np.int64),
        template=np.array([getattr(RULES[r], field) for r in rule], dtype=object),
        subject=np.array(
            [RULES[r].subject if channel == BY_EMAIL else "" for r in rule], dtype=object
        ),
    )
    mode = TEXT_MODE if channel == BY_TEXT else EMAIL_MODE
    c = commlog
    desk = np.flatnonzero(
        (c.column("commsource").to_numpy() == BY_USER)
        & (c.column("mode_").to_numpy() == mode)
        & (c.column("sentorreceived").to_numpy() == SENT)
    )
    patient = patients.index_of(c.column("patnum").to_numpy()[desk].astype(np.int64))
    note = c.column("note").to_numpy(zero_copy_only=False)[desk].astype(object)
    body = _by_note(note, _DESK_TEXT, _DESK_TEXT_OTHER)
    by_hand = _Outgoing(
        patient=patient,
        clinic=patients.clinic[patient],
        at=c.column("commdatetime").to_numpy()[desk].astype("datetime64[m]"),
        kind=np.full(len(desk), -1, np.int64),
        apt=np.full(len(desk), -1, np.int64),
        delivered=np.ones(len(desk), bool),
        user=c.column("usernum").to_numpy()[desk].astype(np.int64),
        template=body,
        subject=(
            _by_note(note, _DESK_SUBJECT, _DESK_SUBJECT_OTHER)
            if channel == BY_EMAIL
            else np.full(len(desk), "", dtype=object)
        ),
    )
    return _Outgoing.concat([automated, by_hand])


def _tags(
    o: _Outgoing, visits: Visits, patients: Patients, clinics: _Clinics
) -> dict[str, Strings]:
    row = clinics.row(o.clinic)
    apt_at = visits.apt_at[np.maximum(o.apt, 0)].astype("datetime64[m]")
    return {
        "NameF": np.asarray(patients.frame["FName"])[o.patient],
        "ClinicName": clinics.name[row],
        "ClinicPhone": clinics.phone[row],
        "ApptDate": np.datetime_as_string(apt_at, unit="D").astype(object),
        "ApptTime": np.array([str(t)[11:16] for t in apt_at], dtype=object),
        "ConfirmUrl": np.array(
            [f"https://confirm.example.com/c/{k:x}" for k in range(len(o.at))], dtype=object
        ),
    }


def send_texts(
    o: _Outgoing,
    visits: Visits,
    patients: Patients,
    clinics: _Clinics,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Ints:
    """Write `smstomobile`: one row per text, numbered in time order; return each one's key."""
    n = len(o.at)
    order = np.argsort(o.at, kind="stable")
    num = np.empty(n, np.int64)
    num[order] = keys.take("smstomobile", n)
    text = _fill(o.template, _tags(o, visits, patients, clinics))
    parts = np.array([-(-len(t) // SMS_PART_CHARS) for t in text], dtype=np.int64)
    status = np.where(
        o.delivered,
        np.where(rng.random(n) < DELIVERY_UNCONFIRMED_P, UNCONFIRMED, DELIVERED),
        FAILED,
    )
    sms_type = np.select(
        [o.kind == k for k in _SMS_KIND], list(_SMS_KIND.values()), _SMS_TYPE.code("DirectSms")
    )
    sms_type = np.where(o.kind == -2, _SMS_TYPE.code("ConfirmationAutoReply"), sms_type)
    done = np.asarray(o.at + minutes(1), dtype="datetime64[m]")
    guid = _guids(rng, n)
    f = Frame("smstomobile", n)
    f.update(
        {
            "SmsToMobileNum": num[order],
            "PatNum": patients.pat_num[o.patient][order],
            "GuidMessage": guid[order],
            "GuidBatch": guid[order],
            "SmsPhoneNumber": clinics.texting_number[clinics.row(o.clinic)][order],
            "MobilePhoneNumber": np.asarray(patients.frame["WirelessPhone"])[o.patient][order],
            "IsTimeSensitive": np.isin(o.kind, [REMINDER, CONFIRMATION]).astype(np.int64)[order],
            "MsgType": sms_type[order],
            "MsgText": text[order],
            "SmsStatus": status[order],
            "MsgParts": parts[order],
            "MsgChargeUSD": np.where(status == FAILED, 0.0, parts * SMS_CHARGE_PER_PART_USD)[order],
            "ClinicNum": o.clinic[order],
            "CustErrorText": np.where(status == FAILED, _TEXT_FAILED, "").astype(object)[order],
            "DateTimeSent": o.at[order],
            "DateTimeTerminated": done[order],
        }
    )
    f.stamp(done[order])
    out.add(f)
    return num


def send_emails(
    o: _Outgoing,
    visits: Visits,
    patients: Patients,
    clinics: _Clinics,
    keys: KeyCounter,
    out: ChangeSet,
) -> Ints:
    """Write `emailmessage`: one row per email, numbered in time order; return each one's key."""
    n = len(o.at)
    order = np.argsort(o.at, kind="stable")
    num = np.empty(n, np.int64)
    num[order] = keys.take("emailmessage", n)
    tags = _tags(o, visits, patients, clinics)
    body = _fill(o.template, tags)
    subject = _fill(o.subject, tags)
    msg_type = np.select(
        [o.kind == k for k in _EMAIL_KIND], list(_EMAIL_KIND.values()), "Manual"
    ).astype(object)
    to = np.asarray(patients.frame["Email"])[o.patient]
    sender = clinics.email[clinics.row(o.clinic)]
    f = Frame("emailmessage", n)
    f.update(
        {
            "EmailMessageNum": num[order],
            "PatNum": patients.pat_num[o.patient][order],
            "ToAddress": to[order],
            "FromAddress": sender[order],
            "Subject": subject[order],
            "BodyText": body[order],
            "MsgDateTime": o.at[order],
            "SentOrReceived": np.where(
                o.delivered, _EMAIL_STATUS.code("Sent"), _EMAIL_STATUS.code("SendFailed")
            )[order],
            "PatNumSubj": patients.pat_num[o.patient][order],
            "AptNum": np.where(o.apt >= 0, visits.apt_num[np.maximum(o.apt, 0)], 0)[order],
            "UserNum": o.user[order],
            "MsgType": msg_type[order],
            "FailReason": np.where(o.delivered, "", _EMAIL_FAILED).astype(object)[order],
        }
    )
    f.stamp(o.at[order])
    out.add(f)
    return num


def receive_text_replies(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    sends: AutomatedSends,
    commlog: pa.Table,
    clinics: _Clinics,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Strings:
    """Write `smsfrommobile`: each text reply the commlog records, linked to its entry; return
    the message id of each automated confirmation's reply (in `sends.reply_*` order)."""
    c = commlog
    rows = np.flatnonzero(
        (c.column("mode_").to_numpy() == TEXT_MODE)
        & (c.column("sentorreceived").to_numpy() == RECEIVED)
    )
    n = len(rows)
    pat_num = c.column("patnum").to_numpy()[rows].astype(np.int64)
    at = c.column("commdatetime").to_numpy()[rows].astype("datetime64[m]")
    automated = c.column("commsource").to_numpy()[rows] == FROM_REMINDER
    patient = patients.index_of(pat_num)
    clinic = patients.clinic[patient].copy()
    # An automated confirmation's reply came to the number of the visit's clinic.
    row_of = {
        (int(p), int(t)): i
        for i, (p, t) in enumerate(zip(pat_num, at.astype(np.int64), strict=True))
    }
    reply_pat = patients.pat_num[visits.apt_patient[sends.reply_apt]]
    reply_row = np.array(
        [
            row_of.get((int(p), int(t)), -1)
            for p, t in zip(
                reply_pat, sends.reply_at.astype("datetime64[m]").astype(np.int64), strict=True
            )
        ],
        dtype=np.int64,
    )
    if (reply_row < 0).any():
        raise ValueError("an automated confirmation's reply is missing from the commlog")
    clinic[reply_row] = visits.apt_clinic[sends.reply_apt]
    guid = _guids(rng, n)
    last_day = at.astype("datetime64[D]") >= cal.today
    f = Frame("smsfrommobile", n)
    f.update(
        {
            "SmsFromMobileNum": keys.take("smsfrommobile", n),
            "PatNum": pat_num,
            "ClinicNum": clinic,
            "CommlogNum": c.column("commlognum").to_numpy()[rows].astype(np.int64),
            "MsgText": np.where(automated | (rng.random(n) < 0.5), "C", "Yes, see you then").astype(
                object
            ),
            "DateTimeReceived": at,
            "SmsPhoneNumber": clinics.texting_number[clinics.row(clinic)],
            "MobilePhoneNumber": np.asarray(patients.frame["WirelessPhone"])[patient],
            "MsgPart": 1,
            "MsgTotal": 1,
            "MsgRefID": _guids(rng, n),
            # Read by the front desk, except the last day's.
            "SmsStatus": np.where(last_day, 0, 1),
            "MatchCount": 1,
            "GuidMessage": guid,
        }
    )
    f.stamp(at)
    out.add(f)
    return guid[reply_row]


def request_confirmations(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    sends: AutomatedSends,
    message_num: Ints,
    reply_guid: Strings,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Write `confirmationrequest`: one row per confirmation request sent, with the patient's
    answer (RSVP) as the visit's confirmation status and outcome say."""
    last_moment = at_minute(np.array([cal.today]), 24 * 60 - 1)[0]
    appointments = pa.concat_tables(out.inserts["appointment"])
    confirmed = appointments.column("confirmed").to_numpy() == practice.def_num(
        "ApptConfirmed", "Confirmed"
    )
    s = np.flatnonzero(sends.kind() == CONFIRMATION)
    n = len(s)
    apt = sends.apt[s]
    at = sends.at[s].astype("datetime64[m]")
    apt_at = visits.apt_at[apt].astype("datetime64[m]")
    delivered = sends.delivered[s]
    replied_at = np.full(len(visits.apt_num), NO_DATETIME.astype("datetime64[m]"))
    replied_at[sends.reply_apt] = sends.reply_at
    guid_of = np.full(len(visits.apt_num), "", dtype=object)
    guid_of[sends.reply_apt] = reply_guid
    by_text = replied_at[apt] > NO_DATETIME.astype("datetime64[m]")
    link_at = np.asarray(at + minutes(rng.integers(*LINK_CONFIRM_MINUTES, n)), dtype="M8[m]")
    rsvp_at = np.where(
        by_text, replied_at[apt], np.minimum(link_at, apt_at - np.timedelta64(1, "m"))
    )
    yes = delivered & confirmed[apt] & (rsvp_at <= last_moment)
    draw = rng.random(n)
    broken = delivered & ~yes & (visits.apt_status[apt] == BROKEN)
    no = broken & (draw < NEGATIVE_RSVP_P)
    call_me = broken & ~no & (draw < NEGATIVE_RSVP_P + CALLBACK_RSVP_P)
    answered = yes | no | call_me
    rsvp_at = np.minimum(rsvp_at, last_moment)
    code = _RSVP.code
    status = np.select(
        [~delivered, yes, no, call_me, apt_at <= last_moment],
        [
            code("Failed"),
            code("PositiveRsvp"),
            code("NegativeRsvp"),
            code("Callback"),
            code("Expired"),
        ],
        code("PendingRsvp"),
    )
    f = Frame("confirmationrequest", n)
    f.update(
        {
            "ConfirmationRequestNum": keys.take("confirmationrequest", n),
            "ClinicNum": visits.apt_clinic[apt],
            "PatNum": patients.pat_num[visits.apt_patient[apt]],
            "ApptNum": visits.apt_num[apt],
            "DateTimeConfirmExpire": apt_at,
            "ShortGUID": np.array([g[:10] for g in _guids(rng, n)], dtype=object),
            "ConfirmCode": np.array(
                [f"{k:05d}" for k in rng.integers(0, 100_000, n)], dtype=object
            ),
            "DateTimeEntry": at,
            "DateTimeConfirmTransmit": np.where(delivered, at, NO_DATETIME.astype(at.dtype)),
            "DateTimeRSVP": np.where(answered, rsvp_at, NO_DATETIME.astype(at.dtype)),
            "RSVPStatus": status,
            "ResponseDescript": np.where(
                delivered, "", np.where(sends.channel[s] == BY_TEXT, _TEXT_FAILED, _EMAIL_FAILED)
            ).astype(object),
            "GuidMessageFromMobile": np.where(yes & by_text, guid_of[apt], "").astype(object),
            "ApptDateTime": apt_at,
            "TSPrior": CONFIRMATION_LEAD_HOURS * TICKS_PER_HOUR,
            "SendStatus": np.where(
                delivered, _SEND.code("SendSuccessful"), _SEND.code("SendFailed")
            ),
            "ApptReminderRuleNum": sends.rule_num[s],
            "MessageType": sends.channel[s],
            "MessageFk": message_num[s],
            "DateTimeSent": at,
        }
    )
    out.add(f)


def point_reminders_at_messages(sends: AutomatedSends, message_num: Ints, out: ChangeSet) -> None:
    """Set each `apptremindersent` row's `MessageFk` to the text or email it sent.

    The reminders' sends come first in `sends`, in the order of the `apptremindersent` rows."""
    reminders = np.flatnonzero(sends.kind() == REMINDER)
    sent = pa.concat_tables(out.inserts["apptremindersent"])
    if sent.num_rows != len(reminders) or (reminders != np.arange(len(reminders))).any():
        raise ValueError("apptremindersent rows do not match the automation's reminder sends")
    column = sent.schema.get_field_index("messagefk")
    sent = sent.set_column(
        column, sent.schema.field(column), pa.array(message_num[reminders], pa.int64())
    )
    out.inserts["apptremindersent"] = [sent]


def _clinics(out: ChangeSet, rng: np.random.Generator) -> _Clinics:
    c = pa.concat_tables(out.inserts["clinic"])
    num = c.column("clinicnum").to_numpy().astype(np.int64)
    order = np.argsort(num)
    abbr = c.column("abbr").to_numpy(zero_copy_only=False)[order]
    return _Clinics(
        num=num[order],
        name=c.column("description").to_numpy(zero_copy_only=False)[order].astype(object),
        phone=c.column("phone").to_numpy(zero_copy_only=False)[order].astype(object),
        texting_number=names.phone_numbers(rng, len(num)),
        email=np.array([f"frontdesk.{a.lower()}@practice.example.com" for a in abbr], dtype=object),
    )


def build_messages(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    sends: AutomatedSends,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Write the unit's texts, emails and confirmation requests into `out`.

    Reads the unit's `clinic`, `commlog`, `appointment` and `apptremindersent` rows, so it runs
    after the records.
    """
    clinics = _clinics(out, rng)
    commlog = pa.concat_tables(out.inserts["commlog"])
    texts = _outgoing(patients, visits, sends, commlog, BY_TEXT)
    confirm = next(r for r in RULES if r.kind == CONFIRMATION)
    n_reply = len(sends.reply_apt)
    auto_replies = _Outgoing(
        patient=visits.apt_patient[sends.reply_apt],
        clinic=visits.apt_clinic[sends.reply_apt],
        at=np.asarray(sends.reply_at + minutes(1), dtype="datetime64[m]"),
        kind=np.full(n_reply, -2, np.int64),
        apt=sends.reply_apt,
        delivered=np.ones(n_reply, bool),
        user=np.zeros(n_reply, np.int64),
        template=np.full(n_reply, confirm.auto_reply, dtype=object),
        subject=np.full(n_reply, "", dtype=object),
    )
    text_num = send_texts(
        _Outgoing.concat([texts, auto_replies]), visits, patients, clinics, keys, rng, out
    )
    emails = _outgoing(patients, visits, sends, commlog, BY_EMAIL)
    email_num = send_emails(emails, visits, patients, clinics, keys, out)
    # Each automated send's message: the automated rows come first in each channel's list.
    message_num = np.zeros(len(sends.apt), np.int64)
    by_text, by_email = (
        np.flatnonzero(sends.channel == BY_TEXT),
        np.flatnonzero(sends.channel == BY_EMAIL),
    )
    message_num[by_text] = text_num[: len(by_text)]
    message_num[by_email] = email_num[: len(by_email)]
    reply_guid = receive_text_replies(
        cal, patients, visits, sends, commlog, clinics, keys, rng, out
    )
    request_confirmations(
        cal, practice, patients, visits, sends, message_num, reply_guid, keys, rng, out
    )
    point_reminders_at_messages(sends, message_num, out)
