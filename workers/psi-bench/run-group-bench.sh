#!/usr/bin/env bash
# Measures the PSI group against OpenSSL's X25519 on this machine, in one run.
#   (a) openssl speed ecdhx25519 (one core)   (b) the JMH group benchmarks (one thread)
#   (c) prints our scalar multiplications per second per core and the ratio to OpenSSL.
# Usage: workers/psi-bench/run-group-bench.sh [--short]
#   --short   1 warm-up + 3 measurement iterations of 2 s each and openssl for 2 s (about 1.5 minutes)
# Environment: OPENSSL_SECONDS, JMH_ARGS (extra JMH options), BENCH_OUT (results directory),
#   JAVA (the java binary to measure with, default: java on PATH; e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$here/target/psi-bench-benchmarks.jar"
out="${BENCH_OUT:-$here/target/bench-results}"
mkdir -p "$out"

openssl_seconds="${OPENSSL_SECONDS:-5}"
jmh_config=(-f 1 -t 1)
if [[ "${1:-}" == "--short" ]]; then
  openssl_seconds="${OPENSSL_SECONDS:-2}"
  jmh_config+=(-wi 1 -w 2s -i 3 -r 2s)
fi

command -v openssl >/dev/null || { echo "openssl is not installed (apt-get install openssl)" >&2; exit 1; }
java_bin="${JAVA:-java}"
command -v "$java_bin" >/dev/null || { echo "$java_bin is not installed (set JAVA to a java binary)" >&2; exit 1; }

if [[ ! -f "$jar" ]]; then
  echo "== building the benchmarks jar"
  (cd "$root" && ./mvnw -B -q -pl workers/psi-bench -am package -DskipTests)
fi

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(openssl version)"
echo "== java: $("$java_bin" -version 2>&1 | head -1)"

echo "== (a) openssl speed -seconds $openssl_seconds ecdhx25519"
openssl speed -seconds "$openssl_seconds" ecdhx25519 2>/dev/null | tee "$out/openssl.txt" | tail -2
# the result line looks like: " 253 bits ecdh (X25519)   0.0000s  27260.0"
openssl_ops="$(awk '/ecdh \(X25519\)/ {print $NF}' "$out/openssl.txt" | tail -1)"
[[ -n "$openssl_ops" ]] || { echo "could not read the X25519 rate from openssl speed" >&2; exit 1; }

echo "== (b) JMH ${jmh_config[*]} ${JMH_ARGS:-}"
# shellcheck disable=SC2086
"$java_bin" -jar "$jar" "${jmh_config[@]}" ${JMH_ARGS:-} -rf csv -rff "$out/jmh.csv" 'GroupBenchmark' | tee "$out/jmh.txt" | tail -8

echo "== (c) summary"
awk -F, -v openssl="$openssl_ops" '
  NR > 1 {
    gsub(/"/, "", $1); name = $1; sub(/.*\./, "", name)
    score[name] = $5; err[name] = $6
  }
  END {
    printf "%-28s %12s %10s\n", "benchmark (1 thread)", "ops/s", "+-99.9%"
    for (n in score) printf "%-28s %12.0f %10.0f\n", n, score[n], err[n]
    printf "\nopenssl X25519 (1 core):     %12.0f ops/s\n", openssl
    printf "our multiply (1 core):       %12.0f mults/s  = %.2f x OpenSSL\n", score["multiply"], score["multiply"] / openssl
    printf "our multiplyAll (1 core):    %12.0f mults/s  = %.2f x OpenSSL\n", score["multiplyAll"], score["multiplyAll"] / openssl
    printf "our hashAndMultiply (1 core):%12.0f ops/s    = %.2f x OpenSSL\n", score["hashAndMultiply"], score["hashAndMultiply"] / openssl
  }' "$out/jmh.csv" | tee "$out/summary.txt"
echo "results: $out"
