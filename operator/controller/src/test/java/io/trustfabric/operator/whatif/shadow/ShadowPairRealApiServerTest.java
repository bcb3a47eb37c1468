package io.trustfabric.operator.whatif.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.SeedChange;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.operator.ChartRbac;
import io.trustfabric.operator.tenant.WorkerEndpoints;
import io.trustfabric.operator.whatif.ScenarioFailure;
import io.trustfabric.operator.whatif.SeedChangeRunner;
import io.trustfabric.operator.whatif.WhatIfFixtures;
import io.trustfabric.operator.whatif.WorkerPinRunner;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On the real API server: the shadow pair's objects exist, owned by the WhatIfScenario, while the runner waits for
 * them, and are gone when the run ends, however it ends. What the runner sees of them is recorded by the
 * {@link WorkerEndpoints} stand-in, which is asked exactly while they must exist.
 */
@RealKubernetes
class ShadowPairRealApiServerTest {

    /** The test's own view (admin). */
    private KubernetesClient client;
    /** What the runners use: the operator's service account with the Helm chart's RBAC. */
    private KubernetesClient operator;
    private String namespace;
    private Tenant tenant;

    @BeforeEach
    void setUp(TestCluster cluster) {
        client = cluster.admin();
        ChartRbac.install(cluster);
        operator = cluster.clientFor(ChartRbac.RELEASE_NAMESPACE, ChartRbac.SERVICE_ACCOUNT);
        namespace = cluster.createNamespace("whatif");
        tenant = WhatIfFixtures.tenant(namespace, "acme", WhatIfFixtures.inline("a@example.com\nb@example.com\n"),
                QueryMode.PSI_CA);
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("acme-psi-key")
                .endMetadata().withData(Map.of("seed", Base64.getEncoder().encodeToString(new byte[32]))).build()).create();
    }

    /** Records the shadow Deployments (and their owners) each time it is asked; never reports a ready replica. */
    private final class RecordingEndpoints implements WorkerEndpoints {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<OwnerReference> owners = new CopyOnWriteArrayList<>();
        final URI readyAt;

        RecordingEndpoints(URI readyAt) {
            this.readyAt = readyAt;
        }

        @Override
        public List<URI> ready(String ns, String deployment) {
            Deployment found = client.apps().deployments().inNamespace(ns).withName(deployment).get();
            if (found != null) {
                seen.add(deployment);
                owners.addAll(found.getMetadata().getOwnerReferences());
            }
            return readyAt == null ? List.of() : List.of(readyAt);
        }
    }

    private WhatIfScenario create(WhatIfScenario scenario) {
        return client.resource(scenario).create();
    }

    private List<HasMetadata> shadowObjects(String scenario) {
        String selector = ShadowLabels.runSelector(scenario);
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(client.apps().deployments().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        objects.addAll(client.configMaps().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        objects.addAll(client.secrets().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        return objects;
    }

    @Test
    void shadowsAreOwnedByTheScenarioWhileTheRunWaitsAndRemovedWhenItTimesOut() {
        WhatIfScenario scenario = create(WhatIfFixtures.workerPin(namespace, "pin", "acme", "worker:rc1",
                Map.of("TF_COMPUTE_THREADS", "1"), WhatIfFixtures.golden(1, 2, 4, 50)));
        // what an earlier run of the same scenario left behind (an operator restart mid-run), and a look-alike
        // nobody's run made, which must survive
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("pin-wi-stale").withLabels(ShadowLabels.labels("pin", ShadowRole.CANDIDATE))
                .withOwnerReferences(ShadowWorkerResources.ownerReference(scenario)).endMetadata().build()).create();
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("pin-lookalike").withLabels(ShadowLabels.labels("pin", ShadowRole.CANDIDATE)).endMetadata()
                .build()).create();
        RecordingEndpoints endpoints = new RecordingEndpoints(null);
        WorkerPinRunner runner = new WorkerPinRunner(operator, endpoints, "worker:1", Duration.ofSeconds(2));

        assertThatThrownBy(() -> runner.run(WhatIfFixtures.request(scenario, tenant), new WhatIfFixtures.RecordingProgress()))
                .isInstanceOf(ScenarioFailure.class)
                .satisfies(e -> assertThat(((ScenarioFailure) e).reason()).isEqualTo("CandidateNotReady"))
                .hasMessageContaining("pin-wi-base").hasMessageContaining("pin-wi-cand");

        assertThat(endpoints.seen).contains("pin-wi-base", "pin-wi-cand");
        assertThat(endpoints.owners).isNotEmpty().allSatisfy(owner -> {
            assertThat(owner.getKind()).isEqualTo("WhatIfScenario");
            assertThat(owner.getUid()).isEqualTo(scenario.getMetadata().getUid());
        });
        assertThat(shadowObjects("pin")).extracting(o -> o.getMetadata().getName()).containsExactly("pin-lookalike");
    }

    @Test
    void aScenarioChangedWhileItsShadowsStartIsCancelledAndLeavesNothing() {
        WhatIfScenario scenario = create(WhatIfFixtures.workerPin(namespace, "pin-cancel", "acme", "worker:rc1",
                Map.of(), WhatIfFixtures.golden(1, 2, 4, 50)));
        RecordingEndpoints endpoints = new RecordingEndpoints(null);
        WorkerPinRunner runner = new WorkerPinRunner(operator, endpoints, "worker:1", Duration.ofMinutes(5));
        WhatIfFixtures.RecordingProgress cancelled = new WhatIfFixtures.RecordingProgress(0);

        assertThatThrownBy(() -> runner.run(WhatIfFixtures.request(scenario, tenant), cancelled))
                .isInstanceOf(ScenarioFailure.class)
                .satisfies(e -> assertThat(((ScenarioFailure) e).reason()).isEqualTo("Cancelled"));
        assertThat(shadowObjects("pin-cancel")).isEmpty();
    }

    @Test
    void aFreshKeySeedIsNoSecretAndTheShadowsGoWhenTheWorkerCannotBeReached() {
        SeedChange change = new SeedChange();
        change.setFreshKeySeed(true);
        WhatIfScenario scenario = create(WhatIfFixtures.seedChange(namespace, "rotate", "acme", change,
                WhatIfFixtures.golden(1, 2, 4, 50)));
        List<String> candidateConfigs = new CopyOnWriteArrayList<>();
        WorkerEndpoints unreachable = (ns, deployment) -> {
            var config = client.configMaps().inNamespace(ns).withName("rotate-wi-cand").get();
            if (config != null) {
                candidateConfigs.add(config.getData().get("worker.json"));
            }
            return List.of(URI.create("http://127.0.0.1:9")); // ready, but nothing answers there
        };
        SeedChangeRunner runner = new SeedChangeRunner(operator, unreachable, "worker:1", Duration.ofSeconds(10));

        assertThatThrownBy(() -> runner.run(WhatIfFixtures.request(scenario, tenant), new WhatIfFixtures.RecordingProgress()))
                .isInstanceOf(ScenarioFailure.class)
                .satisfies(e -> assertThat(((ScenarioFailure) e).reason()).isEqualTo("ShadowSetupUnavailable"));
        assertThat(candidateConfigs).isNotEmpty().allSatisfy(json -> assertThat(json).contains("\"fresh\" : true"));
        assertThat(client.secrets().inNamespace(namespace).list().getItems())
                .extracting(s -> s.getMetadata().getName()).doesNotContain("rotate-wi-cand-key");
        assertThat(shadowObjects("rotate")).isEmpty();
        assertThat(client.secrets().inNamespace(namespace).withName("acme-psi-key").get()).isNotNull();
    }
}
