package io.trustfabric.operator.tenant;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.secretDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustFabric;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealKubernetes
class TenantReconcilerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealCluster cluster;

    @BeforeEach
    void startOperator(TestCluster real) {
        cluster = RealCluster.start(real);
    }

    @AfterEach
    void stopOperator() {
        cluster.close();
    }

    @Test
    void createsAllDependentsWithOwnerReferencesLabelsAndStatus() throws Exception {
        cluster.createDatasetSecret("acme-items", "emails", "a@example.com\nb@example.com\n");
        Tenant created = cluster.create(tenant("acme", secretDataset("acme-items", "emails"), QueryMode.PSI_CA));

        List<HasMetadata> owned = await().until(this::dependents, list -> list.stream().allMatch(r -> r != null));
        for (HasMetadata resource : owned) {
            assertThat(resource.getMetadata().getOwnerReferences()).hasSize(1);
            OwnerReference owner = resource.getMetadata().getOwnerReferences().get(0);
            assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
            assertThat(owner.getKind()).isEqualTo("Tenant");
            assertThat(owner.getController()).isTrue();
            assertThat(resource.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "psi-worker")
                    .containsEntry("app.kubernetes.io/instance", "acme")
                    .containsEntry("app.kubernetes.io/part-of", "trust-fabric")
                    .containsEntry("app.kubernetes.io/managed-by", "trust-fabric-operator")
                    .containsKey("app.kubernetes.io/component");
        }

        Condition ready = cluster.awaitCondition("acme", TenantConditions.READY, c -> true);
        assertThat(ready.getStatus()).isEqualTo(Condition.FALSE);
        assertThat(ready.getReason()).isEqualTo(TenantConditions.REASON_WORKERS_NOT_READY);
        Tenant tenant = cluster.tenant("acme");
        assertThat(tenant.getStatus().getEndpoint()).isEqualTo("http://acme-psi." + cluster.namespace() + ".svc:8080");
        assertThat(tenant.getStatus().getObservedGeneration()).isEqualTo(tenant.getMetadata().getGeneration());
        assertThat(tenant.getStatus().condition(TenantConditions.WORKERS_AVAILABLE)).get()
                .extracting(Condition::getReason).isEqualTo(TenantConditions.REASON_REPLICAS_UNAVAILABLE);
        assertThat(tenant.getStatus().condition(TenantConditions.PAUSED)).get()
                .extracting(Condition::getStatus).isEqualTo(Condition.FALSE);
    }

    @Test
    void workerDeploymentRunsHardenedWithProbesAndMounts() {
        cluster.createDatasetSecret("acme-items", "emails", "a@example.com\n");
        cluster.create(tenant("acme", secretDataset("acme-items", "emails"), QueryMode.PSI_CA));
        Deployment deployment = await().until(() -> cluster.deployment("acme-psi"), d -> d != null);

        var pod = deployment.getSpec().getTemplate().getSpec();
        Container worker = pod.getContainers().get(0);
        assertThat(worker.getImage()).isEqualTo("ghcr.io/trustfabric/psi-worker:0.1.0");
        assertThat(worker.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(worker.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(worker.getPorts().get(0).getContainerPort()).isEqualTo(8080);
        assertThat(worker.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(worker.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getServiceAccountName()).isEqualTo("acme-psi");
        assertThat(worker.getVolumeMounts()).extracting("mountPath")
                .contains("/etc/trustfabric", "/var/run/trustfabric/dataset", "/var/run/trustfabric/key");
        Map<String, Volume> volumes = pod.getVolumes().stream()
                .collect(java.util.stream.Collectors.toMap(Volume::getName, v -> v));
        assertThat(volumes.get("config").getConfigMap().getName()).isEqualTo("acme-psi-config");
        assertThat(volumes.get("dataset").getSecret().getSecretName()).isEqualTo("acme-items");
        assertThat(volumes.get("dataset").getSecret().getItems().get(0).getKey()).isEqualTo("emails");
        assertThat(volumes.get("dataset").getSecret().getItems().get(0).getPath()).isEqualTo("items");
        assertThat(volumes.get("key-seed").getSecret().getSecretName()).isEqualTo("acme-psi-key");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey(TenantResourceNames.CONFIG_HASH_ANNOTATION);
        assertThat(cluster.service("acme-psi").getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
        assertThat(cluster.service("acme-psi").getSpec().getSelector())
                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void rendersWorkerConfigAndGeneratesA32ByteKeySeed() throws Exception {
        Tenant spec = tenant("acme", inlineDataset("x@example.com\ny@example.com\n"), QueryMode.PSI_CA, QueryMode.PSI);
        spec.getSpec().setLimitedGA(true);
        spec.getSpec().setContractFlags(List.of("eu-data"));
        cluster.create(spec);
        var configMap = await().until(() -> cluster.configMap("acme-psi-config"), c -> c != null);

        JsonNode config = JSON.readTree(configMap.getData().get("worker.json"));
        assertThat(config.at("/schemaVersion").asInt()).isEqualTo(1);
        assertThat(config.at("/tenant/namespace").asText()).isEqualTo(cluster.namespace());
        assertThat(config.at("/tenant/name").asText()).isEqualTo("acme");
        assertThat(config.at("/tenant/limitedGA").asBoolean()).isTrue();
        assertThat(config.at("/tenant/modes").toString()).isEqualTo("[\"psi-ca\",\"psi\"]");
        assertThat(config.at("/tenant/contractFlags").toString()).isEqualTo("[\"eu-data\"]");
        assertThat(config.at("/http/port").asInt()).isEqualTo(8080);
        assertThat(config.at("/dataset/path").asText()).isEqualTo("/var/run/trustfabric/dataset/items");
        assertThat(config.at("/key/seedPath").asText()).isEqualTo("/var/run/trustfabric/key/seed");
        assertThat(configMap.getData()).containsEntry("items", "x@example.com\ny@example.com\n");

        Secret key = await().until(() -> cluster.secret("acme-psi-key"), s -> s != null);
        assertThat(Base64.getDecoder().decode(key.getData().get("seed"))).hasSize(32);
        Deployment deployment = await().until(() -> cluster.deployment("acme-psi"), d -> d != null);
        Volume dataset = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("dataset")).findFirst().orElseThrow();
        assertThat(dataset.getConfigMap().getName()).isEqualTo("acme-psi-config");
    }

    @Test
    void specChangeReachesDeploymentAndRollsConfigHashButNeverTheKeySeed() {
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        Deployment before = await().until(() -> cluster.deployment("acme-psi"), d -> d != null);
        Secret keyBefore = await().until(() -> cluster.secret("acme-psi-key"), s -> s != null);
        String hashBefore = configHash(before);

        cluster.editTenant("acme", t -> {
            t.getSpec().getWorkers().setReplicas(3);
            t.getSpec().getWorkers().setMaxClientSetSize(500);
        });

        Deployment after = await().until(() -> cluster.deployment("acme-psi"),
                d -> d.getSpec().getReplicas() == 3 && !configHash(d).equals(hashBefore));
        assertThat(configHash(after)).isNotEqualTo(hashBefore);
        assertThat(cluster.configMap("acme-psi-config").getData().get("worker.json")).contains("\"maxClientSetSize\" : 500");
        Secret keyAfter = cluster.secret("acme-psi-key");
        assertThat(keyAfter.getData()).isEqualTo(keyBefore.getData());
        assertThat(keyAfter.getMetadata().getResourceVersion()).isEqualTo(keyBefore.getMetadata().getResourceVersion());
    }

    @Test
    void replacedKeySeedRollsTheWorkersSoNoReplicaKeepsTheOldKey() {
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        Secret original = await().until(() -> cluster.secret("acme-psi-key"), s -> s != null);
        Deployment first = await().until(() -> cluster.deployment("acme-psi"), d -> d != null);
        assertThat(keySeedUid(first)).isEqualTo(original.getMetadata().getUid());

        cluster.client().secrets().inNamespace(cluster.namespace()).withName("acme-psi-key").delete();
        // Any change to the Tenant makes the operator notice; in a cluster the Secret's delete event does it too.
        cluster.editTenant("acme", t -> {
            t.getMetadata().setLabels(new java.util.HashMap<>(Map.of("touched", "true")));
        });

        Secret replaced = await().until(() -> cluster.secret("acme-psi-key"),
                s -> s != null && !s.getMetadata().getUid().equals(original.getMetadata().getUid()));
        assertThat(replaced.getData().get("seed")).isNotEqualTo(original.getData().get("seed"));
        await().until(() -> keySeedUid(cluster.deployment("acme-psi")), uid -> uid.equals(replaced.getMetadata().getUid()));
    }

    @Test
    void workersAvailableFollowsDeploymentStatusWithEvents() {
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        await().until(() -> cluster.deployment("acme-psi"), d -> d != null);

        cluster.setDeploymentStatus("acme-psi", 1, 1);
        cluster.awaitCondition("acme", TenantConditions.READY, Condition::isTrue);
        Tenant ready = cluster.tenant("acme");
        assertThat(ready.getStatus().condition(TenantConditions.WORKERS_AVAILABLE)).get()
                .extracting(Condition::getStatus, Condition::getReason)
                .containsExactly(Condition.TRUE, TenantConditions.REASON_MINIMUM_REPLICAS_AVAILABLE);
        assertThat(ready.getStatus().getWorkers().getDesired()).isEqualTo(1);
        assertThat(ready.getStatus().getWorkers().getReady()).isEqualTo(1);
        await().until(() -> reasons(cluster.events("acme")), r -> r.contains(TenantEvents.EVENT_READY));

        cluster.setDeploymentStatus("acme-psi", 1, 0);
        Condition lost = cluster.awaitCondition("acme", TenantConditions.WORKERS_AVAILABLE, c -> !c.isTrue());
        assertThat(lost.getReason()).isEqualTo(TenantConditions.REASON_REPLICAS_UNAVAILABLE);
        assertThat(cluster.condition("acme", TenantConditions.READY)).get().extracting(Condition::getStatus)
                .isEqualTo(Condition.FALSE);
        List<Event> events = await().until(() -> cluster.events("acme"),
                e -> reasons(e).contains(TenantEvents.EVENT_WORKERS_LOST));
        assertThat(events).filteredOn(e -> e.getReason().equals(TenantEvents.EVENT_WORKERS_LOST))
                .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
    }

    @Test
    void steadyStateReconcileWritesNothing() throws Exception {
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        await().until(() -> cluster.deployment("acme-psi"), d -> d != null);
        cluster.setDeploymentStatus("acme-psi", 1, 1);
        Condition ready = cluster.awaitCondition("acme", TenantConditions.READY, Condition::isTrue);

        String deploymentVersion = cluster.deployment("acme-psi").getMetadata().getResourceVersion();
        String configVersion = cluster.configMap("acme-psi-config").getMetadata().getResourceVersion();
        double before = succeededReconciles();
        // A label change is not a spec change but still triggers a reconcile (the controller is not generation-aware).
        Tenant labelled = cluster.editTenant("acme", t -> {
            t.getMetadata().setLabels(new java.util.HashMap<>(Map.of("team", "payments")));
        });
        await().until(this::succeededReconciles, after -> after > before);

        Tenant after = cluster.tenant("acme");
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(labelled.getMetadata().getResourceVersion());
        assertThat(after.getStatus().condition(TenantConditions.READY)).contains(ready);
        assertThat(cluster.deployment("acme-psi").getMetadata().getResourceVersion()).isEqualTo(deploymentVersion);
        assertThat(cluster.configMap("acme-psi-config").getMetadata().getResourceVersion()).isEqualTo(configVersion);
    }

    @Test
    void invalidSpecSetsConditionAndWarningEventAndCreatesNothing() {
        cluster.create(tenant("acme", secretDataset("missing-items", "emails"), QueryMode.PSI_CA));

        Condition ready = cluster.awaitCondition("acme", TenantConditions.READY, c -> true);
        assertThat(ready.getStatus()).isEqualTo(Condition.FALSE);
        assertThat(ready.getReason()).isEqualTo(TenantValidator.DATASET_SECRET_NOT_FOUND);
        assertThat(ready.getMessage()).contains("missing-items").contains(cluster.namespace());
        List<Event> events = await().until(() -> cluster.events("acme"),
                e -> reasons(e).contains(TenantValidator.DATASET_SECRET_NOT_FOUND));
        assertThat(events).filteredOn(e -> e.getReason().equals(TenantValidator.DATASET_SECRET_NOT_FOUND))
                .singleElement().extracting(Event::getType).isEqualTo("Warning");
        assertNothingCreated();

        cluster.editTenant("acme", t -> {
            t.getSpec().setDataset(inlineDataset("a\n"));
        });
        await().until(() -> cluster.deployment("acme-psi"), d -> d != null);
        assertThat(cluster.awaitCondition("acme", TenantConditions.READY,
                c -> !c.getReason().equals(TenantValidator.DATASET_SECRET_NOT_FOUND)).getReason())
                .isEqualTo(TenantConditions.REASON_WORKERS_NOT_READY);
    }

    @Test
    void refusedDeploymentShowsReconcileFailedWithTheApiServersReason() {
        // A real ResourceQuota: quota admission refuses the Deployment with the API server's own message.
        cluster.create(new io.fabric8.kubernetes.api.model.ResourceQuotaBuilder().withNewMetadata()
                .withName("compute-resources").endMetadata()
                .withNewSpec().addToHard("count/deployments.apps", new io.fabric8.kubernetes.api.model.Quantity("0"))
                .endSpec().build());
        await().until(() -> cluster.client().resourceQuotas().inNamespace(cluster.namespace())
                .withName("compute-resources").get(), q -> q.getStatus() != null && q.getStatus().getHard() != null);
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));

        Condition ready = cluster.awaitCondition("acme", TenantConditions.READY,
                c -> TenantConditions.REASON_RECONCILE_FAILED.equals(c.getReason()));
        assertThat(ready.getStatus()).isEqualTo(Condition.FALSE);
        assertThat(ready.getMessage()).contains("deployment: ").contains("exceeded quota: compute-resources")
                .doesNotContain("\tat ");
        await().until(() -> reasons(cluster.events("acme")), r -> r.contains(TenantConditions.REASON_RECONCILE_FAILED));
        assertThat(cluster.deployment("acme-psi")).isNull();
    }

    @Test
    void unusablePoolNameIsRefusedByTheApiServerAndNothingIsCreated() {
        // The operator's own check (TenantValidatorTest) is the second line; in a cluster the CRD schema is the first.
        Tenant tenant = tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA);
        tenant.getSpec().getWorkers().setPool("Gold");

        assertThatThrownBy(() -> cluster.create(tenant))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
                .hasMessageContaining("spec.workers.pool");
        assertThat(cluster.tenant("acme")).isNull();
        assertNothingCreated();
    }

    @Test
    void pauseAnnotationStopsChangesShowsConditionAndResumes() {
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        await().until(() -> cluster.deployment("acme-psi"), d -> d != null);

        setPaused("true");
        cluster.awaitCondition("acme", TenantConditions.PAUSED, Condition::isTrue);
        Tenant changed = cluster.editTenant("acme", t -> {
            t.getSpec().getWorkers().setReplicas(4);
        });
        long pausedGeneration = changed.getMetadata().getGeneration();
        Condition paused = cluster.awaitCondition("acme", TenantConditions.PAUSED,
                c -> c.isTrue() && c.getObservedGeneration() == pausedGeneration);
        assertThat(paused.getReason()).isEqualTo(TenantConditions.REASON_PAUSED_BY_ANNOTATION);
        assertThat(cluster.deployment("acme-psi").getSpec().getReplicas()).isEqualTo(1);
        assertThat(cluster.tenant("acme").getStatus().getObservedGeneration()).isLessThan(pausedGeneration);
        await().until(() -> reasons(cluster.events("acme")), r -> r.contains(TenantEvents.EVENT_PAUSED));

        setPaused(null);
        await().until(() -> cluster.deployment("acme-psi"), d -> d.getSpec().getReplicas() == 4);
        cluster.awaitCondition("acme", TenantConditions.PAUSED, c -> !c.isTrue());
        await().until(() -> reasons(cluster.events("acme")), r -> r.contains(TenantEvents.EVENT_RESUMED));
    }

    @Test
    void deletingTheTenantGarbageCollectsEverythingItOwns() {
        Tenant created = cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        List<HasMetadata> owned = await().until(this::dependents, list -> list.stream().allMatch(r -> r != null));
        assertThat(owned).allSatisfy(r -> assertThat(r.getMetadata().getOwnerReferences())
                .anySatisfy(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid())));
        assertThat(cluster.tenant("acme").getMetadata().getFinalizers()).as("no finalizer blocks deletion").isNullOrEmpty();

        cluster.client().resources(Tenant.class).inNamespace(cluster.namespace()).withName("acme").delete();

        await().until(() -> cluster.tenant("acme") == null);
        // kube-controller-manager's garbage collector follows the owner references
        await().atMost(java.time.Duration.ofSeconds(60))
                .until(this::dependents, list -> list.stream().allMatch(java.util.Objects::isNull));
        assertNothingCreated();
    }

    /** The five objects the operator creates for tenant acme; null where one does not exist (yet). */
    private List<HasMetadata> dependents() {
        return java.util.Arrays.asList(cluster.deployment("acme-psi"), cluster.configMap("acme-psi-config"),
                cluster.service("acme-psi"), cluster.serviceAccount("acme-psi"), cluster.secret("acme-psi-key"));
    }

    private void setPaused(String value) {
        cluster.editTenant("acme", t -> {
            if (value == null) {
                t.getMetadata().getAnnotations().remove(TrustFabric.PAUSED_ANNOTATION);
            } else {
                t.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of(TrustFabric.PAUSED_ANNOTATION, value)));
            }
        });
    }

    /** operator_sdk_reconciliations_success_total for Tenant, read from the operator's /metrics. */
    private double succeededReconciles() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + cluster.operator().httpPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body().lines()
                .filter(l -> l.startsWith("operator_sdk_reconciliations_success_total{kind=\"Tenant\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private void assertNothingCreated() {
        assertThat(cluster.client().apps().deployments().inNamespace(cluster.namespace()).list().getItems()).isEmpty();
        assertThat(cluster.client().services().inNamespace(cluster.namespace()).list().getItems()).isEmpty();
        assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).list().getItems()).isEmpty();
        // "default" is the namespace's own, made by the service account controller
        assertThat(cluster.client().serviceAccounts().inNamespace(cluster.namespace()).list().getItems())
                .filteredOn(sa -> !"default".equals(sa.getMetadata().getName())).isEmpty();
        assertThat(cluster.client().secrets().inNamespace(cluster.namespace()).list().getItems()).isEmpty();
    }

    private static String keySeedUid(Deployment d) {
        return d.getSpec().getTemplate().getMetadata().getAnnotations().get(TenantResourceNames.KEY_SEED_ANNOTATION);
    }

    private static String configHash(Deployment d) {
        return d.getSpec().getTemplate().getMetadata().getAnnotations().get(TenantResourceNames.CONFIG_HASH_ANNOTATION);
    }

    private static List<String> reasons(List<Event> events) {
        return events.stream().map(Event::getReason).toList();
    }
}
