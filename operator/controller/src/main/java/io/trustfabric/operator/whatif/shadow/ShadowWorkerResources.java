package io.trustfabric.operator.whatif.shadow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.trustfabric.api.v1alpha1.Normalization;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.operator.tenant.DatasetObservation;
import io.trustfabric.operator.tenant.WorkerConfigRenderer;
import io.trustfabric.operator.tenant.dependent.WorkerDeploymentDependent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of one shadow worker, built from the Tenant reconciler's renderers: the same worker.json
 * pieces and the same hardened container, with these differences, all of which keep the shadow away from partners,
 * budgets and receipts:
 * <ul>
 *   <li>no {@code control} block: the worker follows no control API, so it charges no budget and writes no receipt
 *       (worker-config.md: without {@code control.url} nothing is charged), and it needs no worker token or receipt
 *       key;</li>
 *   <li>a static allowlist of one partner, the run's {@link WhatIfPartner} (salted key hash only);</li>
 *   <li>no OPA and {@code trustPolicy: false}: the shadow answers only the operator's golden queries, whose items the
 *       operator already holds; policies are what policy-tweak compares;</li>
 *   <li>{@code limitedGA: true}, so a tenant still outside limited GA can be compared too;</li>
 *   <li>one replica, labels that no tenant Service selects, owned by the WhatIfScenario.</li>
 * </ul>
 */
public final class ShadowWorkerResources {

    /** The data set file inside the shadow's ConfigMap when the data set is inline. */
    public static final String INLINE_ITEMS_KEY = WorkerConfigRenderer.DATASET_FILE;

    private static final WorkerConfigRenderer RENDERER = new WorkerConfigRenderer(null);

    /**
     * @param deployment   the shadow Deployment
     * @param configMap    worker.json, partners.json and, for an inline data set, the items
     * @param workerJson   the rendered worker.json
     * @param configDigest {@code sha256:} over worker.json and the container's TF_* settings
     */
    public record ShadowObjects(Deployment deployment, ConfigMap configMap, String workerJson, String configDigest) {

        public List<io.fabric8.kubernetes.api.model.HasMetadata> all() {
            return List.of(configMap, deployment);
        }
    }

    private ShadowWorkerResources() {
    }

    /**
     * @param dataset     where the side's data set is (observed present)
     * @param inlineItems the items when the data set is inline, else null
     */
    public static ShadowObjects render(WhatIfScenario scenario, Tenant tenant, ShadowSide side, DatasetObservation dataset,
                                       String inlineItems, Normalization normalization, WhatIfPartner partner) {
        String scenarioName = scenario.getMetadata().getName();
        String namespace = scenario.getMetadata().getNamespace();
        String name = side.role().deploymentName(scenarioName);
        Map<String, String> labels = ShadowLabels.labels(scenarioName, side.role());
        OwnerReference owner = ownerReference(scenario);

        KeySeedChoice key = side.keySeed();
        String workerJson = workerJson(tenant, normalization, key.kind() == KeySeedChoice.Kind.FRESH);
        Map<String, String> data = new LinkedHashMap<>();
        data.put(WorkerConfigRenderer.CONFIG_KEY, workerJson);
        data.put(WorkerConfigRenderer.PARTNERS_FILE, partnersDocument(tenant, partner));
        if (dataset.source() == DatasetObservation.Source.INLINE) {
            data.put(INLINE_ITEMS_KEY, inlineItems);
        }
        ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).withOwnerReferences(owner).endMetadata().withData(data).build();

        String configDigest = configDigest(workerJson, side.env());
        Container container = new ContainerBuilder(WorkerDeploymentDependent.container(side.image(),
                WorkerDeploymentDependent.resources(tenant.getSpec().getWorkers() == null ? null
                        : tenant.getSpec().getWorkers().getResources()), mounts(key)))
                .addAllToEnv(side.env().entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList())
                .build();
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withOwnerReferences(owner).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().withMatchLabels(ShadowLabels.selector(scenarioName, side.role())).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels)
                .withAnnotations(Map.of(io.trustfabric.operator.tenant.TenantResourceNames.CONFIG_HASH_ANNOTATION,
                        configDigest))
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(WorkerDeploymentDependent.podSecurityContext())
                .withContainers(container)
                .withVolumes(volumes(name, dataset, key))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        return new ShadowObjects(deployment, configMap, workerJson, configDigest);
    }

    /**
     * The single-tenant worker.json of a shadow: the tenant's form without control, policy or budgets. A fresh key
     * is {@code key.fresh}: the worker makes a random seed at start and keeps it in memory, so no Secret holds it and
     * nothing needs deleting (the operator may create Secrets, never delete them).
     */
    static String workerJson(Tenant tenant, Normalization normalization, boolean freshKey) {
        ObjectNode root = RENDERER.object();
        root.put("schemaVersion", WorkerConfigRenderer.SCHEMA_VERSION);
        ObjectNode identity = RENDERER.identity(tenant);
        identity.put("limitedGA", true);
        identity.put("trustPolicy", false);
        root.set("tenant", identity);
        root.set("http", RENDERER.http());
        root.set("limits", RENDERER.limits(tenant.getSpec()));
        root.set("dataset", RENDERER.dataset(normalization,
                WorkerConfigRenderer.DATASET_DIR + "/" + WorkerConfigRenderer.DATASET_FILE));
        if (freshKey) {
            ObjectNode key = RENDERER.object();
            key.put("fresh", true);
            key.put("epoch", WorkerConfigRenderer.KEY_EPOCH);
            root.set("key", key);
        } else {
            root.set("key", RENDERER.key(WorkerConfigRenderer.KEY_DIR + "/" + WorkerConfigRenderer.KEY_FILE));
        }
        root.set("setup", RENDERER.setup());
        root.set("partners", RENDERER.partners(WorkerConfigRenderer.PARTNERS_DIR + "/" + WorkerConfigRenderer.PARTNERS_FILE));
        return WorkerConfigRenderer.write(root);
    }

    /** The allowlist document (docs/control-api.md shape) with the run's partner only. */
    static String partnersDocument(Tenant tenant, WhatIfPartner partner) {
        ObjectNode root = RENDERER.object();
        root.put("tenant", tenant.getMetadata().getNamespace() + "/" + tenant.getMetadata().getName());
        root.put("revision", "what-if");
        ArrayNode partners = root.putArray("partners");
        ObjectNode entry = partners.addObject();
        entry.put("id", partner.id());
        ArrayNode modes = entry.putArray("modes");
        tenant.getSpec().getModes().stream().map(QueryMode::wireName).forEach(modes::add);
        entry.putArray("contractFlags");
        ObjectNode key = entry.putObject("apiKey");
        key.put("salt", partner.hash().saltBase64());
        key.put("sha256", partner.hash().sha256Base64());
        return WorkerConfigRenderer.write(root);
    }

    static String configDigest(String workerJson, Map<String, String> env) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(workerJson.getBytes(StandardCharsets.UTF_8));
            new java.util.TreeMap<>(env).forEach((k, v) -> digest.update(("\n" + k + "=" + v)
                    .getBytes(StandardCharsets.UTF_8)));
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static OwnerReference ownerReference(WhatIfScenario scenario) {
        // not blockOwnerDeletion: deleting a scenario must never wait for its shadows, which the run removes anyway
        return new OwnerReferenceBuilder().withApiVersion(scenario.getApiVersion()).withKind(scenario.getKind())
                .withName(scenario.getMetadata().getName()).withUid(scenario.getMetadata().getUid())
                .withController(true).build();
    }

    private static List<VolumeMount> mounts(KeySeedChoice key) {
        List<VolumeMount> mounts = new ArrayList<>(List.of(
                WorkerDeploymentDependent.mount(WorkerDeploymentDependent.CONFIG_VOLUME, WorkerConfigRenderer.CONFIG_DIR),
                WorkerDeploymentDependent.mount(WorkerDeploymentDependent.DATASET_VOLUME, WorkerConfigRenderer.DATASET_DIR),
                WorkerDeploymentDependent.mount(WorkerDeploymentDependent.PARTNERS_VOLUME, WorkerConfigRenderer.PARTNERS_DIR),
                new VolumeMountBuilder().withName(WorkerDeploymentDependent.TMP_VOLUME).withMountPath("/tmp").build()));
        if (key.kind() != KeySeedChoice.Kind.FRESH) {
            mounts.add(WorkerDeploymentDependent.mount(WorkerDeploymentDependent.KEY_VOLUME, WorkerConfigRenderer.KEY_DIR));
        }
        return mounts;
    }

    private static List<Volume> volumes(String name, DatasetObservation dataset, KeySeedChoice key) {
        Volume config = new VolumeBuilder().withName(WorkerDeploymentDependent.CONFIG_VOLUME).withNewConfigMap()
                .withName(name).withItems(WorkerDeploymentDependent.item(WorkerConfigRenderer.CONFIG_KEY,
                        WorkerConfigRenderer.CONFIG_KEY)).endConfigMap().build();
        Volume partners = new VolumeBuilder().withName(WorkerDeploymentDependent.PARTNERS_VOLUME).withNewConfigMap()
                .withName(name).withItems(WorkerDeploymentDependent.item(WorkerConfigRenderer.PARTNERS_FILE,
                        WorkerConfigRenderer.PARTNERS_FILE)).endConfigMap().build();
        Volume tmp = new VolumeBuilder().withName(WorkerDeploymentDependent.TMP_VOLUME).withNewEmptyDir().endEmptyDir()
                .build();
        List<Volume> volumes = new ArrayList<>(List.of(config, WorkerDeploymentDependent.datasetVolume(dataset, name),
                partners, tmp));
        if (key.kind() != KeySeedChoice.Kind.FRESH) {
            volumes.add(new VolumeBuilder().withName(WorkerDeploymentDependent.KEY_VOLUME).withNewSecret()
                    .withSecretName(key.secretName()).withItems(WorkerDeploymentDependent.item(key.secretKey(),
                            WorkerConfigRenderer.KEY_FILE)).withDefaultMode(0440).endSecret().build());
        }
        return volumes;
    }
}
