#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-7 benchmark: validating 500 deliveries with the suite's picking guard on and off.

On a database with ``sales_dispatch_gate`` installed without demo data, two sets of N
confirmed one-line sale orders are prepared (stock available, deliveries reserved, quantities
picked): one for a company whose dispatch notices control shipments, each order with its
approved dispatch notice, and one with ``dispatch_control`` off, where the module leaves the
deliveries alone. Then, in the same run, the deliveries are validated with ``button_validate()``
in alternating rounds (guard off, guard on, ...) so that both see the same database state,
each call in its own transaction, committed, as the web client runs it, and the total time of
each side is compared.

The guarded side does the whole DG-5 work: the notice coverage and allocation, the credit
re-check under the customer lock, the shipped quantities on the notices, the gate pass,
the order event and the delivery note in the document register (finance and the salesperson
hear of the shipments from the hourly report job, not from the validation).

Target (spec X-7): guarded <= 1.10x unguarded. The exit code is non-zero when it fails.

    python3 bench/bench_delivery_validation.py [--db NAME] [--deliveries 500] [--rounds 5] [--keep]

The database is created from scratch (dropped first if it exists) and dropped at the end;
with ``--keep`` an existing database is reused and kept. PGHOST, PGPORT, PGUSER and
PGPASSWORD select the PostgreSQL server (default localhost:5432, odoo/odoo).
"""

import argparse
import sys

import bench_common

MODULES = "sales_dispatch_gate"
TARGET = 1.10
WARMUP = 3


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sct_bench_delivery", help="database name (default: %(default)s)")
    parser.add_argument("--deliveries", type=int, default=500, help="deliveries validated on each side")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds the deliveries are split into")
    parser.add_argument("--keep", action="store_true", help="reuse the database if it exists, and keep it")
    return parser.parse_args()


def prepare(env, count, guarded, tag):
    """``count`` confirmed orders whose deliveries are ready to validate (and their approved notices)."""
    from odoo import Command, fields

    company = env.company
    company.dispatch_control = guarded
    # Ten deliveries per customer, spread over the validations as a warehouse's day would be.
    customers = env["res.partner"].create(
        [
            {"name": f"Bench customer {tag} {index}", "is_company": True, "customer_rank": 1, "credit_grade": "a"}
            for index in range(max(1, count // 10))
        ]
    )
    customers.credit_limit = 1e12
    product = env["product.product"].create(
        {"name": f"Bench yarn {tag}", "type": "consu", "is_storable": True, "list_price": 100.0, "taxes_id": []}
    )
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, count * 10.0)
    salesperson = env.ref("base.user_admin")
    orders = env["sale.order"].create(
        [
            {
                "partner_id": customers[index % len(customers)].id,
                "user_id": salesperson.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 2.0, "price_unit": 100.0})],
            }
            for index in range(count)
        ]
    )
    orders.action_confirm()
    if guarded:
        carrier = env["res.partner"].create({"name": "Bench carrier", "is_company": True})
        notices = env["sales.dispatch.notice"].create(
            [
                {
                    "order_id": order.id,
                    "planned_date": fields.Date.add(fields.Date.today(), days=5),
                    "carrier_id": carrier.id,
                    "vehicle_plate": f"浙G{index:05d}",
                    "driver_name": "Bench driver",
                }
                for index, order in enumerate(orders)
            ]
        )
        now = fields.Datetime.now()
        # Approved as the workflow would (its own timing is not the subject); each notice saw the earlier
        # ones of its customer.
        for index, notice in enumerate(notices):
            notice.with_context(dispatch_workflow=True).write(
                {
                    "state": "approved",
                    "approved_date": fields.Datetime.add(now, seconds=index - count),
                    "approved_exposure": (index // len(customers)) * notice.amount_total,
                }
            )
    pickings = orders.picking_ids
    for move in pickings.move_ids:
        move.quantity = move.product_uom_qty
    pickings.move_ids.picked = True
    env.flush_all()
    return pickings


def validate(env, pickings, guarded, together=False):
    """Seconds to validate ``pickings`` and commit: one by one (the delivery form's button, each its own
    request and transaction), or ``together`` (the list's Validate on a selection: one call for all)."""
    env.company.dispatch_control = guarded
    batches = [pickings] if together else list(pickings)
    return bench_common.timed_requests(env, batches, lambda records: records.button_validate())


def measure_mode(env, count, rounds, together):
    """Total seconds of each side, validating in alternating rounds so both see the same database."""
    tag = "together" if together else "single"
    unguarded = prepare(env, count + WARMUP, False, f"off-{tag}")
    guarded = prepare(env, count + WARMUP, True, f"on-{tag}")
    env.cr.commit()
    # Not timed: the first calls open the server's connection and fill its caches, as a running server has.
    for mode, pickings in ((False, unguarded), (True, guarded)):
        validate(env, pickings[:WARMUP], mode, together)
    unguarded, guarded = unguarded[WARMUP:], guarded[WARMUP:]
    size = -(-count // rounds)
    times = {False: 0.0, True: 0.0}
    for index in range(rounds):
        for mode, pickings in ((False, unguarded), (True, guarded)):
            times[mode] += validate(env, pickings[index * size : (index + 1) * size], mode, together)
    env.cr.commit()
    done = {mode: all(p.state == "done" for p in pickings) for mode, pickings in ((False, unguarded), (True, guarded))}
    assert all(done.values()), done
    passes = env["sales.gate.pass"].search_count([("picking_id", "in", guarded.ids)])
    assert passes == count, f"{passes} gate passes for {count} guarded deliveries"
    return times


def bench(env, count, rounds):
    # The order's own approvals (sales_doc_control) are another matter than deliveries.
    env["tier.definition"].search([("model", "=", "sale.order")]).active = False
    env.company.write({"sales_quotation_approval": "amount", "sales_quotation_approval_amount": 1e12})
    results = {}
    for together in (False, True):
        label = "in one call" if together else "one by one"
        print(f"Preparing and validating {count} deliveries on each side, {label}...", flush=True)
        results[together] = measure_mode(env, count, rounds, together)
    return bench_common.report_two_sides(
        f"Validating {count} deliveries of sale orders ({rounds} alternating rounds)",
        "delivery",
        count,
        rounds,
        results,
        ((False, "guard off (dispatch_control False)"), (True, "guard on: notices, credit, pass")),
        TARGET,
        lambda together: f"guarded <= {TARGET:.2f}x unguarded, {'validated together' if together else 'one by one'}",
    )


def main():
    args = parse_args()
    return bench_common.run(args.db, MODULES, args.keep, lambda env: bench(env, args.deliveries, args.rounds))


if __name__ == "__main__":
    sys.exit(main())
