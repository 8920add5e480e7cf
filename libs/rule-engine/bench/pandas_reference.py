"""The benchmark's pandas reference: the same seven checks on the same files, written as a data
engineer would in pandas (vectorised, no row loops), with 20 sample rows per failing check. Prints
one JSON line (seconds per phase, failing counts) for engine.bench.ts, which checks the counts equal
the planted defects and compares the times.

Cells are read as text (`dtype=str`, `keep_default_na=False`): pandas' own inference would read 'N/A'
as a missing amount and miss that defect. Values are not trimmed (the generated data has no padding),
which only makes pandas faster than a check of the same semantics as ours.

Usage: python3 pandas_reference.py ORDERS.csv CUSTOMERS.csv
"""
import json
import sys
import time

import pandas as pd

STATUSES = ["new", "paid", "shipped", "cancelled", "refunded"]
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
SAMPLE = 20


def main(orders_path: str, customers_path: str) -> None:
    t0 = time.perf_counter()
    orders = pd.read_csv(orders_path, dtype=str, keep_default_na=False)
    customers = pd.read_csv(customers_path, dtype=str, keep_default_na=False, usecols=["customer_id"])
    t1 = time.perf_counter()

    email = orders["email"]
    amount = pd.to_numeric(orders["amount"], errors="coerce")
    status = orders["status"]
    customer = orders["customer_id"]
    failing = {
        "not_null": email == "",
        "unique": orders["order_id"].duplicated(keep=False),
        "in_range": (orders["amount"] != "") & ~amount.between(0, 10000),
        "matches": (email != "") & ~email.str.match(EMAIL),
        "foreign_key": (customer != "") & ~customer.isin(customers["customer_id"]),
        "accepted_values": (status != "") & ~status.isin(STATUSES),
        "custom": amount.notna() & ~((amount > 0) | (status == "cancelled")),
    }
    counts = {k: int(v.sum()) for k, v in failing.items()}
    t2 = time.perf_counter()
    samples = {k: len(orders[v].head(SAMPLE)) for k, v in failing.items()}
    t3 = time.perf_counter()
    result = {
        "read_s": t1 - t0,
        "checks_s": t2 - t1,
        "samples_s": t3 - t2,
        "total_s": t3 - t0,
        "counts": counts,
        "samples": samples,
        "pandas": pd.__version__,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
