package io.trustfabric.cli.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.trustfabric.cli.TfctlRun;
import io.trustfabric.cli.local.CrdInstaller;
import io.trustfabric.cli.local.MockApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * tfctl apply validates trustfabric.io objects against the CRDs packaged in the CLI before sending anything: an invalid
 * object (enum, CEL rule) is refused with the API server's path and message and nothing of the file is applied; an
 * unknown field is left out with a warning (--validate=warn, the default) or refused (strict); --validate=false sends
 * the object as written (then the API server, here local mode's mock, decides).
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class ApplyValidationTest {

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: acme-customers, namespace: trust}
            data: {emails-sha256.txt: ""}
            ---
            """;
    private static final String TENANT = """
            apiVersion: trustfabric.io/v1alpha1
            kind: Tenant
            metadata: {name: acme, namespace: trust}
            spec:
              modes: [MODES]
              dataset:
                configMapRef: {name: acme-customers, key: emails-sha256.txt}
                normalization: email-lowercase-sha256
              workers:
                replicas: 1
            """;

    @TempDir
    Path tmp;

    private MockApiServer server;
    private Path kubeconfig;

    @BeforeEach
    void startServer() {
        server = MockApiServer.start(0);
        CrdInstaller.install(server.client());
        server.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("trust").endMetadata().build()).create();
        kubeconfig = server.writeKubeconfig(tmp.resolve("kubeconfig"), "trust");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void badEnumValueIsRefusedWithItsPathAndNothingOfTheFileIsApplied() throws Exception {
        TfctlRun result = apply(CONFIG_MAP + TENANT.replace("MODES", "psi-ca, psi-everything"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("error: tenant.trustfabric.io/acme: refused by tfctl's validation: "
                        + "Tenant.trustfabric.io \"acme\" is invalid: [spec.modes[1]: Unsupported value: \"psi-everything\":"
                        + " supported values: \"psi\", \"psi-ca\", <nil>: Invalid value: \"null\": some validation rules were"
                        + " not checked")
                .contains("error: nothing applied: 1 of 2 objects failed validation");
        assertThat(result.out()).isEmpty();
        assertThat(server.client().configMaps().inNamespace("trust").withName("acme-customers").get())
                .as("the valid ConfigMap of the same file").isNull();
        assertThat(tenant()).isNull();
    }

    @Test
    void celRuleViolationIsRefusedWithTheRulesMessage() throws Exception {
        TfctlRun result = apply(TENANT.replace("MODES", "psi-ca")
                .replace("normalization:", "inline: \"a@example.com\"\n    normalization:"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Tenant.trustfabric.io \"acme\" is invalid: spec.dataset: Invalid value: "
                + "\"object\": set exactly one of dataset.secretRef, dataset.configMapRef or dataset.inline");
        assertThat(tenant()).isNull();
    }

    @Test
    void misspeltFieldIsLeftOutWithAWarningByDefault() throws Exception {
        TfctlRun result = apply(TENANT.replace("MODES", "psi-ca").replace("replicas: 1", "replcas: 2"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("Warning: unknown field \"spec.workers.replcas\" (tenant.trustfabric.io/acme;"
                + " left out)");
        assertThat(result.out().strip()).isEqualTo("tenant.trustfabric.io/acme created");
        assertThat(workers(tenant())).doesNotContainKey("replcas");
    }

    @Test
    void misspeltFieldIsRefusedUnderStrictValidation() throws Exception {
        TfctlRun result = apply(TENANT.replace("MODES", "psi-ca").replace("replicas: 1", "replcas: 2"),
                "--validate=strict");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("error: tenant.trustfabric.io/acme: refused by tfctl's validation: Tenant in"
                + " version \"v1alpha1\" cannot be handled as a Tenant: strict decoding error: unknown field"
                + " \"spec.workers.replcas\"");
        assertThat(tenant()).isNull();
    }

    @Test
    void validateFalseSendsTheObjectAsWrittenAndTheApiServerDecides() throws Exception {
        TfctlRun misspelt = apply(TENANT.replace("MODES", "psi-ca").replace("replicas: 1", "replcas: 2"),
                "--validate=false");
        assertThat(misspelt.exitCode()).isZero();
        assertThat(misspelt.err()).doesNotContain("Warning");
        assertThat(workers(tenant())).as("pruned by the mock API server").doesNotContainKey("replcas");

        TfctlRun badEnum = apply(TENANT.replace("MODES", "psi-everything").replace("replicas: 1", "replicas: 3"),
                "--validate=ignore");
        assertThat(badEnum.exitCode()).isEqualTo(1);
        assertThat(badEnum.err()).contains("refused by the API server (422").contains("spec.modes[0]: Unsupported value:"
                + " \"psi-everything\"").doesNotContain("tfctl's validation");
        assertThat(tenant()).isNotNull();
    }

    @Test
    void unknownValidateModeIsAnInvalidOption() throws Exception {
        TfctlRun result = apply(TENANT.replace("MODES", "psi-ca"), "--validate=lenient");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("must be one of strict (or true), warn, ignore (or false)");
        assertThat(tenant()).isNull();
    }

    private TfctlRun apply(String yaml, String... options) throws Exception {
        Path file = tmp.resolve("manifest-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml);
        List<String> args = new ArrayList<>(List.of("apply", "-f", file.toString(), "--kubeconfig", kubeconfig.toString()));
        args.addAll(List.of(options));
        return TfctlRun.of(args.toArray(String[]::new));
    }

    private GenericKubernetesResource tenant() {
        return server.client().genericKubernetesResources(KindCatalog.builtIn().require("tenants").context())
                .inNamespace("trust").withName("acme").get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> workers(GenericKubernetesResource tenant) {
        return (Map<String, Object>) ((Map<String, Object>) tenant.getAdditionalProperties().get("spec")).get("workers");
    }
}
