package io.trustfabric.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.OpaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OPA helper starts a real opa server with a bundle folder and answers decisions from it. */
@RequiresOpa
class OpaServerTest {

    @Test
    void servesDecisionsFromABundleFolder(ControlPlaneBinaries binaries, @TempDir Path dir) throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("regions.rego"), """
                package trustfabric.smoke

                default allow := false

                allow if input.region in data.trustfabric.smoke.regions
                """);
        Files.writeString(bundle.resolve("data.json"), "{\"trustfabric\":{\"smoke\":{\"regions\":[\"us-east-1\"]}}}");

        try (OpaServer opa = OpaServer.withBundles(binaries, dir.resolve("logs"), List.of(bundle))) {
            assertThat(opa.decide("trustfabric/smoke/allow", "{\"region\":\"us-east-1\"}")).isEqualTo("{\"result\":true}");
            assertThat(opa.decide("trustfabric/smoke/allow", "{\"region\":\"eu-west-1\"}")).isEqualTo("{\"result\":false}");
        }
    }

    @Test
    void strictCheckRefusesAnUnusedVariable(ControlPlaneBinaries binaries, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.rego"), """
                package trustfabric.smoke

                allow if {
                    x := input.region
                    true
                }
                """);
        CommandResult loose = CommandResult.run(List.of(binaries.opa().toString(), "check", file.toString()),
                java.time.Duration.ofSeconds(60));
        CommandResult strict = CommandResult.run(List.of(binaries.opa().toString(), "check", "--strict", file.toString()),
                java.time.Duration.ofSeconds(60));
        assertThat(loose.exitCode()).as(loose.output()).isZero();
        assertThat(strict.exitCode()).isNotZero();
        assertThat(strict.output()).contains("assigned var x unused");
    }
}
