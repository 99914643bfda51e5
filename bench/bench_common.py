# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every benchmark of bench/ does around its measurement: the database and the report."""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import odoo_setup

WARMUP = 3


def install(db, config, modules):
    print(f"Creating {db} with {modules} (no demo data)...", flush=True)
    command = odoo_setup.odoo_command(
        config, "-d", db, "-i", modules, "--without-demo=all", "--stop-after-init", "--no-http", "--log-level=warn"
    )
    subprocess.run(command, check=True)


def run(db, modules, keep, work):
    """Call ``work(env)`` on a database with ``modules`` installed without demo data.

    The database is created from scratch (dropped first if it exists) and dropped at the end;
    with ``keep`` an existing one is reused and kept. ``env`` is the superuser's, with the
    context the web client sends with every call (language, time zone, companies), so that the
    queries counted are those a user's request makes. Returns the exit code: 0 when ``work``
    returned a true value (every target met), 1 otherwise.
    """
    with tempfile.TemporaryDirectory(prefix="bench_") as tmp:
        data_dir = Path(tempfile.gettempdir()) / f"{db}-data"
        config = odoo_setup.write_config(Path(tmp) / "odoo.conf", data_dir, 0)
        if not (keep and odoo_setup.database_exists(db)):
            odoo_setup.drop_database(db, data_dir)
            install(db, config, modules)
        import odoo
        from odoo import SUPERUSER_ID, api

        odoo.tools.config.parse_config(["-c", str(config), "--log-level=warn"])
        registry = odoo.modules.registry.Registry(db)
        try:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                context = {"lang": "en_US", "tz": "UTC", "allowed_company_ids": env.user.company_id.ids}
                passed = work(env(context=context))
        finally:
            odoo.sql_db.close_all()
            if not keep:
                odoo_setup.drop_database(db, data_dir)
    return 0 if passed else 1


def report_checks(checks):
    """Print ``PASS``/``FAIL`` per (label, passed, value) and return whether all passed."""
    for label, passed, value in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {label}: {value}")
    return all(passed for _label, passed, _value in checks)


def vacuum_analyze(env, *tables):
    """Commit the generated data, then do what autovacuum does after a bulk insert (planner
    statistics, visibility map), so that the plans measured are those of a settled database."""
    env.cr.commit()
    conn = odoo_setup.connect(env.cr.dbname)
    try:
        with conn.cursor() as cr:
            cr.execute(f"VACUUM ANALYZE {', '.join(tables)}")
    finally:
        conn.close()


def measure(env, func, reps, warmup=WARMUP):
    """Median seconds and the SQL query count of ``func``, caches invalidated before each call."""
    for _index in range(warmup):
        env.invalidate_all()
        func()
    times, counts = [], set()
    for _index in range(reps):
        env.invalidate_all()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
        counts.add(env.cr.sql_log_count - queries)
    return statistics.median(times), max(counts)


def timed_requests(env, batches, call):
    """Seconds to run ``call(records)`` on each recordset of ``batches`` as the web client runs a
    button: each call in its own cursor and transaction, committed, the commit timed too (the
    chatter's tracking and the other pre-commit work are done then).

    A transaction keeps every environment its calls created while something still refers to them,
    and Odoo looks an environment up among them one by one: 500 calls in one long transaction would
    each be slower than the one before, and the side creating more environments per call would pay
    that growth squared. A request of the web client starts with none.
    """
    env.cr.commit()
    elapsed = 0.0
    for records in batches:
        with env.registry.cursor() as cr:
            start = time.perf_counter()
            call(records.with_env(env(cr=cr)))
            cr.commit()
            elapsed += time.perf_counter() - start
    env.invalidate_all()
    return elapsed


def columns(env, table):
    """The columns of ``table`` but its id, to clone rows set-based in SQL."""
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id'",
        [table],
    )
    return [row[0] for row in env.cr.fetchall()]


def clone_sql(table, names, overrides, source):
    """INSERT INTO table (every column) SELECT the template's columns, some replaced, FROM source."""
    selected = ", ".join(overrides.get(name, f'tpl."{name}"') for name in names)
    quoted = ", ".join(f'"{name}"' for name in names)
    return f"INSERT INTO {table} ({quoted}) SELECT {selected} FROM {source}"


def posted_invoice(env, partner, product_name):
    """One real posted customer invoice of ``partner`` (100.0, no tax): the template benchmarks clone in SQL."""
    product = env["product.product"].create({"name": product_name, "type": "service"})
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_date": "2026-01-01",
            "invoice_line_ids": [(0, 0, {"product_id": product.id, "quantity": 1, "price_unit": 100.0, "tax_ids": []})],
        }
    )
    invoice.action_post()
    env.flush_all()
    return invoice


def report_two_sides(title, unit, count, rounds, results, sides, target, check):
    """Print the table of a work done on two sides, one per call then a round per call, and check
    the second side against the first (the baseline).

    ``results`` is {together: {side key: seconds}}; ``sides`` the (key, label) pairs, baseline
    first; ``check(together)`` names the check of a mode. Returns whether every check passed.
    """
    modes = {False: "one per call", True: f"{-(-count // rounds)} per call"}
    width = max(len(f"{label}, {how}") for how in modes.values() for _key, label in sides)
    per = f"per {unit} (ms)"
    print()
    print(title)
    print()
    print(f"| {'measure':<{width}} | {'total (s)':>9} | {per:>{len(per)}} |")
    print(f"|{'-' * (width + 2)}|{'-' * 11}|{'-' * (len(per) + 2)}|")
    for together, times in results.items():
        for key, label in sides:
            text = f"{label}, {modes[together]}"
            print(f"| {text:<{width}} | {times[key]:>9.2f} | {times[key] / count * 1000:>{len(per)}.1f} |")
    print()
    (base, _label), (other, _label2) = sides
    checks = [
        (check(together), times[other] / times[base] <= target, f"{times[other] / times[base]:.2f}x")
        for together, times in results.items()
    ]
    return report_checks(checks)
