package io.trustfabric.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.testsupport.RepositoryRoot;
import io.trustfabric.testsupport.RequiresOpa;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy macro catalog (policies/, without this module's src/ and target/) passes the real opa: a strict check,
 * its Rego tests, line coverage of at least {@value RegoFolder#COVERAGE_THRESHOLD} % for every module, and opa fmt.
 */
@RequiresOpa
class PolicyCatalogTest {

    private static RegoFolder catalog(ControlPlaneBinaries binaries) {
        return new RegoFolder(binaries, RepositoryRoot.find().resolve("policies"));
    }

    @Test
    void catalogPassesTheStrictCheck(ControlPlaneBinaries binaries) {
        RegoFolder catalog = catalog(binaries);

        RegoFolder.StrictCheck check = catalog.check();

        System.out.println("[policies] opa " + binaries.opaVersion() + " check --strict over " + catalog.regoFiles().size()
                + " Rego files: " + (check.passed() ? "passed" : "failed"));
        assertThat(check.problems()).as(check.output()).isEmpty();
        assertThat(check.passed()).as(check.output()).isTrue();
    }

    @Test
    void catalogTestsPass(ControlPlaneBinaries binaries) {
        RegoFolder catalog = catalog(binaries);

        RegoFolder.TestRun run = catalog.test();

        System.out.println("[policies] opa test -v:\n" + run.verboseReport());
        assertThat(run.failures()).as(run.describe()).isEmpty();
        assertThat(run.passed()).as(run.describe()).isTrue();
        // every test file ran: each macro version's and the decision module's
        List<String> testFiles = catalog.regoFiles().stream().filter(f -> f.endsWith("_test.rego")).toList();
        assertThat(run.results()).extracting(RegoFolder.TestResult::file).containsAll(testFiles);
        assertThat(testFiles).contains("decision/decision_test.rego", "residency/v1/macro_test.rego");
    }

    @Test
    void catalogIsFormattedByOpaFmt(ControlPlaneBinaries binaries) {
        RegoFolder catalog = catalog(binaries);

        assertThat(catalog.regoFiles()).isNotEmpty();
        assertThat(catalog.unformatted()).as("files opa fmt would change (run opa fmt -w on them)").isEmpty();
    }

    @Test
    void everyModuleMeetsTheCoverageThreshold(ControlPlaneBinaries binaries) {
        RegoFolder catalog = catalog(binaries);
        List<String> regoFiles = catalog.regoFiles();

        RegoFolder.Coverage coverage = catalog.coverage();

        // opa and this test agree on what the catalog is (no stray file, no folder opa skipped) ...
        assertThat(coverage.byFile().keySet()).as("files in opa's coverage report").isSubsetOf(regoFiles);
        // ... and every module is covered
        assertThat(catalog.modules()).contains("decision/decision.rego", "residency/v1/macro.rego");
        assertThat(coverage.belowThreshold(catalog.modules(), RegoFolder.COVERAGE_THRESHOLD))
                .as("modules below %s %% line coverage; opa's report:\n%s", RegoFolder.COVERAGE_THRESHOLD,
                        coverage.json())
                .isEmpty();
        System.out.println("[policies] line coverage per module: " + new java.util.TreeMap<>(coverage.byFile())
                .entrySet().stream().filter(e -> !e.getKey().endsWith("_test.rego")).toList());
    }
}
