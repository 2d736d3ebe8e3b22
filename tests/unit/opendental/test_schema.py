"""The schema module holds OpenDental's tables as data (the reference's 57 and 34 more from
OpenDental's schema documentation), and nothing of OpenDental's prose."""

from __future__ import annotations

from importlib import resources

from dental_analytics.opendental import TABLES, table


def test_all_91_tables_and_1622_columns() -> None:
    assert len(TABLES) == 91
    assert sum(len(t.columns) for t in TABLES.values()) == 1622
    extra = {
        "userodpref": 6, "apptreminderrule": 29, "apptremindersent": 13, "deposit": 8,
        "claimtracking": 8, "clockevent": 19, "emailmessage": 22, "confirmationrequest": 21,
    }  # fmt: skip
    assert {name: len(TABLES[name].columns) for name in extra} == extra


def test_tables_from_the_documentation_read_like_the_others() -> None:
    rule, sent, pref = table("apptreminderrule"), table("apptremindersent"), table("userodpref")
    assert rule.primary_key == ("ApptReminderRuleNum",)
    # bool columns hold 0/1 in a tinyint, as the reference's do
    assert rule.column("IsEnabled").is_bool and rule.column("IsEnabled").ddl_type == "tinyint(4)"
    # a TimeSpan kept as ticks is an integer column, not a MySQL time
    assert rule.column("TSPrior").raw_sql_type == "bigint"
    assert "TimeSpanLong" in rule.column("TSPrior").special
    assert rule.column("TemplateSMS").raw_sql_type == "varchar"
    assert rule.enum("TypeCur").code("ConfirmationFutureDay") == 1
    assert rule.enum("TypeCur").code("Undefined") == -1
    assert rule.column("EmailTemplateType").enum_as_string
    assert sent.enum("SendStatus").code("SendSuccessful") == 3

    assert sent.enum("MessageType").code("Email") == 2
    assert "DateTEntry" in sent.column("DateTimeEntry").special
    fks = {c.name: (c.fk_table, c.fk_column, c.fk_in_scope) for c in sent.foreign_keys}
    assert fks == {
        "ApptNum": ("appointment", "AptNum", True),
        "ApptReminderRuleNum": ("apptreminderrule", "ApptReminderRuleNum", True),
        "PatNum": ("patient", "PatNum", True),
        "ClinicNum": ("clinic", "ClinicNum", True),
    }
    hosting = rule.column("EmailHostingTemplateNum")
    assert (hosting.fk_table, hosting.fk_in_scope) == ("emailhostingtemplate", False)
    assert pref.enum("FkeyType").code("ClinicLast") == 1
    assert pref.column("UserNum").fk_table == "userod"


def test_documentation_tables_keep_their_stamps_enums_and_keys() -> None:
    # A MySQL timestamp column is the row-edit stamp an incremental extract follows.
    labcase, tracking = table("labcase"), table("claimtracking")
    assert labcase.stamp_column is not None and labcase.stamp_column.name == "DateTStamp"
    assert labcase.stamp_column.is_row_timestamp and labcase.strategy == "stamp"
    # Enum members without a stated code are numbered as C# numbers them.
    assert tracking.enum("TrackingType").code("StatusHistory") == 0
    assert tracking.column("TrackingType").enum_as_string
    assert table("confirmationrequest").enum("RSVPStatus").code("ApptChanged") == 7
    # A key the XML names by its C# class points at the table the product knows.
    assert tracking.column("UserNum").fk_table == "userod"
    # The reference's keys to tables that came into scope with the documentation's are in scope.
    deposit = table("payment").column("DepositNum")
    assert deposit.fk_in_scope and (deposit.fk_table, deposit.fk_column) == (
        "deposit",
        "DepositNum",
    )
    assert table("insplan").column("FilingCode").fk_table == "insfilingcode"
    # The words of messages are never read from the source.
    assert table("smstomobile").column("MsgText").redacted


def test_every_foreign_key_in_scope_points_at_a_table_in_scope() -> None:
    for t in TABLES.values():
        for column in t.foreign_keys:
            if column.fk_in_scope:
                assert column.fk_table in TABLES, (t.name, column.name)
                assert column.fk_column in TABLES[column.fk_table].by_name, (t.name, column.name)


def test_primary_keys_are_first_columns() -> None:
    for t in TABLES.values():
        assert t.columns[0].name == t.primary_key[0]


def test_raw_types_follow_the_raw_layer_contract() -> None:
    patient = table("patient")
    assert patient.column("PatNum").raw_sql_type == "bigint"
    assert patient.column("PatStatus").raw_sql_type == "smallint"
    assert patient.column("EstBalance").raw_sql_type == "double precision"
    assert patient.column("Birthdate").raw_sql_type == "date"
    assert patient.column("DateTStamp").raw_sql_type == "timestamp"
    assert patient.column("SchedBeforeTime").raw_sql_type == "interval"
    assert patient.column("LName").raw_name == "lname"


def test_enums_carry_codes_and_names() -> None:
    status = table("procedurelog").column("ProcStatus").enum
    assert status is not None
    assert status.code("C") == 2
    assert status.code("TP") == 1


def test_package_copy_leaves_out_opendentals_sentences() -> None:
    text = resources.files("dental_analytics.opendental").joinpath("schema.json").read_text()
    assert '"notes"' not in text
    assert '"summary"' not in text
