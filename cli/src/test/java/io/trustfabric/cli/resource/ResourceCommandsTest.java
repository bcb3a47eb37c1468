package io.trustfabric.cli.resource;

import io.trustfabric.cli.TfctlRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.cli.local.CrdInstaller;
import io.trustfabric.cli.local.MockApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class ResourceCommandsTest {

    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart");

    @TempDir
    Path tmp;

    private MockApiServer server;
    private Path kubeconfig;

    @BeforeEach
    void startServer() {
        server = MockApiServer.start(0);
        CrdInstaller.install(server.client());
        kubeconfig = server.writeKubeconfig(tmp.resolve("kubeconfig"), "trust");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void applyCreatesThenReportsUnchangedThenConfigured() throws Exception {
        TfctlRun first = tfctl("apply", "-f", QUICKSTART.toString());
        assertThat(first.exitCode()).isZero();
        assertThat(first.out().lines()).containsExactly("namespace/trust created", "configmap/acme-customers created",
                "tenant.trustfabric.io/acme created", "secret/globex-api-key created",
                "partnerallowlist.trustfabric.io/acme-partners created",
                "privacybudget.trustfabric.io/acme-quickstart created");

        TfctlRun second = tfctl("apply", "-f", QUICKSTART.toString());
        assertThat(second.out().lines()).containsExactly("namespace/trust unchanged", "configmap/acme-customers unchanged",
                "tenant.trustfabric.io/acme unchanged", "secret/globex-api-key unchanged",
                "partnerallowlist.trustfabric.io/acme-partners unchanged",
                "privacybudget.trustfabric.io/acme-quickstart unchanged");

        writeTenantStatus("True", "AllComponentsReady");
        Path changed = tmp.resolve("tenant.yaml");
        Files.writeString(changed, Files.readString(QUICKSTART.resolve("30-tenant-acme.yaml"))
                .replace("replicas: 1", "replicas: 2"));
        TfctlRun third = tfctl("apply", "-f", changed.toString());
        assertThat(third.out().strip()).isEqualTo("tenant.trustfabric.io/acme configured");

        GenericKubernetesResource tenant = tenant();
        assertThat(JsonPathLite.render(ResourceView.tree(tenant), ".spec.workers.replicas")).isEqualTo("2");
        assertThat(JsonPathLite.render(ResourceView.tree(tenant), ".status.conditions[?(@.type==\"Ready\")].status"))
                .as("apply must keep the status the operator wrote").isEqualTo("True");
    }

    @Test
    void applyRejectsUnknownKindAndChangesNothing() throws Exception {
        Path file = tmp.resolve("mixed.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fine, namespace: trust}
                data: {a: b}
                ---
                apiVersion: example.com/v1
                kind: Gadget
                metadata: {name: nope}
                """);
        TfctlRun result = tfctl("apply", "-f", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("unsupported kind Gadget");
        assertThat(server.client().configMaps().inNamespace("trust").withName("fine").get()).isNull();
    }

    @Test
    void applyReportsMalformedYaml() throws Exception {
        Path file = tmp.resolve("broken.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n");
        TfctlRun result = tfctl("apply", "-f", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("cannot parse").contains("broken.yaml");
    }

    @Test
    void getPrintsTableWithReadinessWorkersEndpointAndConditions() {
        tfctl("apply", "-f", QUICKSTART.toString());
        TfctlRun before = tfctl("get", "tenants");
        assertThat(before.out().lines().findFirst().orElseThrow())
                .startsWith("NAME").contains("READY", "WORKERS", "ENDPOINT", "AGE").endsWith("CONDITIONS");
        assertThat(before.out()).contains("acme").contains("<none>");

        writeTenantStatus("False", "WorkersUnavailable");
        TfctlRun after = tfctl("get", "tn");
        String row = after.out().lines().filter(l -> l.startsWith("acme")).findFirst().orElseThrow();
        assertThat(row).containsPattern("acme\\s+False\\s").contains("http://acme-psi.trust.svc:8080")
                .contains("Ready=False (WorkersUnavailable)");
    }

    @Test
    void getAcrossNamespacesShowsNamespaceColumn() {
        tfctl("apply", "-f", QUICKSTART.toString());
        TfctlRun result = tfctl("get", "tenant", "-A");
        assertThat(result.out().lines().findFirst().orElseThrow()).startsWith("NAMESPACE");
        assertThat(result.out()).contains("trust");
        TfctlRun empty = tfctl("get", "tenants", "-n", "elsewhere");
        assertThat(empty.out().strip()).isEqualTo("No resources found in elsewhere namespace.");
    }

    @Test
    void getPrintsYamlAndJson() {
        tfctl("apply", "-f", QUICKSTART.toString());
        assertThat(tfctl("get", "tenant", "acme", "-o", "yaml").out()).contains("kind: \"Tenant\"").contains("name: \"acme\"");
        String json = tfctl("get", "tenants", "-o", "json").out();
        assertThat(json).contains("\"kind\" : \"List\"").contains("\"name\" : \"acme\"");
        assertThat(tfctl("get", "tenants", "-o", "wide").err()).contains("unknown output format");
    }

    @Test
    void getExplainsUnknownKindsAndMissingObjects() {
        TfctlRun unknown = tfctl("get", "gadgets");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown resource type \"gadgets\"").contains("tenants");
        TfctlRun missing = tfctl("get", "tenant", "ghost");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("tenant.trustfabric.io \"ghost\" not found in namespace trust");
    }

    private static final String CANARY_LANE = """
            apiVersion: trustfabric.io/v1alpha1
            kind: CanaryLane
            metadata:
              name: acme-canary
              namespace: trust
            spec:
              tenantRef: acme
              baseline: { image: "trust-fabric-worker:1.3.0" }
              candidate: { image: "trust-fabric-worker:1.4.0-rc1" }
              goldenQueries: { seed: 42, queries: 20, clientSetSize: 256, every: 1m }
              judge: { answersMustMatch: true, latencyConfidence: "0.99", maxP95RegressionPercent: 20 }
            """;

    @Test
    void getTheCategoryListsEveryTrustFabricKindLikeKubectl() throws Exception {
        tfctl("apply", "-f", QUICKSTART.toString());
        Path canary = Files.writeString(tmp.resolve("canary.yaml"), CANARY_LANE);
        assertThat(tfctl("apply", "-f", canary.toString()).exitCode()).isZero();

        TfctlRun category = tfctl("get", "trustfabric");
        assertThat(category.exitCode()).as(category.err()).isZero();
        assertThat(category.out().lines().filter(l -> l.startsWith("NAME ")).count())
                .as("one table per kind that has objects").isEqualTo(4);
        assertThat(category.out()).contains("tenant.trustfabric.io/acme", "partnerallowlist.trustfabric.io/acme-partners",
                        "privacybudget.trustfabric.io/acme-quickstart", "canarylane.trustfabric.io/acme-canary")
                .doesNotContain("configmap", "secret/", "globex-api-key");
        assertThat(category.err()).contains("CanaryLane is not reconciled yet");
        assertThat(tfctl("get", "TrustFabric", "-A").out()).startsWith("NAMESPACE").contains("tenant.trustfabric.io/acme");

        String json = tfctl("get", "trustfabric", "-o", "json").out();
        assertThat(json).contains("\"kind\" : \"List\"", "\"name\" : \"acme\"", "\"name\" : \"acme-canary\"",
                "\"name\" : \"acme-quickstart\"").doesNotContain("\"kind\" : \"ConfigMap\"", "\"kind\" : \"Secret\"");

        assertThat(tfctl("get", "trustfabric", "-n", "elsewhere").out().strip())
                .isEqualTo("No resources found in elsewhere namespace.");
        TfctlRun named = tfctl("get", "trustfabric", "acme");
        assertThat(named.exitCode()).isEqualTo(1);
        assertThat(named.err()).contains("is a category");
    }

    @Test
    void getCanaryLanesSaysTheyAreNotReconciledYet() throws Exception {
        tfctl("apply", "-f", QUICKSTART.toString());
        TfctlRun empty = tfctl("get", "canarylanes");
        assertThat(empty.err()).contains("Note: CanaryLane is not reconciled yet");
        Files.writeString(tmp.resolve("canary.yaml"), CANARY_LANE);
        tfctl("apply", "-f", tmp.resolve("canary.yaml").toString());
        TfctlRun listed = tfctl("get", "cl");
        assertThat(listed.out()).contains("acme-canary");
        assertThat(listed.err()).contains("Note: CanaryLane is not reconciled yet");
        for (String reconciled : List.of("tenants", "partnerallowlists", "privacybudgets", "policymacros",
                "trustpolicies", "whatifscenarios")) {
            assertThat(tfctl("get", reconciled, "-A").err()).as(reconciled).doesNotContain("not reconciled");
        }
    }

    @Test
    void theCategoryIsExactlyTheKindsWhoseCrdDeclaresIt() throws Exception {
        List<String> declared = new ArrayList<>();
        try (var files = Files.list(Path.of("..", "crds"))) {
            for (Path crd : files.sorted().toList()) {
                String text = Files.readString(crd);
                if (text.matches("(?s).*\\n    categories:\\n    - trustfabric\\n.*")) {
                    declared.add(text.replaceAll("(?s).*\\n    kind: (\\w+)\\n.*", "$1"));
                }
            }
        }
        assertThat(declared).hasSize(7);
        assertThat(KindCatalog.builtIn().category("trustfabric").stream().map(ResourceKind::kind).toList())
                .containsExactlyInAnyOrderElementsOf(declared);
        assertThat(KindCatalog.builtIn().category("tenants")).isEmpty();
    }

    @Test
    void describeShowsSpecStatusConditionsAndEvents() {
        tfctl("apply", "-f", QUICKSTART.toString());
        writeTenantStatus("False", "WorkersUnavailable");
        GenericKubernetesResource tenant = tenant();
        server.client().v1().events().inNamespace("trust").resource(new EventBuilder()
                .withNewMetadata().withName("acme.1").withNamespace("trust").endMetadata()
                .withNewInvolvedObject().withKind("Tenant").withName("acme").withNamespace("trust")
                .withUid(tenant.getMetadata().getUid()).withApiVersion("trustfabric.io/v1alpha1").endInvolvedObject()
                .withType("Warning").withReason("WorkersUnavailable").withMessage("0/1 workers ready")
                .withLastTimestamp(Instant.now().toString()).withNewSource().withComponent("trust-fabric-operator").endSource()
                .build()).create();

        TfctlRun result = tfctl("describe", "tenant", "acme");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Name:         acme").contains("Namespace:    trust")
                .contains("Kind:         Tenant (trustfabric.io/v1alpha1)")
                .contains("Spec:").contains("normalization: \"email-lowercase\"")
                .contains("endpoint: \"http://acme-psi.trust.svc:8080\"")
                .contains("Conditions:").containsPattern("Ready\\s+False\\s+WorkersUnavailable\\s+\\d+s\\s+0/1 workers ready")
                .contains("Events:").containsPattern("Warning\\s+WorkersUnavailable\\s+\\d+s\\s+trust-fabric-operator\\s+0/1 workers ready")
                .doesNotContain("last-applied-configuration");
    }

    @Test
    void deleteRemovesTheObject() {
        tfctl("apply", "-f", QUICKSTART.toString());
        TfctlRun deleted = tfctl("delete", "tenant", "acme");
        assertThat(deleted.out().strip()).isEqualTo("tenant.trustfabric.io \"acme\" deleted");
        assertThat(tenant()).isNull();
        assertThat(tfctl("delete", "tenant", "acme").exitCode()).isEqualTo(1);
    }

    @Test
    void rejectsAMissingKubeconfig() {
        TfctlRun result = TfctlRun.of("get", "tenants", "--kubeconfig", tmp.resolve("nope").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("does not exist");
    }

    private void writeTenantStatus(String ready, String reason) {
        KubernetesClient client = server.client();
        GenericKubernetesResource tenant = tenant();
        tenant.getAdditionalProperties().put("status", Map.of(
                "endpoint", "http://acme-psi.trust.svc:8080",
                "workers", Map.of("desired", 1, "ready", "True".equals(ready) ? 1 : 0),
                "conditions", List.of(Map.of("type", "Ready", "status", ready, "reason", reason,
                        "message", "True".equals(ready) ? "1/1 workers" : "0/1 workers ready",
                        "lastTransitionTime", Instant.now().toString()))));
        client.genericKubernetesResources(KindCatalog.builtIn().require("tenants").context())
                .inNamespace("trust").resource(tenant).updateStatus();
    }

    private GenericKubernetesResource tenant() {
        return server.client().genericKubernetesResources(KindCatalog.builtIn().require("tenants").context())
                .inNamespace("trust").withName("acme").get();
    }

    private TfctlRun tfctl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--kubeconfig");
        all.add(kubeconfig.toString());
        return TfctlRun.of(all.toArray(String[]::new));
    }
}
