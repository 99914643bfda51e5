#!/bin/bash
# Make sure a local PostgreSQL server runs and that the role Odoo uses exists.
# Odoo refuses to connect as the `postgres` superuser, so a dedicated role is created.
set -euo pipefail
PGHOST=${PGHOST:-localhost}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-odoo}
PGPASSWORD=${PGPASSWORD:-odoo}
export PGPASSWORD

can_connect() {
    "${PYTHON:-python3}" - <<PY 2>/dev/null
import psycopg2
psycopg2.connect(host="$PGHOST", port="$PGPORT", user="$PGUSER", password="$PGPASSWORD", dbname="postgres").close()
PY
}

if can_connect; then
    echo "PostgreSQL: connected to $PGHOST:$PGPORT as $PGUSER"
    exit 0
fi

fail() {
    echo "PostgreSQL is not usable at $PGHOST:$PGPORT as role $PGUSER: $1" >&2
    echo "Start a PostgreSQL server (13 or newer) and create the role, e.g.:" >&2
    echo "  sudo -u postgres psql -c \"CREATE ROLE $PGUSER LOGIN CREATEDB PASSWORD '$PGPASSWORD'\"" >&2
    echo "or set PGHOST, PGPORT, PGUSER and PGPASSWORD to an existing server and role." >&2
    exit 1
}

if [ "$PGHOST" != "localhost" ] && [ "$PGHOST" != "127.0.0.1" ]; then
    fail "the server is remote, so it is not managed here"
fi
if [ "$(id -u)" != 0 ]; then
    fail "installing or starting a local server needs root"
fi

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    echo "PostgreSQL: installing Debian's postgresql package"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

cluster=$(pg_lsclusters --no-header | head -n1 || true)
if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -n1)
    pg_createcluster "$version" main --port "$PGPORT" >/dev/null
    cluster=$(pg_lsclusters --no-header | head -n1)
fi
read -r version name port status _ <<<"$cluster"
if [ "$status" != "online" ]; then
    echo "PostgreSQL: starting cluster $version/$name"
    pg_ctlcluster "$version" "$name" start
fi

# As the postgres superuser over the local socket: the PG* variables above describe the
# role Odoo uses and must not leak into these calls (psql would read them).
as_superuser() {
    env -u PGHOST -u PGUSER -u PGPASSWORD -u PGDATABASE runuser -u postgres -- psql -p "$port" -d postgres "$@"
}
role_exists=$(as_superuser -qtAc "SELECT 1 FROM pg_roles WHERE rolname = '$PGUSER'")
if [ "$role_exists" != 1 ]; then
    echo "PostgreSQL: creating role $PGUSER"
    as_superuser -qc "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'"
fi

can_connect || fail "the server runs but refuses the connection (check port $PGPORT and pg_hba.conf)"
echo "PostgreSQL: connected to $PGHOST:$PGPORT as $PGUSER"
