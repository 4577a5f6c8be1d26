"""Inputs: the record format, reading and validating files, periods, the panel, the data review."""
