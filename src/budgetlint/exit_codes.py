from enum import IntEnum


class ExitCode(IntEnum):
    CLEAN = 0
    FINDINGS = 1  # findings at or above --fail-on
    BAD_INPUT = 2  # bad input or usage; also when any file of a batch could not be checked
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT); SIGTERM is 143
