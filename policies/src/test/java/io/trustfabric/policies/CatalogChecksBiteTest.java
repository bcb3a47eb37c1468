package io.trustfabric.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.testsupport.RepositoryRoot;
import io.trustfabric.testsupport.RequiresOpa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog checks of {@link PolicyCatalogTest} fail, naming the file and the reason, when the catalog is broken:
 * each test breaks a temporary copy of policies/ and runs the same {@link RegoFolder} helper over it.
 */
@RequiresOpa
class CatalogChecksBiteTest {

    private static RegoFolder brokenCopy(ControlPlaneBinaries binaries, Path dir) {
        return new RegoFolder(binaries, RepositoryRoot.find().resolve("policies")).copyTo(dir.resolve("policies"));
    }

    private static void write(RegoFolder folder, String file, String text) throws IOException {
        Path path = folder.root().resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    @Test
    void formatCheckListsAnUnformattedModule(ControlPlaneBinaries binaries, @TempDir Path dir) throws IOException {
        RegoFolder copy = brokenCopy(binaries, dir);
        write(copy, "sloppy/v1/sloppy.rego", """
                package sloppy.v1

                allow   if { input.region == "eu-west-1" }
                """);

        assertThat(copy.unformatted()).containsExactly("sloppy/v1/sloppy.rego");
    }

    @Test
    void strictCheckReportsAnUnusedVariableWithItsFileAndLine(ControlPlaneBinaries binaries, @TempDir Path dir)
            throws IOException {
        RegoFolder copy = brokenCopy(binaries, dir);
        write(copy, "broken/v1/broken.rego", """
                package broken.v1

                allow if {
                	region := input.region
                	input.partner == "globex"
                }
                """);

        RegoFolder.StrictCheck check = copy.check();

        assertThat(check.passed()).isFalse();
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.problems()).contains(
                new RegoFolder.Problem("broken/v1/broken.rego", 4, "rego_compile_error: assigned var region unused"));
    }

    @Test
    void testRunReportsAFailingTestWithItsFileAndName(ControlPlaneBinaries binaries, @TempDir Path dir)
            throws IOException {
        RegoFolder copy = brokenCopy(binaries, dir);
        write(copy, "failing/v1/failing.rego", """
                package failing.v1

                allow if input.region == "eu-west-1"
                """);
        write(copy, "failing/v1/failing_test.rego", """
                package failing.v1_test

                import data.failing.v1

                test_eu_west_allowed if v1.allow with input as {"region": "eu-west-1"}

                test_us_east_allowed if {
                	print("region us-east-1")
                	v1.allow with input as {"region": "us-east-1"}
                }
                """);

        RegoFolder.TestRun run = copy.test();

        assertThat(run.passed()).isFalse();
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.file()).isEqualTo("failing/v1/failing_test.rego");
            assertThat(failure.row()).isEqualTo(7);
            assertThat(failure.name()).isEqualTo("data.failing.v1_test.test_us_east_allowed");
            assertThat(failure.printed()).isEqualTo("region us-east-1\n");
        });
        // the catalog's own tests run too, and pass
        assertThat(run.results()).filteredOn(result -> result.file().startsWith("failing/"))
                .filteredOn(result -> !result.failed()).extracting(RegoFolder.TestResult::name)
                .containsExactly("data.failing.v1_test.test_eu_west_allowed");
        assertThat(run.verboseReport()).contains("data.failing.v1_test.test_us_east_allowed: FAIL");
    }

    @Test
    void testRunReportsATestThatDoesNotCompile(ControlPlaneBinaries binaries, @TempDir Path dir) throws IOException {
        RegoFolder copy = brokenCopy(binaries, dir);
        write(copy, "typo/v1/typo_test.rego", """
                package typo.v1_test

                test_undefined_function if regoin(input) == "eu-west-1"
                """);

        RegoFolder.TestRun run = copy.test();

        assertThat(run.passed()).isFalse();
        assertThat(run.ranNoTests()).isFalse();
        assertThat(run.messages()).contains("typo/v1/typo_test.rego:3", "undefined function regoin");
    }

    @Test
    void coverageReportsModulesTheTestsLeaveUncoveredOrThatOpaDidNotLoad(ControlPlaneBinaries binaries,
            @TempDir Path dir) throws IOException {
        RegoFolder copy = brokenCopy(binaries, dir);
        write(copy, "partial/v1/partial.rego", """
                package partial.v1

                allow if input.region == "eu-west-1"

                reason := "region not allowed" if not allow
                """);
        write(copy, "partial/v1/partial_test.rego", """
                package partial.v1_test

                import data.partial.v1

                test_eu_west_allowed if v1.allow with input as {"region": "eu-west-1"}
                """);
        write(copy, "untested/v1/untested.rego", """
                package untested.v1

                allow if input.region == "eu-west-1"
                """);
        // a folder named like the Maven module's own src/ is skipped by opa at any depth: the report shows it
        write(copy, "nested/v1/src/hidden.rego", """
                package nested.v1

                allow if input.region == "eu-west-1"
                """);

        RegoFolder.Coverage coverage = copy.coverage();

        assertThat(coverage.byFile()).containsEntry("partial/v1/partial.rego", 50.0)
                .containsEntry("partial/v1/partial_test.rego", 100.0)
                .containsEntry("untested/v1/untested.rego", 0.0)
                .doesNotContainKey("nested/v1/src/hidden.rego");
        assertThat(copy.modules()).contains("nested/v1/src/hidden.rego");
        assertThat(coverage.belowThreshold(copy.modules(), RegoFolder.COVERAGE_THRESHOLD)).containsExactlyInAnyOrder(
                "partial/v1/partial.rego: 50.0 % (threshold 90.0 %)",
                "untested/v1/untested.rego: 0.0 % (threshold 90.0 %)",
                "nested/v1/src/hidden.rego: not in opa's coverage report (not loaded, or under an ignored folder)");
    }

    /** What opa 1.22 does with a catalog that has no Rego at all: it checks nothing, and runs no test, and says so. */
    @Test
    void anEmptyCatalogRunsNoTestAndOpaSaysSo(ControlPlaneBinaries binaries, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("README.md"), "# nothing here yet\n");
        RegoFolder empty = new RegoFolder(binaries, dir);

        RegoFolder.StrictCheck check = empty.check();
        RegoFolder.TestRun run = empty.test();
        RegoFolder.Coverage coverage = empty.coverage();

        assertThat(empty.regoFiles()).isEmpty();
        assertThat(check.passed()).as(check.output()).isTrue();
        // without --fail-on-empty opa test would exit 0 here, having run nothing; with it, opa exits 1
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.results()).isEmpty();
        assertThat(run.messages()).contains("no tests were run");
        assertThat(run.ranNoTests()).isTrue();
        assertThat(run.passed()).isFalse();
        assertThat(coverage.byFile()).isEmpty();
    }
}
