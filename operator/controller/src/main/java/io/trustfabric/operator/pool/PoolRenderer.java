package io.trustfabric.operator.pool;

import io.trustfabric.operator.policy.OpaSidecar;
import io.trustfabric.operator.policy.bundle.OpaSidecarConfig;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.tenant.DatasetObservation;
import io.trustfabric.operator.tenant.TenantResourceNames;
import io.trustfabric.operator.tenant.WorkerConfigRenderer;
import io.trustfabric.operator.tenant.WorkerTokenNames;
import io.trustfabric.operator.tenant.dependent.WorkerDeploymentDependent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The objects of one shared pool, rendered from its full membership: ConfigMap {@code psi-pool-<pool>-config}
 * (multi-tenant worker.json, docs/worker-config.md), ServiceAccount, Service and Deployment {@code psi-pool-<pool>}.
 * Every member owns them (non-controller owner references). Per-tenant volumes are optional, so one member's
 * missing Secret cannot keep the pool's pods from starting; the worker then fails that tenant closed.
 */
public final class PoolRenderer {

    private final OperatorSettings settings;
    private final WorkerConfigRenderer config;

    public PoolRenderer(OperatorSettings settings, WorkerConfigRenderer config) {
        this.settings = settings;
        this.config = config;
    }

    /** The pool's objects; members must not be empty. */
    public List<HasMetadata> render(String namespace, String pool, List<PoolMember> members) {
        String workerJson = workerJson(namespace, pool, members);
        String opaConfig = config.opaConfig(namespace, members.stream().map(m -> new OpaSidecarConfig.Tenant(
                m.name(), PoolNames.tenantDir(m.name()) + "/control/" + WorkerTokenNames.TOKEN_KEY)).toList());
        List<OwnerReference> owners = members.stream().map(m -> PoolNames.memberReference(m.tenant())).toList();
        return List.of(configMap(namespace, pool, workerJson, opaConfig, owners), serviceAccount(namespace, pool, owners),
                service(namespace, pool, owners), deployment(namespace, pool, members, owners,
                        configHash(workerJson + "\n" + opaConfig, members), opaConfig != null));
    }

    String workerJson(String namespace, String pool, List<PoolMember> members) {
        ObjectNode root = config.object();
        root.put("schemaVersion", WorkerConfigRenderer.SCHEMA_VERSION);
        ObjectNode identity = root.putObject("pool");
        identity.put("namespace", namespace);
        identity.put("name", pool);
        root.set("http", config.http());
        ObjectNode limits = root.putObject("limits");
        limits.put("queueCapacity", WorkerConfigRenderer.QUEUE_CAPACITY);
        limits.put("computeThreads", 0);
        root.set("setup", config.setup());
        ObjectNode control = config.control();
        control.put("partnerPollMillis", WorkerConfigRenderer.PARTNER_POLL_MILLIS);
        root.set("control", control);
        ArrayNode tenants = root.putArray("tenants");
        members.forEach(member -> tenants.add(tenantEntry(member)));
        if (config.distributesPolicy()) {
            root.set("policy", config.policy());
        }
        return WorkerConfigRenderer.write(root);
    }

    private ObjectNode tenantEntry(PoolMember member) {
        Tenant tenant = member.tenant();
        String dir = PoolNames.tenantDir(member.name());
        ObjectNode entry = config.object();
        entry.set("tenant", config.identity(tenant));
        entry.putObject("limits").put("maxClientSetSize", WorkerConfigRenderer.maxClientSetSize(tenant.getSpec()));
        entry.set("dataset", config.dataset(tenant.getSpec(), dir + "/dataset/" + WorkerConfigRenderer.DATASET_FILE));
        entry.set("key", config.key(dir + "/key/" + WorkerConfigRenderer.KEY_FILE));
        entry.putObject("control").put("tokenPath", dir + "/control/" + WorkerTokenNames.TOKEN_KEY);
        entry.set("partners", config.partners(dir + "/partners/" + WorkerConfigRenderer.PARTNERS_FILE));
        return entry;
    }

    private static ConfigMap configMap(String namespace, String pool, String workerJson, String opaConfig,
                                       List<OwnerReference> owners) {
        Map<String, String> data = new java.util.TreeMap<>();
        data.put(WorkerConfigRenderer.CONFIG_KEY, workerJson);
        if (opaConfig != null) {
            data.put(OpaSidecar.CONFIG_KEY, opaConfig);
        }
        return new ConfigMapBuilder()
                .withNewMetadata().withName(PoolNames.config(pool)).withNamespace(namespace)
                .withLabels(PoolNames.labels(pool)).withOwnerReferences(owners).endMetadata()
                .withData(data)
                .build();
    }

    private static ServiceAccount serviceAccount(String namespace, String pool, List<OwnerReference> owners) {
        return new ServiceAccountBuilder()
                .withNewMetadata().withName(PoolNames.workers(pool)).withNamespace(namespace)
                .withLabels(PoolNames.labels(pool)).withOwnerReferences(owners).endMetadata()
                .withAutomountServiceAccountToken(false)
                .build();
    }

    private static Service service(String namespace, String pool, List<OwnerReference> owners) {
        return new ServiceBuilder()
                .withNewMetadata().withName(PoolNames.workers(pool)).withNamespace(namespace)
                .withLabels(PoolNames.labels(pool)).withOwnerReferences(owners).endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(PoolNames.selector(pool))
                .addNewPort().withName("http").withProtocol("TCP").withPort(TenantResourceNames.WORKER_PORT)
                .withTargetPort(new IntOrString("http")).endPort()
                .endSpec()
                .build();
    }

    private Deployment deployment(String namespace, String pool, List<PoolMember> members,
                                  List<OwnerReference> owners, String configHash, boolean withOpa) {
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("config").withNewConfigMap().withName(PoolNames.config(pool))
                .withItems(item(WorkerConfigRenderer.CONFIG_KEY, WorkerConfigRenderer.CONFIG_KEY))
                .endConfigMap().build());
        mounts.add(WorkerDeploymentDependent.mount("config", WorkerConfigRenderer.CONFIG_DIR));
        for (int i = 0; i < members.size(); i++) {
            addTenantVolumes("t" + i, members.get(i), volumes, mounts);
        }
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        List<io.fabric8.kubernetes.api.model.Container> containers = new ArrayList<>();
        containers.add(WorkerDeploymentDependent.container(settings.workerImage(), null, mounts));
        if (withOpa) {
            volumes.add(new VolumeBuilder().withName("opa-config").withNewConfigMap().withName(PoolNames.config(pool))
                    .withItems(item(OpaSidecar.CONFIG_KEY, OpaSidecar.CONFIG_KEY)).endConfigMap().build());
            List<VolumeMount> opaMounts = new ArrayList<>();
            opaMounts.add(WorkerDeploymentDependent.mount("opa-config", OpaSidecar.CONFIG_DIR));
            mounts.stream().filter(m -> m.getName().endsWith("-token")).forEach(opaMounts::add);
            containers.add(OpaSidecar.container(settings.opaImage(), opaMounts));
        }
        int replicas = members.stream().map(m -> m.tenant().getSpec().getWorkers())
                .mapToInt(w -> w == null || w.getReplicas() == null ? 1 : w.getReplicas()).max().orElse(1);
        return new DeploymentBuilder()
                .withNewMetadata().withName(PoolNames.workers(pool)).withNamespace(namespace)
                .withLabels(PoolNames.labels(pool)).withOwnerReferences(owners).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().withMatchLabels(PoolNames.selector(pool)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(PoolNames.labels(pool))
                .withAnnotations(Map.of(TenantResourceNames.CONFIG_HASH_ANNOTATION, configHash)).endMetadata()
                .withNewSpec()
                .withServiceAccountName(PoolNames.workers(pool))
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(WorkerDeploymentDependent.podSecurityContext())
                .withContainers(containers)
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static void addTenantVolumes(String prefix, PoolMember member, List<Volume> volumes,
                                         List<VolumeMount> mounts) {
        Tenant tenant = member.tenant();
        String dir = PoolNames.tenantDir(member.name());
        DatasetObservation dataset = member.dataset();
        KeyToPath items = item(dataset.key() == null ? WorkerConfigRenderer.DATASET_FILE : dataset.key(),
                WorkerConfigRenderer.DATASET_FILE);
        VolumeBuilder datasetVolume = new VolumeBuilder().withName(prefix + "-dataset");
        volumes.add(switch (dataset.source()) {
            case SECRET -> datasetVolume.withNewSecret().withSecretName(dataset.name()).withItems(items)
                    .withDefaultMode(0440).withOptional(true).endSecret().build();
            case CONFIG_MAP -> datasetVolume.withNewConfigMap().withName(dataset.name()).withItems(items)
                    .withOptional(true).endConfigMap().build();
            case INLINE -> datasetVolume.withNewConfigMap().withName(TenantResourceNames.config(tenant))
                    .withItems(items).withOptional(true).endConfigMap().build();
        });
        volumes.add(new VolumeBuilder().withName(prefix + "-key").withNewSecret()
                .withSecretName(TenantResourceNames.keySeed(tenant))
                .withItems(item(WorkerConfigRenderer.KEY_FILE, WorkerConfigRenderer.KEY_FILE))
                .withDefaultMode(0440).withOptional(true).endSecret().build());
        volumes.add(new VolumeBuilder().withName(prefix + "-token").withNewSecret()
                .withSecretName(WorkerTokenNames.secretName(tenant))
                .withItems(item(WorkerTokenNames.TOKEN_KEY, WorkerTokenNames.TOKEN_KEY))
                .withDefaultMode(0440).withOptional(true).endSecret().build());
        volumes.add(new VolumeBuilder().withName(prefix + "-partners").withNewConfigMap()
                .withName(TenantResourceNames.partners(tenant)).withOptional(true).endConfigMap().build());
        mounts.add(WorkerDeploymentDependent.mount(prefix + "-dataset", dir + "/dataset"));
        mounts.add(WorkerDeploymentDependent.mount(prefix + "-key", dir + "/key"));
        mounts.add(WorkerDeploymentDependent.mount(prefix + "-token", dir + "/control"));
        mounts.add(WorkerDeploymentDependent.mount(prefix + "-partners", dir + "/partners"));
    }

    /** Over what the pods read at start: worker.json, inline items and the members' key seed Secrets. */
    private static String configHash(String workerJson, List<PoolMember> members) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, workerJson);
            for (PoolMember member : members) {
                String inline = member.tenant().getSpec().getDataset().getInline();
                update(digest, member.name());
                update(digest, inline == null ? "" : inline);
                update(digest, member.keySeedUid());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static KeyToPath item(String key, String path) {
        return new KeyToPath(key, null, path);
    }
}
