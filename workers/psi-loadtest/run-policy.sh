#!/usr/bin/env bash
# The policy benchmark (docs/benchmarks/policy.md): what asking OPA before every query costs the PSI worker.
# Starts two workers on the same generated data set and allowlist: "on" asks a real OPA, configured like the sidecar
# (decision logs uploaded over HTTP to a local sink standing in for the operator), loaded with the real decision
# module, the six built-in macros and a tenant whose rules use every macro and allow the benchmark's queries; "off"
# has no policy.opaUrl and tenant.trustPolicy false (its answers carry the no-engine Warning header). Then, for each
# rate in RATES and each variant in VARIANTS (alternating, so both see the same machine), runs the open-loop load
# driver and reads the worker's own metrics over the measured window only.
# Usage: workers/psi-loadtest/run-policy.sh                 (600 req/s, 20 s warm-up, 60 s measured, off then on)
# Override with env: RATES ("600 700 800"), VARIANTS ("off on"), DURATION, WARMUP, ITEMS, ELEMENTS, QUEUE, THREADS,
#   OPA (the opa binary; default: testbin.properties), OPA_GOMAXPROCS (unset: Go's default, the number of cores),
#   OPA_DECISION_LOGS (upload: as the sidecar, the default; console: decision_logs.console to a file),
#   OPA_MODULE (real: the decision module and the macros, the default; constant: a control experiment, a decision
#   module whose result is the same allowed answer as a constant, to separate evaluation from HTTP and logging),
#   OPA_GOGC (unset: Go's default, 100), OPA_PROFILE (a directory: OPA runs with --pprof and a CPU profile of it over
#   each measured "on" window is saved there and summarized with `go tool pprof -top`),
#   RESULTS (a file the summary table is appended to), WORKER_JAVA_OPTS, DRIVER_JAVA_OPTS.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RATES="${RATES:-600}"
VARIANTS="${VARIANTS:-off on}"
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-20}"
ITEMS="${ITEMS:-100000}"
ELEMENTS="${ELEMENTS:-32}"
QUEUE="${QUEUE:-256}"
THREADS="${THREADS:-0}"
PORT_OFF="${PORT_OFF:-18080}"
PORT_ON="${PORT_ON:-18081}"
OPA_PORT="${OPA_PORT:-18181}"
OPA_DIAG_PORT="${OPA_DIAG_PORT:-18282}"
SINK_PORT="${SINK_PORT:-18190}"
OPA_DECISION_LOGS="${OPA_DECISION_LOGS:-upload}"
OPA_GOMAXPROCS="${OPA_GOMAXPROCS:-}"
OPA_GOGC="${OPA_GOGC:-}"
OPA_PROFILE="${OPA_PROFILE:-}"
OPA_MODULE="${OPA_MODULE:-real}"
WORKER_JAVA_OPTS="${WORKER_JAVA_OPTS:-}"
DRIVER_JAVA_OPTS="${DRIVER_JAVA_OPTS:-}"
RESULTS="${RESULTS:-}"
if [[ -z "${OPA:-}" ]]; then
  OPA="$(sed -n 's/^opa=//p' "$HOME/.cache/trust-fabric/testbin/testbin.properties")"
fi
[[ -x "$OPA" ]] || { echo "no opa binary at '$OPA' (run build-tools/test-binaries.sh or set OPA)"; exit 1; }

# shellcheck source=harness.sh
source "$ROOT/workers/psi-loadtest/harness.sh"

PIDS=()
cleanup_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup_all EXIT

echo "== $("$OPA" version | head -1); machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== generating $ITEMS server items and a key seed in $WORK"
awk -v n="$ITEMS" 'BEGIN { for (i = 1; i <= n; i++) printf "user%d@example.com\n", i }' > "$WORK/items.txt"
head -c 32 /dev/urandom > "$WORK/seed"
export TF_API_KEY="tfk_load_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SALT_B64="$(printf 'load-salt' | base64)"
KEY_SHA_B64="$(printf 'load-salt%s' "$TF_API_KEY" | openssl dgst -sha256 -binary | base64)"

# --- OPA: the decision module and every built-in macro (the macros bundle), and the tenant bundle ---------------
mkdir -p "$WORK/bundle-macros" "$WORK/bundle-tenant"
cp policies/decision/decision.rego "$WORK/bundle-macros/decision.rego"
MACROS="$(grep -o '"name": *"[^"]*"' policies/catalog.json | sed 's/.*"\([^"]*\)"$/\1/')"
for macro in $MACROS; do
  cp "policies/$macro/v1/macro.rego" "$WORK/bundle-macros/$macro.rego"
done
if [[ "$OPA_MODULE" == "constant" ]]; then
  rm "$WORK"/bundle-macros/*.rego
  cat > "$WORK/bundle-macros/decision.rego" <<'REGO'
package trustfabric.decision

result := {
	"allow": true, "tenant": "bench", "policy": "load/bench-policy", "revision": 1, "denials": [], "warnings": [],
	"dryrun": [], "errors": [],
	"obligations": [{"type": "suppress-count-below", "k": 10, "rule": "k10", "macro": "k-threshold@v1"}],
}
REGO
fi
echo '{"roots": ["trustfabric/macros", "trustfabric/decision"]}' > "$WORK/bundle-macros/.manifest"
echo '{"roots": ["trustfabric/tenants/bench"]}' > "$WORK/bundle-tenant/.manifest"
rule() { printf '{"name": "%s", "macro": "%s", "version": "v1", "ref": "%s@v1", "action": "enforce", "params": %s}' "$1" "$2" "$2" "$3"; }
cat > "$WORK/bundle-tenant/data.json" <<JSON
{"trustfabric": {"tenants": {"bench": {"policy": "load/bench-policy", "revision": 1, "default": false, "rules": [
  $(rule eu-only residency '{"allowedRegions": ["eu-west-1", "eu-central-1"], "dataRegion": "eu-central-1"}'),
  $(rule sizes set-size-cap '{"minSetSize": 8, "maxSetSize": 10000}'),
  $(rule hourly volume-cap '{"window": "hour", "maxQueries": 100000000, "maxElements": 10000000000}'),
  $(rule minimal minimization '{"modes": ["psi-ca"], "psiContractFlag": "psi-allowed", "normalizations": ["email-lowercase"]}'),
  $(rule k10 k-threshold '{"k": 10}'),
  $(rule contract contract-flag '{"flag": "eu-data", "modes": []}')
]}}}}
JSON
USED="$(grep -o '"macro": "[^"]*"' "$WORK/bundle-tenant/data.json" | sort -u | wc -l)"
[[ "$USED" == "$(echo "$MACROS" | wc -w)" ]] || { echo "the tenant does not use every built-in macro"; exit 1; }

# As OpaSidecarConfig renders it, with the control API replaced by the local sink and the bundles read from disk.
if [[ "$OPA_DECISION_LOGS" == "upload" ]]; then
  DECISION_LOGS='"decision_logs": {"service": "control-bench", "resource": "policy/decisions",
    "reporting": {"min_delay_seconds": 1, "max_delay_seconds": 2, "buffer_size_limit_bytes": 4194304,
                  "upload_size_limit_bytes": 262144}}'
else
  DECISION_LOGS='"decision_logs": {"console": true}'
fi
cat > "$WORK/opa.json" <<JSON
{"labels": {"app": "trust-fabric-psi-worker", "namespace": "load"},
 "services": {"control-bench": {"url": "http://127.0.0.1:$SINK_PORT/control/v1/namespaces/load/tenants/bench",
                                "response_header_timeout_seconds": 10}},
 $DECISION_LOGS}
JSON

echo "== starting the decision-log sink on 127.0.0.1:$SINK_PORT"
java -Xmx64m -XX:+UseSerialGC -cp "$DRIVER_CP" io.trustfabric.loadtest.DecisionLogSink --port "$SINK_PORT" \
  > "$WORK/sink.log" 2>&1 &
SINK_PID=$!; PIDS+=("$SINK_PID")

echo "== starting OPA on 127.0.0.1:$OPA_PORT (module: $OPA_MODULE, decision logs: $OPA_DECISION_LOGS, GOMAXPROCS=${OPA_GOMAXPROCS:-default}, GOGC=${OPA_GOGC:-default})"
OPA_ARGS=()
if [[ -n "$OPA_PROFILE" ]]; then mkdir -p "$OPA_PROFILE"; OPA_ARGS+=(--pprof); fi
(
  if [[ -n "$OPA_GOMAXPROCS" ]]; then export GOMAXPROCS="$OPA_GOMAXPROCS"; fi
  if [[ -n "$OPA_GOGC" ]]; then export GOGC="$OPA_GOGC"; fi
  exec "$OPA" run "${OPA_ARGS[@]}" --server --addr="127.0.0.1:$OPA_PORT" --diagnostic-addr="127.0.0.1:$OPA_DIAG_PORT" \
    --config-file="$WORK/opa.json" --disable-telemetry --log-format=json --log-level=info \
    --bundle "$WORK/bundle-macros" --bundle "$WORK/bundle-tenant"
) > "$WORK/opa.log" 2>&1 &
OPA_PID=$!; PIDS+=("$OPA_PID")
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$OPA_PORT/health?bundles" > /dev/null 2>&1 \
     && curl -fsS "http://127.0.0.1:$SINK_PORT/stats" > /dev/null 2>&1; then break; fi
  sleep 0.2
done

# --- the two workers --------------------------------------------------------------------------------------------
worker_config() { # port policy-json trust-policy
  cat <<JSON
{
  "schemaVersion": 1,
  "tenant": { "namespace": "load", "name": "bench", "limitedGA": true, "modes": ["psi-ca", "psi"],
              "contractFlags": ["eu-data"], "trustPolicy": $3 },
  "http": { "host": "127.0.0.1", "port": $1, "maxBodyBytes": 4194304 },
  "limits": { "maxClientSetSize": 10000, "queueCapacity": $QUEUE, "computeThreads": $THREADS },
  "dataset": { "path": "$WORK/items.txt", "format": "lines", "normalization": "email-lowercase" },
  "key": { "seedPath": "$WORK/seed", "epoch": 1, "reloadSeconds": 0 },
  "setup": { "encoding": "gcs", "falsePositiveRate": 1.0e-9 },
  "partners": { "static": [ { "id": "load-driver", "modes": ["psi-ca", "psi"], "region": "eu-west-1",
                              "contractFlags": ["eu-data", "psi-allowed"],
                              "apiKey": { "salt": "$SALT_B64", "sha256": "$KEY_SHA_B64" } } ] }$2
}
JSON
}
worker_config "$PORT_OFF" "" false > "$WORK/worker-off.json"
worker_config "$PORT_ON" ",
  \"policy\": { \"opaUrl\": \"http://127.0.0.1:$OPA_PORT\", \"timeoutMillis\": 500 }" true > "$WORK/worker-on.json"

declare -A WORKER
for variant in off on; do
  port="PORT_${variant^^}"
  echo "== starting the worker with policy $variant on 127.0.0.1:${!port}"
  # shellcheck disable=SC2086 # WORKER_JAVA_OPTS is a list of options
  java -Xms512m -Xmx512m "${WORKER_JVM_FLAGS[@]}" $WORKER_JAVA_OPTS -cp "$WORKER_CP" io.trustfabric.worker.WorkerMain \
    --config "$WORK/worker-$variant.json" > "$WORK/worker-$variant.log" 2>&1 &
  WORKER[$variant]=$!; PIDS+=("${WORKER[$variant]}")
  for _ in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:${!port}/readyz" > /dev/null 2>&1; then break; fi
    if ! kill -0 "${WORKER[$variant]}" 2>/dev/null; then cat "$WORK/worker-$variant.log"; echo "worker exited"; exit 1; fi
    sleep 1
  done
  grep -E "now serving" "$WORK/worker-$variant.log" || true
done

echo "== one decision by hand (the benchmark's queries must be allowed by every rule)"
curl -fsS -X POST "http://127.0.0.1:$OPA_PORT/v1/data/trustfabric/decision/result" -H 'Content-Type: application/json' \
  -d '{"input": {"tenant": {"namespace": "load", "name": "bench", "modes": ["psi-ca", "psi"], "contractFlags": ["eu-data"],
        "normalization": "email-lowercase"},
       "partner": {"id": "load-driver", "region": "eu-west-1", "contractFlags": ["eu-data", "psi-allowed"], "modes": ["psi-ca", "psi"]},
       "query": {"mode": "psi-ca", "setSize": '"$ELEMENTS"', "normalization": "email-lowercase"},
       "volume": {"hour": {"queries": 0, "elements": 0}, "day": {"queries": 0, "elements": 0}},
       "budget": {"enforced": false}, "time": "2026-12-03T13:00:00Z"}}'
echo

# --- measuring --------------------------------------------------------------------------------------------------
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
HZ="$(getconf CLK_TCK)"

# count, mean (ms) and p50/p95/p99 (ms, interpolated within the classic buckets as histogram_quantile does) of a
# histogram between two scrapes, summed over all label sets
hist() { # metric before after
  awk -v name="$1" '
    FNR == 1 { f++ }
    index($0, name "_bucket{") == 1 {
      match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5)
      if (f == 1) b1[le] += $NF; else b2[le] += $NF; seen[le] = 1 }
    index($0, name "_count{") == 1 { if (f == 1) c1 += $NF; else c2 += $NF }
    index($0, name "_sum{") == 1 { if (f == 1) s1 += $NF; else s2 += $NF }
    function q(p,   target, i, lo, locum, cum) {
      target = p * count; lo = 0; locum = 0
      for (i = 1; i <= n; i++) {
        cum = b2[les[i]] - b1[les[i]]
        if (cum >= target) {
          if (i == 1) return "<" 1000 * les[i]  # no lower bound to interpolate from
          return sprintf("%.3f", 1000 * (lo + (les[i] - lo) * (cum == locum ? 1 : (target - locum) / (cum - locum))))
        }
        lo = les[i] + 0; locum = cum
      }
      return ">" 1000 * lo
    }
    END {
      for (le in seen) if (le != "+Inf") les[++n] = le
      for (i = 2; i <= n; i++) for (j = i; j > 1 && les[j - 1] + 0 > les[j] + 0; j--) { t = les[j]; les[j] = les[j - 1]; les[j - 1] = t }
      count = c2 - c1
      if (count <= 0) { print "0 - - - -"; exit }
      printf "%d %.3f %s %s %s\n", count, 1000 * (s2 - s1) / count, q(0.5), q(0.95), q(0.99)
    }' "$2" "$3"
}

TABLE="$WORK/table.md"
echo "| time (UTC) | policy | offered | achieved | errors | p50 / p95 / p99 (ms) | SLO: 0 errors, p95 < 100 ms | decision mean / p95 (ms) | request mean (server, ms) | decision share of request | worker CPU (cores; µs/req) | OPA CPU (cores; µs/req) | driver CPU (µs/req) | load avg |" > "$TABLE"
echo "|---|---|---:|---:|---:|---|---|---|---:|---:|---|---|---:|---|" >> "$TABLE"

drive() { # variant rate
  local variant="$1" rate="$2" port="PORT_${1^^}" out="$WORK/drive-$1-$2.txt"
  local wpid="${WORKER[$variant]}" load started
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  started="$(date -u +%H:%M:%S)"
  echo "== $started policy $variant: $rate req/s of $ELEMENTS elements for ${DURATION}s after ${WARMUP}s warm-up (load average $load)"
  # shellcheck disable=SC2086
  java -Xmx256m $DRIVER_JAVA_OPTS -cp "$DRIVER_CP" io.trustfabric.loadtest.LoadDriver \
    --endpoint "http://127.0.0.1:${!port}" --mode psi-ca --rate "$rate" \
    --warmup-seconds "$WARMUP" --duration-seconds "$DURATION" --elements "$ELEMENTS" > "$out" 2>&1 &
  local dpid=$!
  # the driver's warm-up starts right after it prints "precomputed"; the measured window WARMUP seconds later
  until grep -q '^precomputed' "$out"; do
    kill -0 "$dpid" 2>/dev/null || { cat "$out"; echo "driver exited"; exit 1; }
    sleep 0.05
  done
  sleep "$WARMUP"
  curl -fsS "http://127.0.0.1:${!port}/metrics" > "$WORK/m1"
  local w1 o1 t1 w2 o2 t2
  w1="$(cpu_ticks "$wpid")"; o1="$(cpu_ticks "$OPA_PID")"; t1="$(date +%s.%N)"
  local ppid="" profile="$OPA_PROFILE/opa-$rate-$(date -u +%H%M%S).pprof"
  if [[ -n "$OPA_PROFILE" && "$variant" == "on" ]]; then
    curl -fsS -o "$profile" "http://127.0.0.1:$OPA_PORT/debug/pprof/profile?seconds=$((DURATION - 1))" & ppid=$!
  fi
  wait "$dpid" || { cat "$out"; echo "driver failed"; exit 1; }
  if [[ -n "$ppid" ]]; then
    wait "$ppid" || true
    echo "OPA CPU profile $profile:"
    go tool pprof -top -nodecount=30 "$OPA" "$profile" 2>/dev/null | sed -n '1,40p' || true
    go tool pprof -top -cum -nodecount=40 "$OPA" "$profile" 2>/dev/null | sed -n '6,50p' > "$profile.cum.txt" || true
  fi
  w2="$(cpu_ticks "$wpid")"; o2="$(cpu_ticks "$OPA_PID")"; t2="$(date +%s.%N)"
  curl -fsS "http://127.0.0.1:${!port}/metrics" > "$WORK/m2"
  sed -n '/^target rate/,$p' "$out"
  local policy request json
  policy="$(hist trustfabric_psi_policy_decision_duration_seconds "$WORK/m1" "$WORK/m2")"
  request="$(hist trustfabric_psi_request_duration_seconds "$WORK/m1" "$WORK/m2")"
  json="$(grep '^{"targetRps"' "$out")"
  echo "worker decisions   $policy   (count, mean, p50, p95, p99 in ms)"
  echo "worker requests    $request   (count, mean, p50, p95, p99 in ms)"
  awk -v policy="$policy" -v request="$request" -v json="$json" -v variant="$variant" -v started="$started" \
      -v load="$load" -v w="$((w2 - w1))" -v o="$((o2 - o1))" -v hz="$HZ" -v t1="$t1" -v t2="$t2" \
      -v drivercpu="$(sed -n 's/^driver CPU .*(\([0-9.]*\) us per request.*/\1/p' "$out")" '
    function field(name,   re) { re = "\"" name "\":[^,}]*"; match(json, re); return substr(json, RSTART + length(name) + 3, RLENGTH - length(name) - 3) }
    BEGIN {
      split(policy, p, " "); split(request, r, " ")
      rps = field("achievedRps"); failed = field("failed"); p95 = field("p95Ms")
      slo = (failed + 0 == 0 && p95 + 0 < 100) ? "met" : "not met"
      share = (r[2] > 0 && p[2] != "-") ? sprintf("%.1f %%", 100 * p[2] / r[2]) : "-"
      wc = w / hz; oc = o / hz; secs = t2 - t1
      printf "| %s | %s | %s | %.1f | %d (%.2f %%) | %.2f / %.2f / %.2f | %s | %s / %s | %s | %s | %.2f; %.0f | %s | %s | %s |\n",
        started, variant, field("targetRps"), rps, failed, 100 * field("errorRate"), field("p50Ms"), p95, field("p99Ms"),
        slo, p[2], p[4], r[2], share, wc / secs, 1e6 * wc / r[1],
        variant == "on" ? sprintf("%.2f; %.0f", oc / secs, 1e6 * oc / r[1]) : sprintf("%.2f (idle)", oc / secs),
        drivercpu, load
    }' | tee -a "$TABLE"
}

for rate in $RATES; do
  for variant in $VARIANTS; do
    drive "$variant" "$rate"
  done
done

echo "== decision logs received by the sink (all runs, warm-ups included): $(curl -fsS "http://127.0.0.1:$SINK_PORT/stats")"
grep -c '"level":"error"' "$WORK/opa.log" | sed 's/^/OPA error lines: /' || true
echo "== summary (decision = trustfabric_psi_policy_decision_duration_seconds, request = trustfabric_psi_request_duration_seconds, both over the measured window)"
cat "$TABLE"
if [[ -n "$RESULTS" ]]; then cat "$TABLE" >> "$RESULTS"; fi
