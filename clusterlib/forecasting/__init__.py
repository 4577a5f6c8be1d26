"""Forecasting: models, the forecasting verbs, backtests, metrics and joint simulation."""
