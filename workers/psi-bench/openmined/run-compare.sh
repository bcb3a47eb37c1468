#!/usr/bin/env bash
# Side-by-side benchmark: OpenMined psi.js 2.0.6 (WebAssembly, P-256) against Trust Fabric's psi-core
# (Java, Curve25519), on the same set sizes, one thread each, in one session. Prints a Markdown table.
#
# Usage: workers/psi-bench/openmined/run-compare.sh [--quick] [--wait-quiet SECONDS] [plan options]
#   --quick               small sizes (server 2,000; requests 32 and 1,000), about a minute: a smoke test
#   --wait-quiet SECONDS  first wait up to SECONDS for the 1-minute load average to drop below QUIET_LOAD (1.5)
#   plan options          passed to both sides: --server-sizes 10000,100000 --client-sizes 32,1000 --min-runs 3
#                         --setup-elements 50000 --query-elements 5000 --fpr 1e-9 (these are the defaults)
# Results (JSON lines, the table, the machine) go to $BENCH_OUT, default workers/psi-bench/openmined/results/<time>.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
jar="$root/workers/psi-bench/target/psi-bench-benchmarks.jar"
main_class=io.trustfabric.bench.openmined.OpenMinedComparison
quiet_load="${QUIET_LOAD:-1.5}"

plan=()
wait_quiet=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) plan+=(--server-sizes 2000 --client-sizes 32,1000 --setup-elements 4000 --query-elements 2000); shift ;;
    --wait-quiet) wait_quiet="${2:?--wait-quiet needs a number of seconds}"; shift 2 ;;
    --*) plan+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    *) echo "run-compare.sh: unexpected argument '$1'" >&2; exit 64 ;;
  esac
done

for tool in java node npm; do
  command -v "$tool" >/dev/null || { echo "run-compare.sh: $tool is not on PATH" >&2; exit 1; }
done

load1() { cut -d' ' -f1 /proc/loadavg; }
is_quiet() { awk -v l="$(load1)" -v q="$quiet_load" 'BEGIN { exit !(l < q) }'; }

if [[ ! -d "$here/node_modules/@openmined/psi.js" ]]; then
  echo "== installing psi.js from package-lock.json (npm ci; install scripts off, see .npmrc)"
  (cd "$here" && npm ci --no-audit --no-fund)
fi

if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/workers/psi-core/src/main" "$root/workers/psi-bench/src/main" \
      "$root/workers/psi-bench/pom.xml" -newer "$jar" -type f -print -quit)" ]]; then
  echo "== building the benchmarks jar"
  (cd "$root" && ./mvnw -B -q -pl workers/psi-bench -am package -DskipTests)
fi

if (( wait_quiet > 0 )) && ! is_quiet; then
  echo "== waiting up to ${wait_quiet}s for the 1-minute load average ($(load1)) to drop below $quiet_load"
  deadline=$((SECONDS + wait_quiet))
  while ! is_quiet && (( SECONDS < deadline )); do sleep 10; done
fi

out="${BENCH_OUT:-$here/results/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
psijs_version="$(node -p "require('$here/node_modules/@openmined/psi.js/package.json').version")"
{
  echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cores:       $(nproc)"
  echo "cpu:         $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)" \
       "(family $(awk -F': ' '/^cpu family/ {print $2; exit}' /proc/cpuinfo)," \
       "model $(awk -F': ' '/^model\t/ {print $2; exit}' /proc/cpuinfo)," \
       "$(awk -F': ' '/^cpu MHz/ {printf "%.0f MHz", $2; exit}' /proc/cpuinfo))"
  echo "java:        $(java -version 2>&1 | head -1)"
  echo "node:        $(node --version)"
  echo "psi.js:      $psijs_version"
  echo "plan:        ${plan[*]:-(defaults)}"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"

echo "== Trust Fabric psi-core (Java, Curve25519)"
# the worker's JVM flags (docs/worker-api.md, "JVM flags"): the SIMD ladder needs the Vector API module
java -XX:-UseCompressedOops --add-modules jdk.incubator.vector -cp "$jar" "$main_class" "${plan[@]}" \
  > "$out/trust-fabric.jsonl"
echo "load after Java: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"

echo "== OpenMined psi.js $psijs_version (WebAssembly, P-256)"
node "$here/bench-psijs.js" "${plan[@]}" > "$out/psi-js.jsonl"
echo "load after psi.js: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"

# What the curves cost natively on this CPU (OpenSSL, assembly): separates "P-256 vs Curve25519" from
# "WebAssembly vs Java" when reading the table.
if command -v openssl >/dev/null; then
  echo "== native reference: openssl speed -seconds ${OPENSSL_SECONDS:-3} ecdhp256 ecdhx25519 (one core)"
  openssl speed -seconds "${OPENSSL_SECONDS:-3}" ecdhp256 ecdhx25519 2>/dev/null > "$out/openssl.txt"
  awk '/ecdh \(nistp256\)/ {p = $NF} /ecdh \(X25519\)/ {x = $NF}
       END { if (p > 0 && x > 0)
               printf "native OpenSSL, one core: P-256 ECDH %.1f µs/op, X25519 %.1f µs/op (P-256 costs %.2f× X25519)\n",
                      1e6 / p, 1e6 / x, x / p }' "$out/openssl.txt" | tee "$out/native.txt"
fi

echo
node "$here/compare-table.js" "$out/psi-js.jsonl" "$out/trust-fabric.jsonl" | tee "$out/table.md"
echo
echo "results: $out"
