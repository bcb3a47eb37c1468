package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.common.SecretKeyRef;
import io.trustfabric.api.v1alpha1.DatasetSource;
import io.trustfabric.api.v1alpha1.GoldenSet;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.ScenarioTemplate;
import io.trustfabric.api.v1alpha1.SeedChange;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantSpec;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.api.v1alpha1.WhatIfScenarioSpec;
import io.trustfabric.api.v1alpha1.WorkerPin;
import io.trustfabric.operator.tenant.WorkerEndpoints;
import io.trustfabric.operator.whatif.ReportTable;
import io.trustfabric.operator.whatif.ScenarioProgress;
import io.trustfabric.operator.whatif.ScenarioRequest;
import io.trustfabric.operator.whatif.ScenarioResult;
import io.trustfabric.operator.whatif.SeedChangeRunner;
import io.trustfabric.operator.whatif.WorkerPinRunner;
import io.trustfabric.operator.whatif.golden.GoldenQuery;
import io.trustfabric.operator.whatif.golden.GoldenSetGenerator;
import io.trustfabric.operator.whatif.golden.NormalizedItems;
import io.trustfabric.operator.whatif.shadow.ShadowLabels;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PsiMode;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * worker-pin and seed-change end to end through local mode: the runners create the shadow Deployments on the embedded
 * mock API server, local mode realises them as real worker processes (this build's worker jar), and the golden
 * queries go to those processes. The expected intersections are recomputed here from the sets the test built.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class WhatIfShadowRunsTest {

    private static final String NS = "trust";
    private static final List<String> CUSTOMERS = IntStream.range(0, 300)
            .mapToObj(i -> "customer" + i + "@example.com").toList();

    @TempDir
    Path work;

    private MockApiServer server;
    private KubernetesClient client;
    private LocalDeployments deployments;
    private WorkerEndpoints endpoints;
    private Tenant tenant;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(WorkerLaunch.workerAvailable(), "the worker jar is not in cli/target/worker-lib");
        server = MockApiServer.start(0);
        client = server.client();
        // every local worker is told this control API (as local mode does); a shadow must not be, or it would try to
        // lease budget there and never become ready
        deployments = new LocalDeployments(client, work, Map.of("TF_CONTROL_URL", "http://127.0.0.1:9"),
                Optional.empty(), line -> { });
        deployments.start(Duration.ofMillis(300));
        endpoints = (namespace, name) -> deployments.replicas().stream()
                .filter(r -> r.namespace().equals(namespace) && r.name().equals(name))
                .flatMap(r -> r.processes().stream()).filter(LocalWorkerProcess::isReady)
                .map(p -> URI.create(p.endpoint())).toList();
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("acme-psi-key")
                .endMetadata().withData(Map.of("seed", Base64.getEncoder().encodeToString(seed))).build()).create();
        configMap("acme-customers", CUSTOMERS);
        tenant = new Tenant();
        tenant.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("acme").build());
        TenantSpec spec = new TenantSpec();
        spec.setLimitedGA(true);
        spec.setModes(List.of(QueryMode.PSI_CA, QueryMode.PSI));
        spec.setDataset(configMapSource("acme-customers"));
        tenant.setSpec(spec);
    }

    @AfterEach
    void stop() {
        if (deployments != null) {
            deployments.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theSameWorkerTwiceGivesIdenticalAnswersAndLatenciesForBothSides() throws Exception {
        Progress progress = new Progress();
        ScenarioResult result = new WorkerPinRunner(client, endpoints, "worker:current", Duration.ofMinutes(2))
                .run(request(workerPin("pin-same", "worker:rc1", Map.of())), progress);

        var answers = result.summary().getAnswers();
        assertThat(answers.getCompared()).isEqualTo(6);
        assertThat(answers.getIdentical()).isEqualTo(6);
        assertThat(answers.getDiffering()).isZero();
        assertThat(answers.getFailed()).isZero();
        assertThat(result.summary().getChanged()).isZero();
        assertThat(answers.getBaselineP50Ms()).isPositive();
        assertThat(answers.getCandidateP95Ms()).isPositive();
        assertThat(progress.total).isEqualTo(6);
        assertThat(progress.replayed).isEqualTo(6);
        assertThat(result.baseline().getWorkerImage()).isEqualTo("worker:current");
        assertThat(result.candidate().getWorkerImage()).isEqualTo("worker:rc1");
        assertThat(result.baseline().getKeySeed()).isEqualTo("current");
        assertThat(table(result, "Golden queries").rows()).extracting(row -> row.get(3)).containsOnly("yes");
        assertNoShadowLeft("pin-same");
    }

    @Test
    void aCandidateWithOneComputeThreadAnswersIdenticallyWithItsOwnLatencies() throws Exception {
        ScenarioResult result = new WorkerPinRunner(client, endpoints, "worker:current", Duration.ofMinutes(2))
                .run(request(workerPin("pin-threads", null, Map.of("TF_COMPUTE_THREADS", "1"))), new Progress());

        assertThat(result.summary().getAnswers().getIdentical()).isEqualTo(6);
        assertThat(result.summary().getAnswers().getDiffering()).isZero();
        assertThat(result.candidate().getWorkerConfigDigest()).isNotEqualTo(result.baseline().getWorkerConfigDigest());
        assertThat(result.candidate().getWorkerImage()).isEqualTo(result.baseline().getWorkerImage());
        ReportTable latency = table(result, "Latency distribution (ms)");
        assertThat(latency.rows()).extracting(row -> row.get(0)).containsExactly("baseline", "candidate");
        assertThat(latency.rows()).extracting(row -> row.get(1)).containsOnly("6");
        assertNoShadowLeft("pin-threads");
    }

    @Test
    void aNewDataSetRevisionChangesExactlyTheIntersectionsItShouldAndIsCountedItemForItem() throws Exception {
        List<String> candidateItems = new ArrayList<>(CUSTOMERS.subList(40, 300));          // 40 removed
        IntStream.range(0, 25).mapToObj(i -> "newcustomer" + i + "@example.com").forEach(candidateItems::add); // 25 added
        configMap("acme-customers-v2", candidateItems);
        SeedChange change = new SeedChange();
        change.setDataset(configMapSource("acme-customers-v2"));

        ScenarioResult result = new SeedChangeRunner(client, endpoints, "worker:current", Duration.ofMinutes(2))
                .run(request(seedChange("revision", change)), new Progress());

        var dataset = result.summary().getDataset();
        assertThat(dataset.getItemsRemoved()).isEqualTo(40);
        assertThat(dataset.getItemsAdded()).isEqualTo(25);
        assertThat(dataset.getBaselineItems()).isEqualTo(300);
        assertThat(dataset.getCandidateItems()).isEqualTo(285);
        assertThat(dataset.getBaselineSetupBytes()).isPositive();

        // what each side should have found, from the sets this test built
        NormalizedItems current = NormalizedItems.of(CUSTOMERS, Normalization.NONE);
        NormalizedItems candidate = NormalizedItems.of(candidateItems, Normalization.NONE);
        GoldenSetGenerator golden = new GoldenSetGenerator(golden(), List.of(PsiMode.PSI_CA, PsiMode.PSI), current,
                List.of(current, candidate));
        List<List<String>> rows = table(result, "Golden queries").rows();
        long expectedDiffering = 0;
        for (int i = 0; i < golden.queries(); i++) {
            GoldenQuery query = golden.query(i);
            List<String> inCurrent = query.items().stream().filter(current::containsNormalized).toList();
            List<String> inCandidate = query.items().stream().filter(candidate::containsNormalized).toList();
            assertThat(rows.get(i).get(6)).isEqualTo(Integer.toString(inCurrent.size()));
            assertThat(rows.get(i).get(7)).isEqualTo(Integer.toString(inCandidate.size()));
            expectedDiffering += inCurrent.equals(inCandidate) ? 0 : 1;
        }
        assertThat(expectedDiffering).as("the golden set must exercise the removed items").isPositive();
        assertThat(result.summary().getAnswers().getDiffering()).isEqualTo(expectedDiffering);
        assertThat(result.summary().getChanged()).isEqualTo(expectedDiffering);
        assertThat(result.baseline().getDatasetDigest()).isNotEqualTo(result.candidate().getDatasetDigest());
        assertNoShadowLeft("revision");
    }

    @Test
    void aFreshKeySeedGivesTheSameIntersections() throws Exception {
        SeedChange change = new SeedChange();
        change.setFreshKeySeed(true);
        ScenarioResult result = new SeedChangeRunner(client, endpoints, "worker:current", Duration.ofMinutes(2))
                .run(request(seedChange("fresh", change)), new Progress());

        assertThat(result.summary().getAnswers().getIdentical()).isEqualTo(6);
        assertThat(result.summary().getDataset().getItemsAdded()).isZero();
        assertThat(result.summary().getDataset().getItemsRemoved()).isZero();
        assertThat(result.candidate().getKeySeed()).isEqualTo("fresh");
        assertThat(result.baseline().getDatasetDigest()).isEqualTo(result.candidate().getDatasetDigest());
        assertThat(result.toString()).doesNotContain("customer1@example.com");
        assertNoShadowLeft("fresh");
    }

    private void assertNoShadowLeft(String scenario) {
        String selector = ShadowLabels.runSelector(scenario);
        assertThat(client.apps().deployments().inNamespace(NS).withLabelSelector(selector).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(NS).withLabelSelector(selector).list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace(NS).withLabelSelector(selector).list().getItems()).isEmpty();
    }

    private static ReportTable table(ScenarioResult result, String title) {
        return result.tables().stream().filter(t -> t.title().equals(title)).findFirst().orElseThrow();
    }

    private void configMap(String name, List<String> items) {
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().withData(Map.of("emails.txt", String.join("\n", items) + "\n")).build()).create();
    }

    private static DatasetSource configMapSource(String name) {
        DatasetSource source = new DatasetSource();
        source.setConfigMapRef(new SecretKeyRef(name, "emails.txt"));
        return source;
    }

    private static GoldenSet golden() {
        GoldenSet golden = new GoldenSet();
        golden.setSeed(42L);
        golden.setQueries(6);
        golden.setClientSetSize(48);
        golden.setMatchPercent(50);
        return golden;
    }

    private WhatIfScenario workerPin(String name, String image, Map<String, String> env) {
        WorkerPin pin = new WorkerPin();
        pin.setImage(image);
        pin.setEnv(new LinkedHashMap<>(env));
        WhatIfScenarioSpec spec = spec(ScenarioTemplate.WORKER_PIN);
        spec.setWorkerPin(pin);
        return create(name, spec);
    }

    private WhatIfScenario seedChange(String name, SeedChange change) {
        WhatIfScenarioSpec spec = spec(ScenarioTemplate.SEED_CHANGE);
        spec.setSeedChange(change);
        return create(name, spec);
    }

    private static WhatIfScenarioSpec spec(ScenarioTemplate template) {
        WhatIfScenarioSpec spec = new WhatIfScenarioSpec();
        spec.setTenantRef("acme");
        spec.setTemplate(template);
        spec.setGolden(golden());
        return spec;
    }

    private WhatIfScenario create(String name, WhatIfScenarioSpec spec) {
        WhatIfScenario scenario = new WhatIfScenario();
        scenario.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
        scenario.setSpec(spec);
        return client.resource(scenario).create();
    }

    private ScenarioRequest request(WhatIfScenario scenario) {
        Instant now = Instant.now();
        return new ScenarioRequest(scenario, tenant, now.minus(Duration.ofDays(1)), now);
    }

    private static final class Progress implements ScenarioProgress {
        volatile long total;
        volatile long replayed;

        @Override
        public void total(long total) {
            this.total = total;
        }

        @Override
        public void replayed(long replayed) {
            this.replayed = replayed;
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }
}
