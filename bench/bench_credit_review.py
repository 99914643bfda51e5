#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-7 benchmark: the automatic reclassification (CT-7) and the semiannual review (CT-6) of 100,000 customers.

On a database with ``sales_credit_tier`` installed without demo data, N graded customers are
generated set-based in SQL (one real customer and one real posted invoice cloned), each with one
posted invoice. The invoice dates decide what the policy does with each customer: most bought
in the last month (nothing changes; those graded B for more than six months are proposed for A),
some last bought five months ago and owe it beyond its due date (downgraded to C), some seven months
ago (downgraded to D). Then VACUUM ANALYZE, as autovacuum does after a bulk insert.

Measured, each once, in this order, with the SQL query count:

(1) CT-7: ``res.partner._credit_reclassify(company)``, the scheduled job's work for the company:
    the downgrades applied with their history, chatter notes and activities, the upgrades proposed;
(2) CT-7 again: idempotent, nothing left to change (the baseline of the job's fixed cost);
(3) CT-6: ``sales.credit.review.action_generate_lines()`` of a new review campaign, one line per
    customer with its facts and proposal;
(4) CT-6: ``action_apply()`` of that campaign once approved (the approvals themselves are tier
    validations, not measured): every customer's grade, limit and review date in one transaction.

Target (spec X-7): each "well under a minute" on 2 cores, read here as at most 30 s each; the run
also checks that the work was done (the customers downgraded as the profile says, one review line
per customer). The exit code is non-zero when a target fails.

    python3 bench/bench_credit_review.py [--db NAME] [--customers 100000] [--keep]
"""

import argparse
import sys
import time

import bench_common

MODULES = "sales_credit_tier"
TARGET_SECONDS = 30.0
# Of every 100 customers: 88 bought in the last 30 days, 8 five months ago (C), 4 seven months ago (D).
PROFILE = "(CASE WHEN MOD(g, 100) < 88 THEN MOD(g, 30) WHEN MOD(g, 100) < 96 THEN 155 ELSE 215 END)::int"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sct_bench_review", help="database name (default: %(default)s)")
    parser.add_argument("--customers", type=int, default=100000, help="graded customers")
    parser.add_argument("--keep", action="store_true", help="reuse the database if it exists, and keep it")
    return parser.parse_args()


def generate(env, prefix, count):
    """``count`` graded customers (a fifth A, the rest B), each with one posted invoice dated by PROFILE."""
    start = time.perf_counter()
    partner = env["res.partner"].create(
        {"name": f"{prefix} template", "is_company": True, "customer_rank": 1, "credit_grade": "b"}
    )
    invoice = bench_common.posted_invoice(env, partner, f"{prefix} product")
    cr = env.cr
    cr.execute(
        bench_common.clone_sql(
            "res_partner",
            bench_common.columns(env, "res_partner"),
            {
                "name": f"'{prefix} ' || g",
                "complete_name": f"'{prefix} ' || g",
                "credit_grade": "CASE WHEN MOD(g, 5) = 0 THEN 'a' ELSE 'b' END",
                # Graded and last reviewed a year ago, so every customer may be reclassified.
                "credit_last_review_date": "CURRENT_DATE - 365",
                "create_date": "(NOW() AT TIME ZONE 'UTC') - INTERVAL '2 years'",
                "write_date": "NOW() AT TIME ZONE 'UTC'",
            },
            "res_partner tpl, generate_series(1, %s) g",
        )
        + " WHERE tpl.id = %s RETURNING id",
        [count, partner.id],
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [partner_ids])
    cr.execute(
        bench_common.clone_sql(
            "account_move",
            bench_common.columns(env, "account_move"),
            {
                "name": "tpl.name || '-' || g",
                "payment_reference": "tpl.name || '-' || g",
                "sequence_number": "tpl.sequence_number + g",
                "partner_id": "p.id",
                "commercial_partner_id": "p.id",
                "date": f"CURRENT_DATE - ({PROFILE})",
                "invoice_date": f"CURRENT_DATE - ({PROFILE})",
                "invoice_date_due": f"CURRENT_DATE - ({PROFILE}) + 30",
                "create_date": "NOW() AT TIME ZONE 'UTC'",
                "write_date": "NOW() AT TIME ZONE 'UTC'",
            },
            "account_move tpl, (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS g FROM res_partner WHERE id = ANY(%s)) p",
        )
        + " WHERE tpl.id = %s RETURNING id",
        [partner_ids, invoice.id],
    )
    move_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        bench_common.clone_sql(
            "account_move_line",
            bench_common.columns(env, "account_move_line"),
            {
                "move_id": "m.id",
                "move_name": "m.name",
                "partner_id": "m.partner_id",
                "date": "m.date",
                "invoice_date": "m.invoice_date",
                "date_maturity": "CASE WHEN tpl.display_type = 'payment_term' THEN m.invoice_date_due END",
                "create_date": "NOW() AT TIME ZONE 'UTC'",
                "write_date": "NOW() AT TIME ZONE 'UTC'",
            },
            "account_move m JOIN account_move_line tpl ON tpl.move_id = %s",
        )
        + " WHERE m.id = ANY(%s)",
        [invoice.id, move_ids],
    )
    # The template customer and its invoice are not part of the population.
    partner.write({"active": False})
    env.invalidate_all()
    print(f"  {count} customers with their invoices generated in {time.perf_counter() - start:.1f} s", flush=True)
    return env["res.partner"].browse(partner_ids)


def timed(env, label, func):
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    seconds = time.perf_counter() - start
    count = env.cr.sql_log_count - queries
    print(f"| {label:<52} | {seconds:9.2f} | {count:7} |", flush=True)
    return seconds, count, result


def campaign(env, company, manager):
    review = env["sales.credit.review"].create({"company_id": company.id})
    return review.with_user(manager)


def run(env, customers):
    company = env.company
    company.write({"credit_auto_downgrade": True})
    manager = env["res.users"].create(
        {
            "name": "Bench sales manager",
            "login": "bench_sales_manager",
            "groups_id": [(6, 0, [env.ref("sales_doc_control.group_sales_manager").id])],
        }
    )
    partners = env["res.partner"].with_company(company)
    print(f"| {'measure (' + str(customers) + ' customers)':<52} | {'time (s)':>9} | {'queries':>7} |")
    print(f"|{'-' * 54}|{'-' * 11}|{'-' * 9}|")
    first = timed(env, "(1) CT-7 reclassification, first run", lambda: partners._credit_reclassify(company))
    env.cr.execute(
        "SELECT credit_grade, COUNT(*) FROM res_partner WHERE active AND credit_grade IS NOT NULL GROUP BY 1 ORDER BY 1"
    )
    grades = dict(env.cr.fetchall())
    proposals = env["sales.credit.application"].search_count([("requested_grade", "=", "a"), ("state", "=", "draft")])
    second = timed(
        env, "(2) CT-7 reclassification again (nothing to change)", lambda: partners._credit_reclassify(company)
    )
    review = campaign(env, company, manager)
    generate_lines = timed(env, "(3) CT-6 review: generate the lines", lambda: review.sudo().action_generate_lines())
    lines = len(review.line_ids)
    # The approvals (finance, then the general manager) are tier validations, not the subject here.
    env["tier.definition"].search([("model", "=", "sales.credit.review")]).active = False
    review.sudo().write({"state": "approved"})
    apply = timed(env, "(4) CT-6 review: apply the decisions", lambda: review.action_apply())
    print(f"grades after the job: {grades}; proposals for A: {proposals}; review lines: {lines}")
    return first, second, generate_lines, apply, grades, lines


def main():
    args = parse_args()

    def work(env):
        # With --keep, customers generated by an earlier run are measured again.
        if (
            env["res.partner"].search_count([("name", "=like", "Customer %"), ("credit_grade", "!=", False)])
            != args.customers
        ):
            generate(env, "Customer", args.customers)
            bench_common.vacuum_analyze(env, "res_partner", "account_move", "account_move_line")
        first, second, generate_lines, apply, grades, lines = run(env, args.customers)
        env.cr.rollback()
        checks = [
            (f"{label} <= {TARGET_SECONDS:.0f} s", measure[0] <= TARGET_SECONDS, f"{measure[0]:.1f} s")
            for label, measure in (
                ("CT-7 reclassification", first),
                ("CT-7 again", second),
                ("CT-6 generate", generate_lines),
                ("CT-6 apply", apply),
            )
        ]
        expected = {"c": args.customers * 8 // 100, "d": args.customers * 4 // 100}
        found = {grade: grades.get(grade, 0) for grade in expected}
        checks.append(("CT-7 downgrades as the profile says (8% C, 4% D)", found == expected, found))
        checks.append(("CT-6 one line per customer", lines == args.customers, f"{lines} of {args.customers}"))
        return bench_common.report_checks(checks)

    return bench_common.run(args.db, MODULES, args.keep, work)


if __name__ == "__main__":
    sys.exit(main())
