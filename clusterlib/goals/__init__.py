"""Goals of the 2019 plan: catalogue, evaluation, HAC statistics, official record."""
