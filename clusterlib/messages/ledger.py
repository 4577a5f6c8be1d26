"""Messages of the monthly ledger (月台账): its settings, targets and project register."""

TEXT: dict[str, tuple[str, str]] = {}
