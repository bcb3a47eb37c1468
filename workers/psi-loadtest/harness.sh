# Shared by run-load.sh and run-fair-share.sh (sourced, not run): builds the worker and the drivers, sets
# WORKER_CP / DRIVER_CP, a temporary WORK directory removed on exit with the worker (WORKER_PID) stopped, and
# WORKER_JVM_FLAGS, the JVM flags the worker image uses (docs/worker-api.md, "JVM flags").
# Expects ROOT (the repository root) to be set.

WORKER_JVM_FLAGS=(-XX:-UseCompressedOops --add-modules jdk.incubator.vector)

cd "$ROOT"
echo "== building worker and driver"
./mvnw -B -o -q -pl workers/psi-worker,workers/psi-loadtest -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt

WORKER_CP="$(ls workers/psi-worker/target/psi-worker-*.jar | head -1):$(cat workers/psi-worker/target/classpath.txt)"
DRIVER_CP="$(ls workers/psi-loadtest/target/psi-loadtest-*.jar | head -1):$(cat workers/psi-loadtest/target/classpath.txt)"

WORK="$(mktemp -d)"
WORKER_PID=""
cleanup() {
  if [[ -n "$WORKER_PID" ]]; then kill "$WORKER_PID" 2>/dev/null || true; wait "$WORKER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
