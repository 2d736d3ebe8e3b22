"""One-line reasons for failed loads, fit for a `DentalError` and for `raw.etl_load_status.error`.

Database drivers put the offending value in their messages (`invalid input syntax for type date:
"..."`); patient data must not reach error messages or the status table (DESIGN.md,
"Principles"), so quoted literals are elided before a driver's message is used.
"""

from __future__ import annotations

import re

from dental_analytics.errors import DentalError

_MAX_LENGTH = 300
# A quoted literal: '...' or "..." (with SQL's doubled-quote escape inside).
_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
# Quoted text right after these words names a thing, not a value, and is kept.
_NAMES_FOLLOW = (
    "column ",
    "relation ",
    "table ",
    "type ",
    "encoding ",
    "schema ",
    "database ",
    "role ",
    "user ",
    "file ",
    "host ",
)


def first_line(text: str) -> str:
    """The first non-blank line of `text`, stripped and cut to a readable length."""
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= _MAX_LENGTH else line[: _MAX_LENGTH - 1] + "…"
    return ""


def without_values(text: str) -> str:
    """`text` on one line with quoted values replaced by `'…'` (quoted names are kept)."""

    def elide(match: re.Match[str]) -> str:
        before = match.string[: match.start()].lower()
        return match.group(0) if before.endswith(_NAMES_FOLLOW) else "'…'"

    return _QUOTED.sub(elide, first_line(text))


def describe(error: BaseException) -> str:
    """A one-line reason for `error`: a `DentalError`'s own message, else its type and message.

    Engine modules wrap driver errors in `DentalError` (values already elided); anything else
    (an exception raised by the batch stream, say) is described by its type and first line.
    """
    if isinstance(error, DentalError):
        return first_line(str(error))
    if isinstance(error, KeyboardInterrupt):
        return "interrupted"
    message = first_line(str(error))
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def mysql_reason(error: Exception) -> str:
    """A MySQL driver error's reason (the server's, or the socket's, e.g. 'connection refused'),
    on one line, without quoted values."""
    args = error.args
    message = str(args[1]) if len(args) > 1 else str(error)
    # 2003 "Can't connect to MySQL server on 'host' ([Errno 111] Connection refused)"
    socket_error = re.search(r"\((?:\[Errno -?\d+\] )?([^()]*)\)\s*$", message)
    if args and args[0] == 2003 and socket_error:
        message = socket_error.group(1)
    message = first_line(message)
    return without_values(message[:1].lower() + message[1:]) if message else "unknown error"
