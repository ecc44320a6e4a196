#!/usr/bin/env bash
# Starts the local PostgreSQL cluster for the service's scale-out tests and
# prints the connection string of a test database. Needs root (run by
# run-tests only when it runs as root); prints nothing and exits 1 otherwise.
set -euo pipefail

[ "$(id -u)" -eq 0 ] || exit 1
command -v pg_lsclusters >/dev/null || exit 1

cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$version" main >/dev/null
  cluster="$version main"
fi

# shellcheck disable=SC2086
pg_ctlcluster $cluster start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done

su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='realvision'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE realvision LOGIN PASSWORD 'realvision'\"" >/dev/null
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='realvision_test'\"" | grep -q 1 \
  || su postgres -c "psql -qc 'CREATE DATABASE realvision_test OWNER realvision'" >/dev/null

echo "Host=127.0.0.1;Port=5432;Username=realvision;Password=realvision;Database=realvision_test"
