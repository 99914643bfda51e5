#!/bin/sh
# Sales Control Suite entrypoint, wrapping the official /entrypoint.sh (which
# adds --db_host/--db_port/--db_user/--db_password from HOST, PORT, USER, PASSWORD).
#   serve (default)  install the suite into $SUITE_DB with demo data if needed, then serve it
#   tests [ARGS]     run the suite's test runner (tests/run_suite.py ARGS, as `make test` does):
#                    every module together, then each alone (install, upgrade with tests,
#                    uninstall), on fresh databases it drops; ends with "N passed, N failed"
#   anything else    handed to /entrypoint.sh as is, e.g. "odoo shell -d sales_demo" or "bash"
set -e

ADDONS_DIR=/opt/sales-control-suite/addons
SUITE_DB="${SUITE_DB:-sales_demo}"
if [ -z "$SUITE_MODULES" ]; then
    for manifest in "$ADDONS_DIR"/sales_*/__manifest__.py; do
        [ -f "$manifest" ] || continue
        module=$(basename "$(dirname "$manifest")")
        SUITE_MODULES="${SUITE_MODULES:+$SUITE_MODULES,}$module"
    done
fi
SUITE_MODULES=$(printf '%s' "$SUITE_MODULES" | tr -d ' ')
[ -n "$SUITE_MODULES" ] || { echo "No sales_* module found in $ADDONS_DIR" >&2; exit 1; }

# psql and dropdb reach the same server as Odoo.
export PGHOST="${HOST:-db}" PGPORT="${PORT:-5432}" PGUSER="${USER:-odoo}" PGPASSWORD="${PASSWORD:-odoo}"

# True when $SUITE_DB exists and every module of $SUITE_MODULES is installed in it.
suite_installed() {
    wanted=$(printf '%s\n' "$SUITE_MODULES" | tr ',' '\n' | grep -c .)
    found=$(psql -X -tA -d "$SUITE_DB" -c "SELECT count(*) FROM ir_module_module
        WHERE state = 'installed' AND name = ANY(string_to_array('$SUITE_MODULES', ','))" 2>/dev/null) || return 1
    [ "$found" = "$wanted" ]
}

case "${1:-serve}" in
    serve)
        if ! suite_installed; then
            echo "Installing $SUITE_MODULES into database $SUITE_DB (with demo data)"
            /entrypoint.sh odoo -d "$SUITE_DB" -i "$SUITE_MODULES" --stop-after-init
        fi
        exec /entrypoint.sh odoo -d "$SUITE_DB" --db-filter="^${SUITE_DB}\$"
        ;;
    tests)
        shift
        export SUITE_MODULES
        exec python3 /opt/sales-control-suite/tests/run_suite.py "$@"
        ;;
    *)
        exec /entrypoint.sh "$@"
        ;;
esac
