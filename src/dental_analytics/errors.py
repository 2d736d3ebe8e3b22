"""The one exception type the CLI turns into a single line on stderr and a non-zero exit."""


class DentalError(Exception):
    """A problem the user can act on: bad input, an unreachable database, a failed load.

    Its message is one line, names what was wrong, and never carries row data.
    """

    # The process's exit status when the CLI reports it: 1 unless a command says otherwise.
    exit_code: int = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code
