"""Reading an OpenDental MySQL/MariaDB database: read-only, one snapshot, bounded memory.

Every statement this module sends is a SELECT, a SET SESSION or a transaction statement: it works
with a user that has SELECT only, and nothing it does can write to the practice's server. A run
reads inside one `START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY` (REPEATABLE READ on
InnoDB: every table as of the same moment, without locks). Rows stream through a server-side
cursor a batch at a time; each row comes as one line of CSV that the server writes
(`CONCAT_WS`), so the client parses one value per row in Python and the rest in Arrow.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
import pyarrow.compute as pc
import pymysql
import pymysql.converters
import pymysql.cursors

from dental_analytics.errors import DentalError
from dental_analytics.extract.decode import decode_rows
from dental_analytics.opendental.policy import REDACTED_VALUE
from dental_analytics.opendental.schema import TABLES, Column, Table
from dental_analytics.warehouse.reasons import mysql_reason
from dental_analytics.warehouse.url import Target

PASSWORD_ENV = "DENTAL_SOURCE_PASSWORD"
_CONNECT_TIMEOUT_SECONDS = 10
BATCH_ROWS = 20_000
# Key values per row of a key scan; GROUP_CONCAT's limit is raised to hold them.
KEYS_PER_ROW = 10_000


@dataclass(frozen=True)
class SourceOptions:
    """How to reach the source and how much to wait for it."""

    # A MySQL option file ([client] user, password, host, port); ~/.my.cnf when it exists.
    option_file: Path | None = None
    # Seconds to wait for each batch of rows (a socket read), never for a whole table.
    batch_timeout: int = 300
    batch_rows: int = BATCH_ROWS


@dataclass
class SourceSchema:
    """What the source has of the schema module's tables, found before anything is read."""

    missing_tables: list[str] = field(default_factory=list)
    missing_columns: dict[str, list[str]] = field(default_factory=dict)  # table -> columns
    unknown_columns: dict[str, list[str]] = field(default_factory=dict)  # table -> columns

    def lacks(self, table: str) -> str | None:
        """Why `table` cannot be read as the schema module declares it, or None if it can."""
        if table in self.missing_tables:
            return f"the source has no table {table}"
        columns = self.missing_columns.get(table)
        if columns:
            return f"the source's {table} has no column {', '.join(columns)}"
        return None


class MySQLSource:
    """One run's read-only connection to an OpenDental database, inside one snapshot."""

    def __init__(self, target: Target, options: SourceOptions | None = None) -> None:
        self.target = target
        self.options = options or SourceOptions()
        self._conn = _connect(target, self.options)
        self._begin_snapshot()

    @property
    def name(self) -> str:
        """The source as recorded in `raw.etl_load_status`: host, port and database, no user."""
        return f"mysql://{self.target.host}:{self.target.port}/{self.target.database}"

    def close(self) -> None:
        try:
            with self._cursor() as cur:
                cur.execute("ROLLBACK")  # ends the read-only transaction; writes nothing
        except pymysql.MySQLError:
            pass
        finally:
            self._conn.close()

    def reconnect(self) -> None:
        """A new connection and a new snapshot, after the old connection was lost."""
        with contextlib.suppress(pymysql.MySQLError):
            self._conn.close()
        self._conn = _connect(self.target, self.options)
        self._begin_snapshot()

    @property
    def is_connected(self) -> bool:
        return bool(self._conn.open)

    def schema(self) -> SourceSchema:
        """Compare the source's tables and columns with the schema module's."""
        rows = self._fetchall(
            "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
            " WHERE TABLE_SCHEMA = %s",
            (self.target.database,),
        )
        present: dict[str, set[str]] = {}
        for table_name, column_name in rows:
            present.setdefault(_text(table_name).lower(), set()).add(_text(column_name).lower())
        found = SourceSchema()
        for name, table in TABLES.items():
            columns = present.get(name)
            if columns is None:
                found.missing_tables.append(name)
                continue
            known = {c.raw_name for c in table.columns}
            missing = [c.name for c in table.columns if c.raw_name not in columns]
            unknown = sorted(columns - known)
            if missing:
                found.missing_columns[name] = missing
            if unknown:
                found.unknown_columns[name] = unknown
        return found

    def read_keys(self, table: Table) -> Iterator[pa.Array]:
        """Every primary key of `table`, in batches (a key-only scan of the key's index).

        The server packs each run of `KEYS_PER_ROW` consecutive key values into one row, so the
        client reads a row per thousands of keys rather than one per key.
        """
        key = f"`{table.key.name}`"
        sql = (
            f"SELECT GROUP_CONCAT({key} SEPARATOR ',') FROM `{table.name}`"
            f" GROUP BY {key} DIV {KEYS_PER_ROW}"
        )
        for rows in self._stream(sql, ()):
            text = pa.array([r[0] for r in rows], type=pa.binary()).cast(pa.string())
            yield pc.list_flatten(pc.split_pattern(text, ",")).cast(pa.int64())

    def read_rows(
        self,
        table: Table,
        *,
        stamp_from: dt.datetime | None = None,
        key_above: int | None = None,
        keys: list[int] | None = None,
        keep: frozenset[str] = frozenset(),
        notes: Counter[str] | None = None,
    ) -> Iterator[pa.Table]:
        """`table`'s rows in the raw shape, in batches: all, edited since `stamp_from`, with a
        key above `key_above`, or with one of `keys`. Redacted columns arrive as null unless named in `keep`
        (`table.Column`); they are never read from the server. What decoding changed is
        counted in `notes` (see `decode.decode_rows`).
        """
        where, params = "", cast(tuple[Any, ...], ())
        if stamp_from is not None and table.stamp_column is not None:
            where, params = f" WHERE `{table.stamp_column.name}` >= %s", (stamp_from,)
        elif key_above is not None:
            where, params = f" WHERE `{table.key.name}` > %s", (key_above,)
        elif keys is not None:
            where = f" WHERE `{table.key.name}` IN ({', '.join(str(int(k)) for k in keys)})"
        expressions = ", ".join(_csv_expression(table, c, keep) for c in table.columns)
        sql = f"SELECT CONCAT_WS(',', {expressions}) FROM `{table.name}`{where}"
        for rows in self._stream(sql, params):
            yield decode_rows(table, [r[0] for r in rows], notes)

    def _begin_snapshot(self) -> None:
        with self._cursor() as cur:
            cur.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cur.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY")

    def _stream(self, sql: str, params: tuple[Any, ...]) -> Iterator[list[tuple[Any, ...]]]:
        with self._cursor(server_side=True) as cur:
            _execute(cur, sql, params)
            while True:
                try:
                    rows = cur.fetchmany(self.options.batch_rows)
                except pymysql.MySQLError as error:
                    raise _source_error(error) from error
                if not rows:
                    return
                yield list(rows)

    def _fetchall(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._cursor() as cur:
            _execute(cur, sql, params)
            return list(cur.fetchall())

    def _cursor(self, *, server_side: bool = False) -> pymysql.cursors.Cursor:
        kind = pymysql.cursors.SSCursor if server_side else pymysql.cursors.Cursor
        return self._conn.cursor(kind)


class SourceError(DentalError):
    """The source failed or the connection to it was lost (the run may reconnect)."""


def _execute(cur: pymysql.cursors.Cursor, sql: str, params: tuple[Any, ...]) -> None:
    try:
        cur.execute(sql, params or None)
    except pymysql.MySQLError as error:
        raise _source_error(error) from error


def _source_error(error: pymysql.MySQLError) -> SourceError:
    return SourceError(f"the source failed: {mysql_reason(error)}")


def _csv_expression(table: Table, column: Column, keep: frozenset[str]) -> str:
    """The server-side expression that writes one column as a CSV field.

    NULL becomes an empty unquoted field; text is converted to utf8mb4 (so latin1 tables arrive
    as Unicode), quoted, with quotes doubled. A redacted column's value never leaves the server:
    the field says only whether there was one (`REDACTED_VALUE`, or NULL for none).
    """
    name = f"`{column.name}`"
    if column.redacted and f"{table.name}.{column.name}" not in keep:
        if column.kind != "string":
            return "''"
        return f"""IF(IFNULL({name}, '') = '', '', '"{REDACTED_VALUE}"')"""
    if column.kind == "string":
        return (
            f"""IFNULL(CONCAT('"', REPLACE(CONVERT({name} USING utf8mb4), '"', '""'), '"'), '')"""
        )
    return f"IFNULL({name}, '')"


def _connect(target: Target, options: SourceOptions) -> pymysql.connections.Connection:
    """Open a connection whose rows come back as bytes (Arrow decodes them), UTC session."""
    where = f"MySQL at {target.host}:{target.port}"
    option_file = options.option_file
    if option_file is None and (Path.home() / ".my.cnf").is_file():
        option_file = Path.home() / ".my.cnf"
    if option_file is not None and not option_file.is_file():
        raise DentalError(f"MySQL option file {option_file} does not exist")
    kwargs: dict[str, Any] = {
        "host": target.host,
        "port": target.port or 3306,
        "user": target.user,
        "database": target.database,
        "charset": "utf8mb4",
        "use_unicode": False,
        # Encoders only: parameters are escaped as usual, results stay bytes for Arrow.
        "conv": dict(pymysql.converters.encoders),
        "autocommit": False,
        "connect_timeout": _CONNECT_TIMEOUT_SECONDS,
        "read_timeout": options.batch_timeout,
        "init_command": "SET SESSION time_zone = '+00:00', group_concat_max_len = 1048576",
    }
    password = target.password if target.password is not None else os.environ.get(PASSWORD_ENV)
    if password is not None:
        kwargs["password"] = password
    if option_file is not None:
        # The [client] group fills in what the URL leaves out (the password, typically).
        kwargs["read_default_file"] = str(option_file)
        kwargs["read_default_group"] = "client"
    try:
        return pymysql.connect(**kwargs)
    except pymysql.MySQLError as error:
        raise DentalError(f"cannot read from {where}: {mysql_reason(error)}") from error


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes | bytearray) else str(value)
