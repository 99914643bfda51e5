#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""`make run` / `make reset`: the demo database with every suite module, then Odoo at http://localhost:8069."""

import argparse
import os
import subprocess
import sys
from pathlib import Path

import odoo_setup

DEMO_LOGINS = [
    ("admin", "administrator (also General Manager)"),
    ("gm", "General Manager / 总经理"),
    ("salesmanager", "Sales Manager / 销售部经理"),
    ("supervisor", "Sales Supervisor / 销售主管"),
    ("specialist", "Sales Specialist / 销售专员"),
    ("specialist2", "Sales Specialist / 销售专员"),
    ("assistant", "Sales Assistant / 销售内勤"),
    ("finance", "Finance Reviewer / 财务"),
    ("legal", "Legal Reviewer / 法务"),
    ("quality", "Quality Inspector / 品质部"),
    ("warehouse", "Warehouse Keeper / 仓管员"),
    ("guard", "Gate Guard / 门卫"),
    ("archivist", "Archivist / 档案管理员"),
    ("committee", "Price Committee Member / 价格委员会"),
]


def installed(db, modules):
    if not odoo_setup.database_exists(db):
        return False
    try:
        with odoo_setup.connect(db) as conn, conn.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM ir_module_module WHERE name = ANY(%s) AND state = 'installed'",
                [modules],
            )
            return cr.fetchone()[0] == len(modules)
    except Exception:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reset", action="store_true", help="drop and recreate the demo database")
    args = parser.parse_args()
    db = os.environ.get("DEMO_DB", "sales_demo")
    port = os.environ.get("HTTP_PORT", "8069")
    modules = odoo_setup.suite_modules()
    state = Path(os.environ.get("SUITE_STATE_DIR", odoo_setup.REPO / ".run"))
    state.mkdir(exist_ok=True)
    config = odoo_setup.write_config(state / "odoo.conf", state / "data", port)

    if args.reset and odoo_setup.database_exists(db):
        print(f"Dropping database {db}")
        odoo_setup.drop_database(db, state / "data")
    if not installed(db, modules):
        print(f"Creating database {db} with {', '.join(modules)} and demo data (about two minutes)")
        if odoo_setup.database_exists(db):
            odoo_setup.drop_database(db, state / "data")
        code = subprocess.run(
            odoo_setup.odoo_command(
                config,
                "-d",
                db,
                "-i",
                ",".join(modules),
                "--load-language=zh_CN",
                "--stop-after-init",
                "--log-level=warn",
            ),
            check=False,
        ).returncode
        if code:
            print(
                f"Installing the suite on {db} failed (exit {code}); the messages above say why.",
                file=sys.stderr,
            )
            return code
    else:
        print(f"Reusing database {db} (make reset recreates it)")

    print(f"\nSales Control Suite: http://localhost:{port}  (database {db})")
    print("Demo logins (the password is the login):")
    for login, role in DEMO_LOGINS:
        print(f"  {login:13} {role}")
    print("Stop with Ctrl+C.\n", flush=True)
    os.execvp(
        odoo_setup.PYTHON,
        odoo_setup.odoo_command(config, "-d", db, f"--db-filter=^{db}$", "--log-level=warn"),
    )


if __name__ == "__main__":
    sys.exit(main())
