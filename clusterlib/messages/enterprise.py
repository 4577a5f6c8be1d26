"""Messages of the enterprise records and their classification (亩均评价)."""

TEXT: dict[str, tuple[str, str]] = {}
