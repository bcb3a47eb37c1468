"""After ./mvnw verify: fail when a test was skipped for want of the real binaries, or when a module whose tests need
them ran none with them (each such test appends a line to its module's target/real-binaries-tests.log), or when the
what-if report browser test did not run (it writes operator/controller/target/browser-tests.log)."""
import glob
import sys
import xml.etree.ElementTree as ET

EXPECTED = [("test-support", "real-kubernetes"), ("test-support", "real-binaries"),
            ("operator/api", "real-kubernetes"), ("operator/controller", "real-kubernetes"),
            ("operator/controller", "real-binaries"), ("workers/psi-worker", "real-binaries"),
            ("cli", "real-binaries"), ("policies", "real-binaries"), ("helm", "real-binaries"),
            ("helm", "real-kubernetes")]

skipped = []
for report in glob.glob("**/target/surefire-reports/TEST-*.xml", recursive=True):
    for case in ET.parse(report).getroot().iter("testcase"):
        skip = case.find("skipped")
        if skip is not None and "test-binaries.sh" in (skip.get("message") or "") + (skip.text or ""):
            skipped.append(f"{case.get('classname')}.{case.get('name')}: {skip.get('message')}")
if skipped:
    print("ci: tests skipped for want of the real binaries:\n  " + "\n  ".join(skipped), file=sys.stderr)
    sys.exit(1)

ran = {}
for log in glob.glob("**/target/real-binaries-tests.log", recursive=True):
    module = log.split("/target/")[0]
    with open(log, encoding="utf-8") as lines:
        for line in lines:
            key = (module, line.split("\t")[0])
            ran[key] = ran.get(key, 0) + 1
missing = [f"{module} ({kind})" for module, kind in EXPECTED if ran.get((module, kind), 0) == 0]
if missing:
    print("ci: no test ran with the real binaries in: " + ", ".join(missing), file=sys.stderr)
    sys.exit(1)
# The what-if report browser test (headless chromium) fails rather than skips in CI; it must also have run.
if not glob.glob("operator/controller/target/browser-tests.log"):
    print("ci: the what-if report browser test (ScenarioReportInBrowserTest) did not run", file=sys.stderr)
    sys.exit(1)
print("ci: tests run with the real binaries: "
      + ", ".join(f"{module} {kind} {count}" for (module, kind), count in sorted(ran.items()))
      + f"; {sum(ran.values())} in all")
