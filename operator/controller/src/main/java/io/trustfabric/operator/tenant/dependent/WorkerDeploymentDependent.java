package io.trustfabric.operator.tenant.dependent;

import io.trustfabric.operator.policy.OpaSidecar;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.budget.ReceiptKeySecretDependent;
import io.trustfabric.operator.tenant.DatasetObservation;
import io.trustfabric.operator.tenant.TenantResourceNames;
import io.trustfabric.operator.tenant.WorkerConfigRenderer;
import io.trustfabric.operator.tenant.WorkerPlan;
import io.trustfabric.operator.tenant.WorkerTokenNames;
import java.util.List;
import java.util.Map;

/**
 * Deployment {@code <tenant>-psi}: the PSI workers. Runs as non-root on a read-only root file system with
 * the config, data set and key seed mounted read-only. The pod template carries a hash of the config and the
 * key seed Secret's UID, so a config change or a replaced key seed rolls the pods.
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantResourceNames.MANAGED_BY_SELECTOR))
public class WorkerDeploymentDependent extends CRUDKubernetesDependentResource<Deployment, Tenant> {

    public static final String COMPONENT = "psi-worker";
    public static final String CONTAINER = "psi-worker";
    public static final long RUN_AS = 65532L;

    public static final String CONFIG_VOLUME = "config";
    public static final String DATASET_VOLUME = "dataset";
    public static final String KEY_VOLUME = "key-seed";
    private static final String TOKEN_VOLUME = "control-token";
    private static final String RECEIPT_KEY_VOLUME = "receipt-key";
    private static final String RECEIPT_LOG_VOLUME = "receipt-log";
    /** Writable directory of the worker's receipt log (the root file system is read-only). */
    public static final String RECEIPT_LOG_DIR = "/var/lib/trustfabric/receipts";
    public static final String PARTNERS_VOLUME = "partners";
    public static final String TMP_VOLUME = "tmp";
    private static final String OPA_CONFIG_VOLUME = "opa-config";

    public WorkerDeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected Deployment desired(Tenant tenant, Context<Tenant> context) {
        WorkerPlan plan = WorkerPlanLookup.plan(context);
        Map<String, String> labels = TenantResourceNames.labels(tenant, COMPONENT);
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(TenantResourceNames.workers(tenant))
                .withNamespace(tenant.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(TenantResourceNames.controllerReference(tenant))
                .endMetadata()
                .withNewSpec()
                .withReplicas(plan.replicas())
                .withNewSelector().withMatchLabels(TenantResourceNames.selector(tenant)).endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .withAnnotations(Map.of(TenantResourceNames.CONFIG_HASH_ANNOTATION, plan.configHash(),
                        TenantResourceNames.KEY_SEED_ANNOTATION, keySeedUid(tenant, context),
                        ReceiptKeySecretDependent.KEY_ID_ANNOTATION, receiptKeyId(tenant, context)))
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(TenantResourceNames.workers(tenant))
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(podSecurityContext())
                .withContainers(containers(plan))
                .withVolumes(volumes(tenant, plan))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static List<Container> containers(WorkerPlan plan) {
        Container worker = container(plan.image(), plan.resources(), mounts());
        if (plan.opaConfig() == null) {
            return List.of(worker);
        }
        return List.of(worker, OpaSidecar.container(plan.opaImage(), List.of(
                mount(OPA_CONFIG_VOLUME, OpaSidecar.CONFIG_DIR), mount(TOKEN_VOLUME, WorkerTokenNames.TOKEN_DIR))));
    }

    /**
     * Workers read the key seed only at start. If the Secret is ever replaced (deleted and regenerated), its new
     * UID rolls the pods, so no two replicas serve with different keys.
     */
    private static String keySeedUid(Tenant tenant, Context<Tenant> context) {
        String name = TenantResourceNames.keySeed(tenant);
        return context.getSecondaryResourcesAsStream(Secret.class)
                .filter(secret -> name.equals(secret.getMetadata().getName()))
                .map(secret -> secret.getMetadata().getUid()).findFirst().orElse("");
    }

    /** Workers read the receipt key only at start: a replaced key (new id) rolls them. */
    private static String receiptKeyId(Tenant tenant, Context<Tenant> context) {
        return ReceiptKeySecretDependent.of(tenant, context).flatMap(ReceiptKeySecretDependent::publicHalf)
                .map(io.trustfabric.api.v1alpha1.ReceiptKey::getKeyId).orElse("");
    }

    /** Non-root with a fixed id and the RuntimeDefault seccomp profile; shared with the pool's workers. */
    public static PodSecurityContext podSecurityContext() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(RUN_AS)
                .withRunAsGroup(RUN_AS)
                .withFsGroup(RUN_AS)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /** The hardened worker container; shared with the pool's workers, which mount more volumes. */
    public static Container container(String image, ResourceRequirements resources, List<VolumeMount> mounts) {
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image)
                .withArgs("--config", WorkerConfigRenderer.CONFIG_PATH)
                .addNewEnv().withName("TF_WORKER_CONFIG").withValue(WorkerConfigRenderer.CONFIG_PATH).endEnv()
                .addNewPort().withName("http").withContainerPort(TenantResourceNames.WORKER_PORT)
                .withProtocol("TCP").endPort()
                .withReadinessProbe(httpProbe("/readyz", 5, 3))
                .withLivenessProbe(httpProbe("/healthz", 10, 3))
                .withResources(resources(resources))
                .withSecurityContext(containerSecurityContext())
                .withVolumeMounts(mounts)
                .build();
    }

    /** Non-root, read-only root file system, no privilege escalation, no capabilities: every container of a pod. */
    public static SecurityContext containerSecurityContext() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }

    private static Probe httpProbe(String path, int periodSeconds, int failureThreshold) {
        return httpProbe(path, "http", periodSeconds, failureThreshold);
    }

    /** An HTTP GET probe on the named container port, with a 2 s timeout. */
    public static Probe httpProbe(String path, String port, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(port)).withScheme("HTTP").endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .withTimeoutSeconds(2)
                .build();
    }

    /** Resources from the spec; without any, a modest request and a memory limit so a worker cannot starve its node. */
    public static ResourceRequirements resources(ResourceRequirements fromSpec) {
        if (fromSpec != null) {
            return fromSpec;
        }
        return new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("256Mi")))
                .withLimits(Map.of("memory", new Quantity("512Mi")))
                .build();
    }

    private static List<VolumeMount> mounts() {
        return List.of(
                mount(CONFIG_VOLUME, WorkerConfigRenderer.CONFIG_DIR),
                mount(DATASET_VOLUME, WorkerConfigRenderer.DATASET_DIR),
                mount(KEY_VOLUME, WorkerConfigRenderer.KEY_DIR),
                mount(TOKEN_VOLUME, WorkerTokenNames.TOKEN_DIR),
                mount(RECEIPT_KEY_VOLUME, ReceiptKeySecretDependent.MOUNT_DIR),
                mount(PARTNERS_VOLUME, WorkerConfigRenderer.PARTNERS_DIR),
                new VolumeMountBuilder().withName(RECEIPT_LOG_VOLUME).withMountPath(RECEIPT_LOG_DIR).build(),
                new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build());
    }

    public static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build();
    }

    private static List<Volume> volumes(Tenant tenant, WorkerPlan plan) {
        Volume config = new VolumeBuilder().withName(CONFIG_VOLUME).withNewConfigMap()
                .withName(TenantResourceNames.config(tenant))
                .withItems(item(WorkerConfigRenderer.CONFIG_KEY, WorkerConfigRenderer.CONFIG_KEY))
                .endConfigMap().build();
        Volume key = new VolumeBuilder().withName(KEY_VOLUME).withNewSecret()
                .withSecretName(TenantResourceNames.keySeed(tenant))
                .withItems(item(WorkerConfigRenderer.KEY_FILE, WorkerConfigRenderer.KEY_FILE))
                .withDefaultMode(0440)
                .endSecret().build();
        Volume token = new VolumeBuilder().withName(TOKEN_VOLUME).withNewSecret()
                .withSecretName(WorkerTokenNames.secretName(tenant))
                .withItems(item(WorkerTokenNames.TOKEN_KEY, WorkerTokenNames.TOKEN_KEY))
                .withDefaultMode(0440)
                .endSecret().build();
        Volume receiptKey = new VolumeBuilder().withName(RECEIPT_KEY_VOLUME).withNewSecret()
                .withSecretName(ReceiptKeySecretDependent.secretName(tenant))
                .withItems(item(ReceiptKeySecretDependent.PRIVATE_KEY, ReceiptKeySecretDependent.PRIVATE_KEY),
                        item(ReceiptKeySecretDependent.PUBLIC_KEY, ReceiptKeySecretDependent.PUBLIC_KEY),
                        item(ReceiptKeySecretDependent.KEY_ID, ReceiptKeySecretDependent.KEY_ID))
                .withDefaultMode(0440)
                .endSecret().build();
        Volume tmp = new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build();
        // the whole ConfigMap as a directory, not a subPath: kubelet then swaps in a changed allowlist
        Volume partners = new VolumeBuilder().withName(PARTNERS_VOLUME).withNewConfigMap()
                .withName(TenantResourceNames.partners(tenant))
                .endConfigMap().build();
        // survives container restarts, not pod deletion; partners keep their own copies of their receipts
        Volume receiptLog = new VolumeBuilder().withName(RECEIPT_LOG_VOLUME).withNewEmptyDir().endEmptyDir().build();
        List<Volume> volumes = new java.util.ArrayList<>(List.of(config, datasetVolume(tenant, plan.dataset()), key,
                token, receiptKey, partners, receiptLog, tmp));
        if (plan.opaConfig() != null) {
            volumes.add(new VolumeBuilder().withName(OPA_CONFIG_VOLUME).withNewConfigMap()
                    .withName(TenantResourceNames.config(tenant))
                    .withItems(item(OpaSidecar.CONFIG_KEY, OpaSidecar.CONFIG_KEY))
                    .endConfigMap().build());
        }
        return volumes;
    }

    private static Volume datasetVolume(Tenant tenant, DatasetObservation dataset) {
        return datasetVolume(dataset, TenantResourceNames.config(tenant));
    }

    /** The data set volume; an inline data set is the key {@code items} of ConfigMap {@code inlineConfigMap}. */
    public static Volume datasetVolume(DatasetObservation dataset, String inlineConfigMap) {
        KeyToPath items = item(dataset.key() == null ? WorkerConfigRenderer.DATASET_FILE : dataset.key(),
                WorkerConfigRenderer.DATASET_FILE);
        VolumeBuilder volume = new VolumeBuilder().withName(DATASET_VOLUME);
        return switch (dataset.source()) {
            case SECRET -> volume.withNewSecret().withSecretName(dataset.name()).withItems(items)
                    .withDefaultMode(0440).endSecret().build();
            case CONFIG_MAP -> volume.withNewConfigMap().withName(dataset.name()).withItems(items)
                    .endConfigMap().build();
            case INLINE -> volume.withNewConfigMap().withName(inlineConfigMap).withItems(items)
                    .endConfigMap().build();
        };
    }

    public static KeyToPath item(String key, String path) {
        return new KeyToPath(key, null, path);
    }
}
