#!/usr/bin/env bash
# Release gate (DEP-6 (docs/operations.md#dep-6)): after a deployment, poll the instance until /health answers `live` and
# /readyz answers `ready`, every 30 s for up to 10 minutes. /ops/status is printed for the record but never decides.
# Exit 0 when the instance is live and ready, 1 when the time runs out, 64 on a bad command line.
#
#   scripts/release-gate.sh https://api.example.org
#
# RELEASE_GATE_INTERVAL_SECONDS (30) and RELEASE_GATE_TIMEOUT_SECONDS (600) change the cadence and the budget;
# METRICS_AUTH_TOKEN, when set, is sent with the /ops/status request (which it guards).
set -euo pipefail

if [ $# -ne 1 ] || [[ "$1" != http://* && "$1" != https://* ]]; then
  echo "usage: $0 <base URL, e.g. https://api.example.org>" >&2
  exit 64
fi
base="${1%/}"
interval="${RELEASE_GATE_INTERVAL_SECONDS:-30}"
budget="${RELEASE_GATE_TIMEOUT_SECONDS:-600}"

# The body of a probe, or an empty string when the request fails; a 503 body still counts as an answer.
probe() { curl --silent --show-error --max-time 5 "$@" 2>/dev/null || true; }
status_auth=()
if [ -n "${METRICS_AUTH_TOKEN:-}" ]; then status_auth=(--header "Authorization: Bearer $METRICS_AUTH_TOKEN"); fi

deadline=$(( $(date +%s) + budget ))
attempt=1
while :; do
  health="$(probe "$base/health")"
  ready="$(probe "$base/readyz")"
  echo "[release-gate] attempt $attempt: /health=${health:-no answer} /readyz=${ready:-no answer}"
  if [ "$health" = "live" ] && [ "$ready" = "ready" ]; then
    echo "[release-gate] /ops/status (informational): $(probe "${status_auth[@]}" "$base/ops/status")"
    echo "[release-gate] PASSED: $base is live and ready"
    exit 0
  fi
  if [ $(( $(date +%s) + interval )) -gt "$deadline" ]; then
    echo "[release-gate] FAILED: $base was not live and ready within ${budget} s" >&2
    exit 1
  fi
  sleep "$interval"
  attempt=$(( attempt + 1 ))
done
