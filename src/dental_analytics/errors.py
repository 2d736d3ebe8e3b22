"""The one exception type the CLI turns into a single line on stderr and a non-zero exit."""


class DentalError(Exception):
    """A problem the user can act on: bad input, an unreachable database, a failed load.

    Its message is one line, names what was wrong, and never carries row data.
    """
