#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-7 benchmark: the gate check by pass number is one indexed lookup (DG-7).

On a database with ``sales_dispatch_gate`` installed without demo data, one real gate pass is
issued for a validated delivery, then cloned set-based in SQL into N passes with distinct numbers
(then VACUUM ANALYZE, as autovacuum would do after such a bulk insert). In the same run, after a
warm-up, the median of several repetitions of:

(a) the floor: one SELECT of the pass id by its number (the unique index on the number);
(b) the suite: ``sales.gate.pass._gate_find(number)`` as a gate guard (access rules and the
    multi-company record rule applied), every ORM cache invalidated each time, with its SQL query
    count; the query it runs is shown with EXPLAIN, and (b') timed alone, without the ORM;
(c) for information, the whole ``gate_lookup(payload, plate)`` of the guard screen (signature,
    plate, state and validity checks, the pass with its goods for the screen), with its query count;
(d) for information, what a lookup without the index would cost (the same SELECT on
    ``lower(name)``, a sequential scan).

Numbers looked up are spread over the table (first, middle, last pass). Targets: (b) is one SQL
query whose plan is an index scan on the pass number, and that query (b') takes at most 2x the
floor. The ratio (b)/(a) is printed too: it is the ORM's fixed cost per call (domain, access
rules, recordset), the same whatever the number of passes. The exit code is non-zero when a
target fails.

    python3 bench/bench_gate_check.py [--db NAME] [--passes 100000] [--keep] [--reps 15]

The database is created from scratch (dropped first if it exists) and dropped at the end; with
``--keep`` an existing database is reused as it is (with its generated passes) and kept.
PGHOST, PGPORT, PGUSER and PGPASSWORD select the PostgreSQL server (default localhost:5432, odoo/odoo).
"""

import argparse
import sys
import time

import bench_common

MODULES = "sales_dispatch_gate"
PLATE = "浙G·12345"
FLOOR_QUERY = "SELECT id FROM sales_gate_pass WHERE name = %s"
UNINDEXED_QUERY = "SELECT id FROM sales_gate_pass WHERE lower(name) = lower(%s)"
GUARD_LOGIN = "bench_gate_guard"
MAX_RATIO = 2.0
# The raw queries take tens of microseconds: each run repeats them to rise above the timer's noise.
INNER = 20


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sct_bench_gate", help="database name (default: %(default)s)")
    parser.add_argument("--passes", type=int, default=100000, help="gate passes in the database")
    parser.add_argument("--keep", action="store_true", help="reuse the database if it exists, and keep it")
    parser.add_argument("--reps", type=int, default=15, help="measured repetitions (median)")
    return parser.parse_args()


def columns(env, table):
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id'",
        [table],
    )
    return [row[0] for row in env.cr.fetchall()]


def template_pass(env):
    """One pass issued the way the warehouse's validation issues it: a delivery of one product, done."""
    from odoo import Command

    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    customers = env.ref("stock.stock_location_customers")
    partner = env["res.partner"].create({"name": "绍兴柯桥纺织有限公司", "is_company": True})
    product = env["product.product"].create({"name": "Nylon FDY 70D", "is_storable": True})
    env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 10.0)
    picking = env["stock.picking"].create(
        {
            "partner_id": partner.id,
            "picking_type_id": warehouse.out_type_id.id,
            "location_id": warehouse.lot_stock_id.id,
            "location_dest_id": customers.id,
            "move_ids": [
                Command.create(
                    {
                        "name": product.name,
                        "product_id": product.id,
                        "product_uom_qty": 10.0,
                        "location_id": warehouse.lot_stock_id.id,
                        "location_dest_id": customers.id,
                    }
                )
            ],
        }
    )
    picking.action_confirm()
    picking.move_ids.write({"quantity": 10.0, "picked": True})
    picking._action_done()
    gate_pass = env["sales.gate.pass"]._sales_issue_for_pickings([(picking, env["sales.dispatch.notice"])])
    # The bench issues the pass without a dispatch notice: the vehicle is the one the guard will type.
    gate_pass.write({"vehicle_plate": PLATE, "customer_name": partner.name})
    return gate_pass


def make_passes(env, count):
    """``count`` passes: the template and its clones numbered BENCH0000001... (reused when already there)."""
    env.cr.execute("SELECT COUNT(*) FROM sales_gate_pass")
    if env.cr.fetchone()[0] == count:
        return
    print(f"Generating {count} gate passes...", flush=True)
    start = time.perf_counter()
    template = template_pass(env)
    env.flush_all()
    names = columns(env, "sales_gate_pass")
    overrides = {"name": "'BENCH' || LPAD(g::text, 7, '0')"}
    selected = ", ".join(overrides.get(name, f'tpl."{name}"') for name in names)
    quoted = ", ".join(f'"{name}"' for name in names)
    env.cr.execute(
        f"INSERT INTO sales_gate_pass ({quoted}) SELECT {selected} "
        "FROM sales_gate_pass tpl, generate_series(1, %s) g WHERE tpl.id = %s",
        [count - 1, template.id],
    )
    env.invalidate_all()
    print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)


def guard_user(env):
    user = env["res.users"].search([("login", "=", GUARD_LOGIN)])
    return user or env["res.users"].create(
        {
            "name": "Bench gate guard",
            "login": GUARD_LOGIN,
            "groups_id": [(6, 0, [env.ref("sales_doc_control.group_sales_gate_guard").id])],
        }
    )


def bench(env, count, reps):
    from odoo.tools import SQL

    make_passes(env, count)
    guard = guard_user(env)
    bench_common.vacuum_analyze(env, "sales_gate_pass")

    env.cr.execute("SELECT name FROM sales_gate_pass ORDER BY name")
    every = [row[0] for row in env.cr.fetchall()]
    numbers = [every[0], every[len(every) // 2], every[-1]]
    guard_env = env(user=guard)
    passes = guard_env["sales.gate.pass"]
    template = passes.sudo().search([("name", "not like", "BENCH%")], limit=1)
    payload = template._gate_payload()

    def floor():
        for _index in range(INNER):
            for number in numbers:
                env.cr.execute(FLOOR_QUERY, [number])
                env.cr.fetchall()

    def suite():
        for number in numbers:
            passes._gate_find(number)

    def lookup():
        result = passes.gate_lookup(payload, PLATE)
        assert result["ok"], result

    suite_sql = [passes._search([("name", "=", number)], limit=1).select() for number in numbers]

    def suite_query():
        for _index in range(INNER):
            for sql in suite_sql:
                env.cr.execute(sql)
                env.cr.fetchall()

    def unindexed():
        for number in numbers:
            env.cr.execute(UNINDEXED_QUERY, [number])
            env.cr.fetchall()

    found = [passes._gate_find(number).name for number in numbers]
    assert found == numbers, (found, numbers)

    floor_time, _queries = bench_common.measure(env, floor, reps)
    floor_time /= INNER
    suite_time, suite_queries = bench_common.measure(guard_env, suite, reps)
    query_time, _queries = bench_common.measure(env, suite_query, reps)
    query_time /= INNER
    lookup_time, lookup_queries = bench_common.measure(guard_env, lookup, reps)
    unindexed_time, _queries = bench_common.measure(env, unindexed, reps)

    query = passes._search([("name", "=", numbers[1])], limit=1)
    env.cr.execute(SQL("EXPLAIN %s", query.select()))
    plan = [row[0] for row in env.cr.fetchall()]
    index_scan = any("Index" in line and "sales_gate_pass_name" in line for line in plan)

    ratio = query_time / floor_time
    per_number = len(numbers)
    scan = next((line.strip() for line in plan if "Scan" in line), plan[0].strip())
    checks = [
        ("one SQL query per number", suite_queries == per_number, f"{suite_queries / per_number:g}"),
        ("index scan on the pass number", index_scan, scan.split("  (")[0].lstrip("-> ")),
        (f"the lookup's query <= {MAX_RATIO:g}x floor", ratio <= MAX_RATIO, f"{ratio:.2f}x"),
    ]
    print()
    print(f"Gate check by pass number among {count} passes (median of {reps}, after {bench_common.WARMUP} warm-up,")
    print(f"each run looks up {per_number} numbers: first, middle and last)")
    print()
    print(f"| {'measure':<52} | {'time (ms)':>9} | {'queries':>7} |")
    print(f"|{'-' * 54}|{'-' * 11}|{'-' * 9}|")
    rows = [
        ("(a) floor: SELECT id ... WHERE name = %s", floor_time / per_number, 1),
        ("(b) suite: _gate_find(number) as the guard", suite_time / per_number, suite_queries / per_number),
        ("(b') its SQL query alone", query_time / per_number, 1),
        ("(c) guard screen: gate_lookup(payload, plate)", lookup_time, lookup_queries),
        ("(d) without the index: WHERE lower(name) = ...", unindexed_time / per_number, 1),
    ]
    for label, seconds, queries in rows:
        print(f"| {label:<52} | {seconds * 1000:>9.3f} | {queries:>7g} |")
    print()
    print(f"ORM overhead of (b): {suite_time / floor_time:.1f}x the floor, a fixed cost per call;")
    print(f"without the index a lookup would take {unindexed_time / floor_time:.0f}x the floor.")
    print()
    print("EXPLAIN of (b):")
    for line in plan:
        print(f"    {line}")
    print()
    return bench_common.report_checks(checks)


def main():
    args = parse_args()
    return bench_common.run(args.db, MODULES, args.keep, lambda env: bench(env, args.passes, args.reps))


if __name__ == "__main__":
    sys.exit(main())
