"""Seeded demonstration data (synthetic): ``make_demo(seed) -> (data, planted truth)``."""

from clusterlib.demo.panel import DemoTruth, make_demo

__all__ = ["DemoTruth", "make_demo"]
