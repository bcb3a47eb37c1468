package io.trustfabric.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.OpaServer;
import io.trustfabric.testsupport.RequiresOpa;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole catalog pipeline on a tiny test-only bundle (src/test/resources/fixture-bundle: a module, its Rego tests,
 * its parameters as data.json and decision cases): strict check, Rego tests with coverage, and each decision case
 * asked of a real {@code opa run --server} over HTTP.
 */
@RequiresOpa
class FixtureBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path fixture() throws URISyntaxException {
        return Path.of(FixtureBundleTest.class.getResource("/fixture-bundle").toURI());
    }

    @Test
    void fixturePassesTheStrictCheckItsTestsAndTheCoverageThreshold(ControlPlaneBinaries binaries) throws Exception {
        RegoFolder fixture = new RegoFolder(binaries, fixture());

        RegoFolder.StrictCheck check = fixture.check();
        RegoFolder.TestRun run = fixture.test();
        RegoFolder.Coverage coverage = fixture.coverage();

        assertThat(check.passed()).as(check.output()).isTrue();
        assertThat(run.passed()).as(run.describe()).isTrue();
        assertThat(run.results()).extracting(RegoFolder.TestResult::name).contains(
                "data.fixture.residency_test.test_allowed_region_and_partner",
                "data.fixture.residency_test.test_parameters_come_from_data");
        assertThat(fixture.modules()).containsExactly("residency.rego");
        assertThat(coverage.belowThreshold(fixture.modules(), RegoFolder.COVERAGE_THRESHOLD)).isEmpty();
    }

    @Test
    void opaServesEveryDecisionCase(ControlPlaneBinaries binaries, @TempDir Path logs) throws Exception {
        JsonNode decisions = JSON.readTree(fixture().resolve("decisions.json").toFile());
        String path = decisions.path("path").asText();
        List<JsonNode> cases = List.copyOf(JSON.convertValue(decisions.path("cases"),
                JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class)));
        // the cases mean something only if both answers occur
        assertThat(cases).extracting(c -> c.path("expected").path("allow").asBoolean()).contains(true, false);

        try (OpaServer opa = OpaServer.withBundles(binaries, logs, List.of(fixture()))) {
            for (JsonNode decisionCase : cases) {
                JsonNode answer = JSON.readTree(opa.decide(path, JSON.writeValueAsString(decisionCase.path("input"))));
                assertThat(answer.path("result")).as("%s: %s", decisionCase.path("name").asText(), answer)
                        .isEqualTo(decisionCase.path("expected"));
            }
        }
    }
}
