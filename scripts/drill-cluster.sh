#!/usr/bin/env bash
# The throwaway PostgreSQL cluster of the outage drills (DB-10 (docs/operations.md#db-10), the uptime row): never the shared server.
# Debian's postgresql-common tools; run as root (the server itself runs as the `postgres` user).
#
#   scripts/drill-cluster.sh create   create the cluster if it does not exist (trust auth, manual start), then start it
#   scripts/drill-cluster.sh start    start it (no-op when running)
#   scripts/drill-cluster.sh stop     fast shutdown: open sessions are terminated, the port closes (no-op when down)
#   scripts/drill-cluster.sh drop     stop and delete it (no-op when absent)
#   scripts/drill-cluster.sh url      print its connection URL
#
# DRILL_PG_VERSION (15), DRILL_CLUSTER (drill) and DRILL_PORT (5433) name another cluster, e.g. for parallel runs.
set -euo pipefail

version="${DRILL_PG_VERSION:-15}"
name="${DRILL_CLUSTER:-drill}"
port="${DRILL_PORT:-5433}"

usage() { echo "usage: $0 create|start|stop|drop|url" >&2; exit 64; }
[ $# -eq 1 ] || usage

# pg_lsclusters prints "<version> <name> <port> <online|down> …" for an existing cluster, and fails for another.
field() { pg_lsclusters --no-header "$version" "$name" 2>/dev/null | awk -v n="$1" '{ print $n }' || true; }
status() { field 4; }
# Straight to the server, as .ci/run does: under systemd, pg_ctlcluster would hand over to a unit instead.
ctl() { pg_ctlcluster --skip-systemctl-redirect "$version" "$name" "$@"; }

start() {
  case "$(status)" in
    online) ;;
    down) ctl start ;;
    *) echo "cluster $version/$name does not exist; run: $0 create" >&2; exit 1 ;;
  esac
}

case "$1" in
  create)
    if [ -z "$(status)" ]; then
      # Trust auth: the cluster listens on localhost only and holds nothing worth a password.
      pg_createcluster "$version" "$name" --port "$port" --start-conf manual -- --auth=trust >/dev/null
    fi
    start
    ;;
  start) start ;;
  stop) [ "$(status)" != online ] || ctl stop -m fast ;;
  drop)
    [ "$(status)" != online ] || ctl stop -m fast
    [ -z "$(status)" ] || pg_dropcluster "$version" "$name"
    ;;
  url)
    # An existing cluster's own port wins over DRILL_PORT.
    existing="$(field 3)"
    echo "postgres://postgres@127.0.0.1:${existing:-$port}/postgres"
    ;;
  *) usage ;;
esac
