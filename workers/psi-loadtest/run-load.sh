#!/usr/bin/env bash
# Starts a PSI worker on 127.0.0.1 with a generated data set and runs the open-loop load driver against it.
# Usage: workers/psi-loadtest/run-load.sh            (600 req/s, 32 elements each, 100,000 server items)
# Override with env: RATE, DURATION, WARMUP, ITEMS, ELEMENTS, MODE, ENCODING, PORT, THREADS, QUEUE.
# WORKER_JAVA_OPTS adds JVM options to the worker (e.g. -XX:StartFlightRecording=filename=w.jfr,settings=profile);
# DRIVER_JAVA_OPTS likewise for the driver. The driver's CPU time is printed after the run.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RATE="${RATE:-600}"
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-20}"
ITEMS="${ITEMS:-100000}"
ELEMENTS="${ELEMENTS:-32}"
MODE="${MODE:-psi-ca}"
ENCODING="${ENCODING:-gcs}"
PORT="${PORT:-18080}"
THREADS="${THREADS:-0}"
QUEUE="${QUEUE:-256}"
WORKER_JAVA_OPTS="${WORKER_JAVA_OPTS:-}"
DRIVER_JAVA_OPTS="${DRIVER_JAVA_OPTS:-}"

# shellcheck source=harness.sh
source "$ROOT/workers/psi-loadtest/harness.sh"

echo "== generating $ITEMS server items and a key seed in $WORK"
awk -v n="$ITEMS" 'BEGIN { for (i = 1; i <= n; i++) printf "user%d@example.com\n", i }' > "$WORK/items.txt"
head -c 32 /dev/urandom > "$WORK/seed"
# the driver's partner: the worker knows only SHA-256(salt || key)
export TF_API_KEY="tfk_load_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SALT_B64="$(printf 'load-salt' | base64)"
KEY_SHA_B64="$(printf 'load-salt%s' "$TF_API_KEY" | openssl dgst -sha256 -binary | base64)"
cat > "$WORK/worker.json" <<JSON
{
  "schemaVersion": 1,
  "tenant": { "namespace": "load", "name": "bench", "limitedGA": true, "modes": ["psi-ca", "psi"] },
  "http": { "host": "127.0.0.1", "port": $PORT, "maxBodyBytes": 4194304 },
  "limits": { "maxClientSetSize": 10000, "queueCapacity": $QUEUE, "computeThreads": $THREADS },
  "dataset": { "path": "$WORK/items.txt", "format": "lines", "normalization": "email-lowercase" },
  "key": { "seedPath": "$WORK/seed", "epoch": 1, "reloadSeconds": 0 },
  "setup": { "encoding": "$ENCODING", "falsePositiveRate": 1.0e-9 },
  "partners": { "static": [ { "id": "load-driver", "modes": ["psi-ca", "psi"],
                              "apiKey": { "salt": "$SALT_B64", "sha256": "$KEY_SHA_B64" } } ] }
}
JSON

echo "== starting the worker on 127.0.0.1:$PORT"
# shellcheck disable=SC2086 # WORKER_JAVA_OPTS is a list of options
java -Xms512m -Xmx512m "${WORKER_JVM_FLAGS[@]}" $WORKER_JAVA_OPTS -cp "$WORKER_CP" io.trustfabric.worker.WorkerMain --config "$WORK/worker.json" \
  > "$WORK/worker.log" 2>&1 &
WORKER_PID=$!

for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$PORT/readyz" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$WORKER_PID" 2>/dev/null; then cat "$WORK/worker.log"; echo "worker exited"; exit 1; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/readyz"; echo
grep -E "now serving" "$WORK/worker.log" || true

# utime + stime of a process in clock ticks, from /proc (the worker's CPU over the whole drive, warm-up included)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
WORKER_TICKS_BEFORE="$(cpu_ticks "$WORKER_PID")"
DRIVE_STARTED="$(date +%s.%N)"

echo "== driving $RATE req/s of $ELEMENTS elements ($MODE) for ${DURATION}s after ${WARMUP}s warm-up"
# shellcheck disable=SC2086
java -Xmx256m $DRIVER_JAVA_OPTS -cp "$DRIVER_CP" io.trustfabric.loadtest.LoadDriver \
  --endpoint "http://127.0.0.1:$PORT" --mode "$MODE" --rate "$RATE" \
  --warmup-seconds "$WARMUP" --duration-seconds "$DURATION" --elements "$ELEMENTS"

awk -v t="$(( $(cpu_ticks "$WORKER_PID") - WORKER_TICKS_BEFORE ))" -v hz="$(getconf CLK_TCK)" \
    -v s="$DRIVE_STARTED" -v e="$(date +%s.%N)" \
  'BEGIN { printf "worker CPU         %.1f s over %.1f s of driving (%.2f cores, warm-up included)\n", t / hz, e - s, t / hz / (e - s) }'

echo "== worker metrics after the run"
curl -fsS "http://127.0.0.1:$PORT/metrics" | grep -E "^trustfabric_psi_(request_duration_seconds_count|elements_processed_total|setup_build_duration_seconds|setup_size_bytes)" || true
