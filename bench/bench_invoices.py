#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-7 benchmark: posting 1,000 customer invoices with the suite installed and without it.

No company switch turns the suite's work at posting off (the document register, its retention
dates, the customer files, the credit index), so the baseline is a second database: the same
Odoo modules the suite depends on (sale_management, sale_stock, crm, account, ...) without the
suite's own. Both databases are installed without demo data; the suite's has every module of
addons/. In the same process, each gets N draft customer invoices of 100 customers (one line,
the default sales tax), and they are posted in alternating rounds (each side first in every
other round) so that both see the same machine load, twice: one per call and transaction (the
invoice form's Confirm button) and a round's invoices in one call (Confirm on a list selection).

On the suite's side posting registers each invoice in the document register (DC-8) with its
retention dates (AL-1) and keeps the customer files registered, in one batch per call.

Target (spec X-7): with suite <= 1.10x without. The exit code is non-zero when it fails.

    python3 bench/bench_invoices.py [--db NAME] [--invoices 1000] [--rounds 10] [--keep]

The databases (NAME and NAME_base) are created from scratch (dropped first if they exist) and
dropped at the end; with ``--keep`` existing ones are reused and kept. PGHOST, PGPORT, PGUSER and
PGPASSWORD select the PostgreSQL server (default localhost:5432, odoo/odoo).
"""

import argparse
import ast
import sys
import tempfile
from pathlib import Path

import bench_common
import odoo_setup

TARGET = 1.10
CUSTOMERS = 100
WARMUP = 3


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sct_bench_invoices", help="database name (default: %(default)s)")
    parser.add_argument("--invoices", type=int, default=1000, help="invoices posted on each side, in each mode")
    parser.add_argument("--rounds", type=int, default=10, help="alternating rounds the invoices are split into")
    parser.add_argument("--keep", action="store_true", help="reuse the databases if they exist, and keep them")
    return parser.parse_args()


def baseline_modules(suite):
    """The modules the suite depends on that are not the suite's: the baseline database's."""
    depends = set()
    for module in suite:
        manifest = ast.literal_eval((odoo_setup.ADDONS / module / "__manifest__.py").read_text())
        depends.update(manifest.get("depends", []))
    return sorted(depends - set(suite))


def prepare(env, count, tag):
    """``count`` draft customer invoices over ``CUSTOMERS`` customers, created in one call."""
    from odoo import Command

    company = env.company
    if not company.chart_template:
        env["account.chart.template"].try_loading("generic_coa", company=company, install_demo=False)
    customers = env["res.partner"].create(
        [{"name": f"Bench customer {tag} {index}", "is_company": True} for index in range(CUSTOMERS)]
    )
    product = env["product.product"].create({"name": f"Bench yarn {tag}", "type": "consu", "list_price": 100.0})
    salesperson = env.ref("base.user_admin")
    invoices = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": customers[index % CUSTOMERS].id,
                "invoice_user_id": salesperson.id,
                "invoice_line_ids": [Command.create({"product_id": product.id, "quantity": 2.0, "price_unit": 100.0})],
            }
            for index in range(count)
        ]
    )
    env.flush_all()
    return invoices


def post(env, invoices, together):
    """Seconds to post ``invoices`` and commit: one by one (the form's button, each its own request and
    transaction) or ``together`` (one call). The commit counts: the chatter's tracking is written then."""
    batches = [invoices] if together else list(invoices)
    return bench_common.timed_requests(env, batches, lambda records: records.action_post())


def measure_mode(envs, count, rounds, together):
    """Total seconds of each side, posting in alternating rounds so both see the same machine load."""
    tag = "together" if together else "single"
    invoices = {side: prepare(env, count + WARMUP, tag) for side, env in envs.items()}
    # Not timed: the first calls open the server's connection and fill its caches, as a running server has.
    for side, env in envs.items():
        post(env, invoices[side][:WARMUP], together)
        invoices[side] = invoices[side][WARMUP:]
    size = -(-count // rounds)
    times = dict.fromkeys(envs, 0.0)
    sides = list(envs)
    for index in range(rounds):
        # Each side goes first in every other round, so neither always follows the other's commit.
        for side in sides if index % 2 == 0 else sides[::-1]:
            times[side] += post(envs[side], invoices[side][index * size : (index + 1) * size], together)
    for side, moves in invoices.items():
        assert set(moves.mapped("state")) == {"posted"}, side
    registered = envs["suite"]["sales.document"].search_count(
        [("res_model", "=", "account.move"), ("res_id", "in", invoices["suite"].ids)]
    )
    assert registered == count, f"{registered} register rows for {count} invoices"
    return times


def bench(envs, count, rounds):
    results = {}
    for together in (False, True):
        label = "in one call" if together else "one by one"
        print(f"Preparing and posting {count} invoices on each side, {label}...", flush=True)
        results[together] = measure_mode(envs, count, rounds, together)
    return bench_common.report_two_sides(
        f"Posting {count} customer invoices ({rounds} alternating rounds)",
        "invoice",
        count,
        rounds,
        results,
        (("base", "without the suite"), ("suite", "with the suite")),
        TARGET,
        lambda together: f"suite <= {TARGET:.2f}x without, {'posted together' if together else 'one by one'}",
    )


def main():
    args = parse_args()
    suite = odoo_setup.suite_modules()
    databases = {"base": (f"{args.db}_base", ",".join(baseline_modules(suite))), "suite": (args.db, ",".join(suite))}
    with tempfile.TemporaryDirectory(prefix="bench_") as tmp:
        data_dir = Path(tempfile.gettempdir()) / f"{args.db}-data"
        config = odoo_setup.write_config(Path(tmp) / "odoo.conf", data_dir, 0)
        for db, modules in databases.values():
            if not (args.keep and odoo_setup.database_exists(db)):
                odoo_setup.drop_database(db, data_dir)
                bench_common.install(db, config, modules)
        import odoo
        from odoo import SUPERUSER_ID, api

        odoo.tools.config.parse_config(["-c", str(config), "--log-level=warn"])
        cursors = {side: odoo.modules.registry.Registry(db).cursor() for side, (db, _modules) in databases.items()}
        try:
            envs = {}
            for side, cr in cursors.items():
                env = api.Environment(cr, SUPERUSER_ID, {})
                # The context the web client sends with every call (language, time zone, companies).
                context = {"lang": "en_US", "tz": "UTC", "allowed_company_ids": env.user.company_id.ids}
                envs[side] = env(context=context)
            passed = bench(envs, args.invoices, args.rounds)
        finally:
            for cr in cursors.values():
                cr.close()
            odoo.sql_db.close_all()
            if not args.keep:
                for db, _modules in databases.values():
                    odoo_setup.drop_database(db, data_dir)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
