package io.trustfabric.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.testsupport.RepositoryRoot;
import io.trustfabric.testsupport.RequiresOpa;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy macro catalog (policies/, without this module's src/ and target/) passes the real opa: a strict check,
 * its Rego tests, and line coverage of at least {@value RegoFolder#COVERAGE_THRESHOLD} % for every module. While the
 * catalog holds no Rego (until the macros arrive), the tests say so and check that opa sees the same empty catalog.
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
        if (catalog.regoFiles().isEmpty()) {
            // The catalog has no Rego yet: opa finds no test, and (run with --fail-on-empty) says so instead of
            // passing. Once a module arrives this branch is gone and its tests must pass.
            assertThat(run.ranNoTests()).as("the catalog has no Rego yet, so opa must report that it ran no tests: %s",
                    run.describe()).isTrue();
            return;
        }
        assertThat(run.failures()).as(run.describe()).isEmpty();
        assertThat(run.passed()).as(run.describe()).isTrue();
    }

    @Test
    void everyModuleMeetsTheCoverageThreshold(ControlPlaneBinaries binaries) {
        RegoFolder catalog = catalog(binaries);
        List<String> regoFiles = catalog.regoFiles();

        RegoFolder.Coverage coverage = catalog.coverage();

        // opa and this test agree on what the catalog is (no stray file, no folder opa skipped) ...
        assertThat(coverage.byFile().keySet()).as("files in opa's coverage report").isSubsetOf(regoFiles);
        // ... and every module is covered; with no Rego yet there is no module, and opa reports no file.
        assertThat(coverage.belowThreshold(catalog.modules(), RegoFolder.COVERAGE_THRESHOLD))
                .as("modules below %s %% line coverage; opa's report:\n%s", RegoFolder.COVERAGE_THRESHOLD,
                        coverage.json())
                .isEmpty();
        if (regoFiles.isEmpty()) {
            assertThat(coverage.byFile()).as("the catalog has no Rego yet").isEmpty();
        }
    }
}
