package io.trustfabric.cli.why;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.v1alpha1.DatasetSource;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.RevisionSet;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantSpec;
import io.trustfabric.api.v1alpha1.TrustFabric;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicySpec;
import io.trustfabric.cli.TfctlRun;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.OpaServer;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.TrustFabricOperator;
import io.trustfabric.operator.causal.CausalJournal;
import io.trustfabric.operator.causal.MetricWindow;
import io.trustfabric.operator.causal.RevisionChange;
import io.trustfabric.operator.policy.decisions.TenantRef;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The causal drill-down end to end on the real API server: the operator journals the revision changes it reconciles,
 * metric windows fed to its sink (as the SLA sampler will) shift after an injected change, and {@code tfctl why}
 * names that change as the first cause.
 */
@RealKubernetes
class WhyCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SCRAPE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestCluster real;
    private KubernetesClient admin;
    private String namespace;
    private String kubeconfig;
    private OpaServer opa;
    private TrustFabricOperator.Running operator;

    @BeforeEach
    void namespace(TestCluster real) {
        this.real = real;
        admin = real.admin();
        namespace = real.createNamespace("why");
        kubeconfig = real.kubeconfig().toString();
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.stop();
        }
        if (opa != null) {
            opa.close();
        }
    }

    @Test
    void aPolicyRevisionThatDeniesAPartnerIsTheFirstCauseOfTheRisingDenialRate() throws Exception {
        startOperator(true);
        admin.resource(tenant()).create();
        admin.resource(policy("us-east-1")).create();
        String first = awaitPolicyDigest(null);
        awaitChange(c -> first.equals(part(c, "policyBundle")));

        edit(TrustPolicy.class, "acme-policy", p -> p.getSpec().getRules().get(0).getArguments()
                .put("allowedRegions", JSON.valueToTree(List.of("eu-west-1"))));
        String second = awaitPolicyDigest(first);
        RevisionChange change = awaitChange(c -> second.equals(part(c, "policyBundle")));

        RevisionSet inForce = admin.resources(Tenant.class).inNamespace(namespace).withName("acme").get()
                .getStatus().getRevisions();
        assertThat(inForce.getPolicyBundle()).isEqualTo(second);
        feed(change.time(), "denial-rate-percent", 2.0, 40.0, inForce);

        TfctlRun why = TfctlRun.of("why", "tenant/acme", "-n", namespace, "--metric", "denial-rate-percent",
                "--kubeconfig", kubeconfig);
        assertThat(why.exitCode()).as(why.err()).isZero();
        List<String> lines = why.out().lines().toList();
        assertThat(lines.get(1)).isEqualTo("1. effect:  denial-rate-percent rose from 2 to 40");
        assertThat(lines.get(2)).startsWith("2. window:  started in the window ");
        assertThat(why.out()).contains("policyBundle=" + second.substring(0, 19));
        String cause = lines.stream().filter(l -> l.startsWith("3. cause:")).findFirst().orElseThrow();
        assertThat(cause).startsWith("3. cause:   policy bundle " + first.substring(0, 19) + "… -> "
                + second.substring(0, 19) + "… at " + change.at());
        assertThat(why.out()).contains("4. changed: TrustPolicy " + namespace + "/acme-policy revision 2",
                "rule us-only: allowedRegions [\"us-east-1\"] -> [\"eu-west-1\"]",
                "5. next:    tfctl policy history acme-policy -n " + namespace);
        assertThat(lines.stream().filter(l -> l.matches("\\d\\. .*")).count()).isLessThanOrEqualTo(5);

        JsonNode json = JSON.readTree(TfctlRun.ok("why", "tenant/acme", "-n", namespace, "--metric",
                "denial-rate-percent", "-o", "json", "--kubeconfig", kubeconfig));
        assertThat(json.path("effect").path("causes").get(0).path("part").asText()).isEqualTo("policyBundle");
        assertThat(json.path("effect").path("causes").get(0).path("to").asText()).isEqualTo(second);

        Event event = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> event("MetricShifted"),
                Optional::isPresent).orElseThrow();
        assertThat(event.getMessage()).startsWith("denial-rate-percent rose from 2 to 40 after policy bundle "
                + second.substring(0, 19));
    }

    @Test
    void aSlowerWorkerSettingIsTheFirstCauseOfTheRisingP95AndAConditionFlipIsExplained() throws Exception {
        startOperator(false);
        admin.resource(tenant()).create();
        awaitChange(c -> c.fromId() == null);
        edit(Tenant.class, "acme", t -> t.getSpec().getWorkers().setMaxClientSetSize(50));
        RevisionChange change = awaitChange(c -> part(c, "workerConfig") != null && c.fromId() != null);
        assertThat(change.parts()).extracting(RevisionChange.PartChange::part).containsExactly("workerConfig");
        assertThat(change.parts().get(0).details()).containsExactly("setting limits.maxClientSetSize: 10000 -> 50");

        feed(change.time(), "p95-latency-ms", 12.0, 85.0, admin.resources(Tenant.class).inNamespace(namespace)
                .withName("acme").get().getStatus().getRevisions());
        TfctlRun why = TfctlRun.of("why", "tenant/acme", "-n", namespace, "--metric", "p95-latency-ms",
                "--kubeconfig", kubeconfig);
        assertThat(why.exitCode()).as(why.err()).isZero();
        assertThat(why.out()).contains("1. effect:  p95-latency-ms rose from 12 to 85",
                "3. cause:   worker config ", "4. changed: setting limits.maxClientSetSize: 10000 -> 50",
                "5. next:    kubectl get configmap acme-psi-config -n " + namespace + " -o yaml");

        TfctlRun none = TfctlRun.of("why", "tenant/acme", "-n", namespace, "--condition", "Paused",
                "--kubeconfig", kubeconfig);
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no flip of condition Paused recorded for tenant " + namespace + "/acme");

        edit(Tenant.class, "acme", t -> t.getMetadata().getAnnotations().put(TrustFabric.PAUSED_ANNOTATION, "true"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TfctlRun.of("why", "tenant/acme", "-n",
                namespace, "--condition", "Paused", "--kubeconfig", kubeconfig).exitCode() == 0);
        String flip = TfctlRun.ok("why", "tenant/acme", "-n", namespace, "--condition", "Paused",
                "--kubeconfig", kubeconfig);
        assertThat(flip).contains("1. effect:  Paused flipped False -> True (PausedByAnnotation)",
                "3. cause:   worker config ");

        TfctlRun latest = TfctlRun.of("why", "tenant/acme", "-n", namespace, "--kubeconfig", kubeconfig);
        assertThat(latest.out()).as("without a flag: the latest effect").contains("Paused flipped");
        assertThat(TfctlRun.of("why", "tenant/acme", "--metric", "nope", "-n", namespace, "--kubeconfig",
                kubeconfig).exitCode()).isEqualTo(2);
    }

    /** Eight calm windows, then four shifted ones, the first of which holds the change. */
    private void feed(Instant change, String metric, double before, double after, RevisionSet inForce) {
        Instant firstShifted = change.minusSeconds(10);
        for (int k = -8; k < 4; k++) {
            Instant start = firstShifted.plus(SCRAPE.multipliedBy(k));
            operator.metricWindows().accept(new MetricWindow(new TenantRef(namespace, "acme"), start,
                    start.plus(SCRAPE), Map.of("requests-per-second", 5.0, metric, k < 0 ? before : after),
                    inForce));
        }
    }

    private void startOperator(boolean withOpa) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OperatorSettings settings = OperatorSettings.local().withControl(port, "http://127.0.0.1:" + port)
                .withServerSideApply(true).withWatchNamespaces(Set.of(namespace));
        if (withOpa) {
            opa = OpaServer.withBundles(ControlPlaneBinaries.find().orElseThrow(), dir, List.of());
            settings = settings.withOpaUrl(opa.url());
        }
        operator = TrustFabricOperator.start(admin, settings);
    }

    private Tenant tenant() {
        Tenant tenant = new Tenant();
        tenant.setMetadata(new ObjectMetaBuilder().withName("acme").withNamespace(namespace)
                .withAnnotations(new HashMap<>(Map.of("note", "drill-down"))).build());
        TenantSpec spec = new TenantSpec();
        spec.setModes(new ArrayList<>(List.of(QueryMode.PSI_CA)));
        DatasetSource dataset = new DatasetSource();
        dataset.setInline("a\nb\n");
        spec.setDataset(dataset);
        tenant.setSpec(spec);
        return tenant;
    }

    private TrustPolicy policy(String region) {
        PolicyRule rule = new PolicyRule();
        rule.setName("us-only");
        rule.setMacro("residency@v1");
        Map<String, JsonNode> args = new LinkedHashMap<>();
        args.put("allowedRegions", JSON.valueToTree(List.of(region)));
        rule.setArguments(args);
        rule.setEnforcementAction(EnforcementAction.enforce);
        TrustPolicy policy = new TrustPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName("acme-policy").withNamespace(namespace).build());
        TrustPolicySpec spec = new TrustPolicySpec();
        spec.setTenantRef("acme");
        spec.setRules(new ArrayList<>(List.of(rule)));
        policy.setSpec(spec);
        return policy;
    }

    /** Waits until the Tenant's status.revisions carries a policy bundle other than {@code not}. */
    private String awaitPolicyDigest(String not) {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
            Tenant t = admin.resources(Tenant.class).inNamespace(namespace).withName("acme").get();
            return t == null || t.getStatus() == null || t.getStatus().getRevisions() == null ? null
                    : t.getStatus().getRevisions().getPolicyBundle();
        }, d -> d != null && !d.equals(not));
    }

    private RevisionChange awaitChange(Predicate<RevisionChange> matches) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            Tenant t = admin.resources(Tenant.class).inNamespace(namespace).withName("acme").get();
            return t == null ? null : new CausalJournal().read(admin, t).changes().stream().filter(matches)
                    .reduce((a, b) -> b).orElse(null);
        }, Objects::nonNull);
    }

    private static String part(RevisionChange change, String key) {
        return change.parts().stream().filter(p -> p.part().equals(key)).map(RevisionChange.PartChange::to)
                .findFirst().orElse(null);
    }

    private Optional<Event> event(String reason) {
        return admin.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).findFirst();
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void edit(Class<T> type, String name,
                                                                            Consumer<T> change) {
        for (int attempt = 1; ; attempt++) {
            T current = admin.resources(type).inNamespace(namespace).withName(name).get();
            change.accept(current);
            try {
                admin.resources(type).inNamespace(namespace).resource(current).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
