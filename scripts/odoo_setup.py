# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the demo server and the test runner share: the suite's modules, the Odoo
configuration for the local PostgreSQL, and the Odoo command line."""

import ast
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS = REPO / "addons"
PYTHON = os.environ.get("PYTHON") or sys.executable


def db_params():
    return {
        "host": os.environ.get("PGHOST", "localhost"),
        "port": os.environ.get("PGPORT", "5432"),
        "user": os.environ.get("PGUSER", "odoo"),
        "password": os.environ.get("PGPASSWORD", "odoo"),
    }


def suite_modules():
    """The installable modules under addons/ (or those named in SUITE_MODULES), dependencies first."""
    wanted = {m.strip() for m in os.environ.get("SUITE_MODULES", "").split(",") if m.strip()}
    manifests = {}
    for manifest in sorted(ADDONS.glob("*/__manifest__.py")):
        if wanted and manifest.parent.name not in wanted:
            continue
        data = ast.literal_eval(manifest.read_text())
        if data.get("installable", True):
            manifests[manifest.parent.name] = data.get("depends", [])
    ordered = []

    def visit(name):
        if name in ordered or name not in manifests:
            return
        for dep in manifests[name]:
            visit(dep)
        ordered.append(name)

    for name in manifests:
        visit(name)
    return ordered


def write_config(path, data_dir, http_port):
    params = db_params()
    path.write_text(
        "\n".join(
            [
                "[options]",
                f"addons_path = {ADDONS}",
                f"data_dir = {data_dir}",
                f"db_host = {params['host']}",
                f"db_port = {params['port']}",
                f"db_user = {params['user']}",
                f"db_password = {params['password']}",
                f"http_port = {http_port}",
                "",
            ]
        )
    )
    return path


def odoo_command(config, *args):
    return [PYTHON, "-m", "odoo", "-c", str(config), *args]


def connect(dbname="postgres"):
    import psycopg2

    params = db_params()
    conn = psycopg2.connect(dbname=dbname, **params)
    conn.autocommit = True
    return conn


def database_exists(name):
    with connect() as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return bool(cr.fetchone())


def drop_database(name, data_dir=None):
    conn = connect()
    try:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            cr.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        conn.close()
    if data_dir:
        filestore = Path(data_dir) / "filestore" / name
        if filestore.is_dir():
            import shutil

            shutil.rmtree(filestore, ignore_errors=True)
