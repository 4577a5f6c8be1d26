"""Messages of the yearly evaluation (年考评) and the published star list."""

TEXT: dict[str, tuple[str, str]] = {}
