"""Messages of the data files: reading, validating and importing release tables."""

TEXT: dict[str, tuple[str, str]] = {}
