"""Enterprise A/B/C classification: rules, scoring and classes."""
