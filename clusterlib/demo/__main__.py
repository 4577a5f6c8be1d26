"""``python -m clusterlib.demo --write``: regenerate data/demo/panel.csv (seed 2019)."""

from clusterlib.demo.panel import main

main()
