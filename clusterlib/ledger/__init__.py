"""The monthly beat (月台账): indicator ledger, key-project ledger, year-end projection."""
