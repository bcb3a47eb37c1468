#!/usr/bin/env bash
# Starts a shared-pool PSI worker on 127.0.0.1 serving 4 tenants and drives all of them above the pool's
# capacity with the fair-share driver; prints per-tenant throughput and the Gini coefficient.
# Usage: workers/psi-loadtest/run-fair-share.sh
# Override with env: RATE (req/s per tenant), ELEMENTS (one size or one per tenant), WEIGHTS, DURATION, WARMUP,
#                    ITEMS (per tenant), THREADS (compute threads), QUEUE (per-tenant queue), PORT.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RATE="${RATE:-400}"
ELEMENTS="${ELEMENTS:-32}"
WEIGHTS="${WEIGHTS:-1,1,1,1}"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-10}"
ITEMS="${ITEMS:-2000}"
THREADS="${THREADS:-1}"
QUEUE="${QUEUE:-8}"
PORT="${PORT:-18081}"
TENANTS=(t1 t2 t3 t4)
IFS=, read -r -a WEIGHT_LIST <<< "$WEIGHTS"

# shellcheck source=harness.sh
source "$ROOT/workers/psi-loadtest/harness.sh"

export TF_API_KEY="tfk_fair_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SALT_B64="$(printf 'fair-salt' | base64)"
KEY_SHA_B64="$(printf 'fair-salt%s' "$TF_API_KEY" | openssl dgst -sha256 -binary | base64)"

ENTRIES=""
for i in "${!TENANTS[@]}"; do
  t="${TENANTS[$i]}"
  mkdir -p "$WORK/$t"
  awk -v n="$ITEMS" -v t="$t" 'BEGIN { for (i = 1; i <= n; i++) printf "%s-user%d@example.com\n", t, i }' > "$WORK/$t/items.txt"
  head -c 32 /dev/urandom > "$WORK/$t/seed"
  [[ -n "$ENTRIES" ]] && ENTRIES+=","
  ENTRIES+=$(cat <<JSON
    { "tenant": { "namespace": "load", "name": "$t", "limitedGA": true, "modes": ["psi-ca"], "fairShareWeight": ${WEIGHT_LIST[$i]} },
      "limits": { "maxClientSetSize": 10000 },
      "dataset": { "path": "$WORK/$t/items.txt", "format": "lines", "normalization": "none" },
      "key": { "seedPath": "$WORK/$t/seed", "epoch": 1 },
      "partners": { "static": [ { "id": "load-driver", "modes": ["psi-ca"],
                                  "apiKey": { "salt": "$SALT_B64", "sha256": "$KEY_SHA_B64" } } ] } }
JSON
)
done
cat > "$WORK/worker.json" <<JSON
{
  "schemaVersion": 1,
  "pool": { "namespace": "load", "name": "shared" },
  "http": { "host": "127.0.0.1", "port": $PORT, "maxBodyBytes": 4194304 },
  "limits": { "queueCapacity": $QUEUE, "computeThreads": $THREADS },
  "key": { "reloadSeconds": 0 },
  "setup": { "encoding": "gcs", "falsePositiveRate": 1.0e-9 },
  "tenants": [ $ENTRIES ]
}
JSON

echo "== starting the pool worker on 127.0.0.1:$PORT ($THREADS compute thread(s), queue $QUEUE per tenant)"
java -Xms256m -Xmx512m "${WORKER_JVM_FLAGS[@]}" -cp "$WORKER_CP" io.trustfabric.worker.WorkerMain --config "$WORK/worker.json" \
  > "$WORK/worker.log" 2>&1 &
WORKER_PID=$!
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$PORT/readyz" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$WORKER_PID" 2>/dev/null; then cat "$WORK/worker.log"; echo "worker exited"; exit 1; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/readyz"; echo

echo "== driving ${#TENANTS[@]} tenants at $RATE req/s each, $ELEMENTS elements, weights $WEIGHTS, ${DURATION}s after ${WARMUP}s warm-up"
java -Xmx256m -cp "$DRIVER_CP" io.trustfabric.loadtest.FairShareDriver \
  --base "http://127.0.0.1:$PORT" --tenants "$(IFS=,; echo "${TENANTS[*]}")" --weights "$WEIGHTS" \
  --elements "$ELEMENTS" --rate-per-tenant "$RATE" --warmup-seconds "$WARMUP" --duration-seconds "$DURATION"

echo "== worker: elements processed and refusals per tenant"
curl -fsS "http://127.0.0.1:$PORT/metrics" | grep -E "^trustfabric_psi_(elements_processed_total|refusals_total)" || true
