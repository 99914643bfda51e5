#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-7 benchmark: the credit exposure of a customer with 50,000 open journal items.

On a database with ``sales_credit_tier`` and OCA ``account_financial_risk`` installed
without demo data, a customer gets N open posted receivable journal items (one real
posted invoice, cloned set-based in SQL with varied dates, about half of them overdue;
then VACUUM ANALYZE, as autovacuum would do after such a bulk insert).
Then, in the same run, after a warm-up, the median of several repetitions of:

(a) the floor: the single aggregate SQL query over the customer's receivable items
    (the query shape of ``res.partner._credit_receivables``);
(b) the suite: ``partner._get_credit_exposure()``, every cache invalidated each time (in an
    environment with the context the web client sends: language, time zone, companies), with its
    SQL query count, also on a customer with 1,000 items (the count must not change);
(c) OCA: reading ``risk_invoice_open``, ``risk_invoice_unpaid`` and ``risk_total`` that
    ``account_financial_risk`` computes, same invalidation, with its query count.

Targets (spec X-7): suite <= 2x floor, suite <= 0.5x OCA, constant query count.
The exit code is non-zero when a target fails.

    python3 bench/bench_credit_exposure.py [--db NAME] [--items 50000] [--keep] [--reps 15]

The database is created from scratch (dropped first if it exists) and dropped at the end;
with ``--keep`` an existing database is reused as it is (with its generated data) and kept.
PGHOST, PGPORT, PGUSER and PGPASSWORD select the PostgreSQL server (default localhost:5432,
odoo/odoo).
"""

import argparse
import sys
import time

import bench_common

MODULES = "sales_credit_tier,account_financial_risk"
SMALL_ITEMS = 1000
FLOOR_QUERY = """
    SELECT aml.partner_id,
           SUM(aml.amount_residual),
           SUM(aml.amount_residual) FILTER (WHERE aml.date_maturity < %(today)s AND aml.amount_residual > 0),
           MIN(aml.date_maturity) FILTER (WHERE aml.date_maturity < %(today)s AND aml.amount_residual > 0)
      FROM account_move_line aml
      JOIN account_account account ON account.id = aml.account_id
     WHERE aml.partner_id IN %(partners)s
       AND aml.company_id = %(company)s
       AND account.account_type = 'asset_receivable'
       AND aml.parent_state = 'posted'
       AND NOT aml.reconciled
       AND aml.amount_residual <> 0
     GROUP BY aml.partner_id
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sct_bench_credit", help="database name (default: %(default)s)")
    parser.add_argument("--items", type=int, default=50000, help="open journal items of the customer")
    parser.add_argument("--keep", action="store_true", help="reuse the database if it exists, and keep it")
    parser.add_argument("--reps", type=int, default=15, help="measured repetitions (median)")
    return parser.parse_args()


def open_items(env, partner):
    env.cr.execute(
        """
        SELECT COUNT(*) FROM account_move_line aml JOIN account_account account ON account.id = aml.account_id
         WHERE aml.partner_id = %s AND account.account_type = 'asset_receivable'
           AND aml.parent_state = 'posted' AND NOT aml.reconciled
        """,
        [partner.id],
    )
    return env.cr.fetchone()[0]


def make_customer(env, ref, items):
    """A customer with ``items`` open posted receivable journal items (reused when already there)."""
    partner = env["res.partner"].search([("ref", "=", ref)], limit=1)
    if partner and open_items(env, partner) == items:
        return partner
    print(f"Generating {items} open receivable items for {ref}...", flush=True)
    start = time.perf_counter()
    partner = env["res.partner"].create(
        {
            "name": f"Bench customer {ref}",
            "ref": ref,
            "is_company": True,
            "credit_grade": "b",
            "credit_limit": 1e12,
            "risk_invoice_open_include": True,
            "risk_invoice_unpaid_include": True,
        }
    )
    invoice = bench_common.posted_invoice(env, partner, f"Bench product {ref}")
    # Invoice dates spread over the last 120 days, due 60 days later: about half are overdue.
    move_overrides = {
        "name": "tpl.name || '-' || g",
        "payment_reference": "tpl.name || '-' || g",
        "sequence_number": "tpl.sequence_number + g",
        "date": "CURRENT_DATE - MOD(g, 120)",
        "invoice_date": "CURRENT_DATE - MOD(g, 120)",
        "invoice_date_due": "CURRENT_DATE - MOD(g, 120) + 60",
        "create_date": "NOW() AT TIME ZONE 'UTC'",
        "write_date": "NOW() AT TIME ZONE 'UTC'",
    }
    env.cr.execute(
        bench_common.clone_sql(
            "account_move",
            bench_common.columns(env, "account_move"),
            move_overrides,
            "account_move tpl, generate_series(1, %s) g",
        )
        + " WHERE tpl.id = %s RETURNING id",
        [items - 1, invoice.id],
    )
    move_ids = [row[0] for row in env.cr.fetchall()]
    line_overrides = {
        "move_id": "m.id",
        "move_name": "m.name",
        "date": "m.date",
        "invoice_date": "m.invoice_date",
        "date_maturity": "CASE WHEN tpl.display_type = 'payment_term' THEN m.invoice_date_due END",
        "create_date": "NOW() AT TIME ZONE 'UTC'",
        "write_date": "NOW() AT TIME ZONE 'UTC'",
    }
    env.cr.execute(
        bench_common.clone_sql(
            "account_move_line",
            bench_common.columns(env, "account_move_line"),
            line_overrides,
            "account_move m JOIN account_move_line tpl ON tpl.move_id = %s",
        )
        + " WHERE m.id = ANY(%s)",
        [invoice.id, move_ids],
    )
    env.invalidate_all()
    count = open_items(env, partner)
    assert count == items, f"{count} open items generated instead of {items}"
    print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)
    return partner


def bench(env, items, reps):
    from odoo import fields

    big = make_customer(env, f"BENCH-{items}", items)
    small = make_customer(env, f"BENCH-{SMALL_ITEMS}", SMALL_ITEMS)
    bench_common.vacuum_analyze(env, "account_move", "account_move_line")
    company = env.company
    today = fields.Date.context_today(big)

    def floor():
        env.cr.execute(FLOOR_QUERY, {"today": today, "partners": (big.id,), "company": company.id})
        return env.cr.fetchall()

    def suite(partner):
        return lambda: partner._get_credit_exposure()

    def oca():
        return (big.risk_invoice_open, big.risk_invoice_unpaid, big.risk_total)

    floor_time, floor_queries = bench_common.measure(env, floor, reps)
    suite_time, suite_queries = bench_common.measure(env, suite(big), reps)
    small_time, small_queries = bench_common.measure(env, suite(small), reps)
    oca_time, oca_queries = bench_common.measure(env, oca, reps)

    exposure = big._get_credit_exposure()
    env.invalidate_all()
    risk = big.risk_invoice_open + big.risk_invoice_unpaid
    # Both read the same open items: a benchmark comparing different work would prove nothing.
    assert abs(exposure["receivable"] - risk) < 0.01, (exposure, risk)

    checks = [
        ("suite <= 2x floor", suite_time <= 2 * floor_time, f"{suite_time / floor_time:.2f}x"),
        ("suite <= 0.5x OCA", suite_time <= 0.5 * oca_time, f"{suite_time / oca_time:.2f}x"),
        (
            f"queries constant ({SMALL_ITEMS} vs {items} items)",
            small_queries == suite_queries,
            f"{small_queries} = {suite_queries}"
            if small_queries == suite_queries
            else f"{small_queries} != {suite_queries}",
        ),
    ]
    print()
    print(
        f"Credit exposure of one customer with {items} open journal items "
        f"(median of {reps}, after {bench_common.WARMUP} warm-up)"
    )
    print(
        f"receivable {exposure['receivable']:.2f}, overdue {exposure['overdue_amount']:.2f}, "
        f"oldest {exposure['overdue_days']} days"
    )
    print()
    print(f"| {'measure':<44} | {'time (ms)':>9} | {'queries':>7} |")
    print(f"|{'-' * 46}|{'-' * 11}|{'-' * 9}|")
    rows = [
        ("(a) floor: one aggregate SQL query", floor_time, floor_queries),
        ("(b) suite: _get_credit_exposure()", suite_time, suite_queries),
        (f"(b) suite, customer with {SMALL_ITEMS} items", small_time, small_queries),
        ("(c) OCA account_financial_risk: risk fields", oca_time, oca_queries),
    ]
    for label, seconds, queries in rows:
        print(f"| {label:<44} | {seconds * 1000:>9.1f} | {queries:>7} |")
    print()
    return bench_common.report_checks(checks)


def main():
    args = parse_args()
    return bench_common.run(args.db, MODULES, args.keep, lambda env: bench(env, args.items, args.reps))


if __name__ == "__main__":
    sys.exit(main())
