package io.trustfabric.operator.tenant;

import io.trustfabric.operator.policy.bundle.OpaSidecarConfig;
import java.util.List;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.WorkerSpec;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.allowlist.PartnersDocument;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the dependents of one valid Tenant should look like, computed once per reconciliation and handed to
 * the dependent resources through the workflow context.
 *
 * @param image       worker image
 * @param replicas    worker replicas
 * @param resources   container resources (null: none set)
 * @param workerJson  rendered worker.json
 * @param inlineItems items for the config ConfigMap when the data set is inline, else null
 * @param dataset     where the items come from
 * @param configHash  SHA-256 over everything the pods read at start; changes roll the pods
 * @param pool        the shared pool serving the tenant, or null for dedicated workers
 * @param opaConfig   the OPA sidecar's configuration (dedicated workers), or null without policy distribution
 * @param opaImage    image of the OPA sidecar
 * @param partners    the effective allowlist for ConfigMap {@code <tenant>-psi-partners}; deliberately not part of
 *                    the config hash, since workers follow it without a restart
 */
public record WorkerPlan(String image, int replicas, ResourceRequirements resources, String workerJson,
                         String inlineItems, DatasetObservation dataset, String configHash, String pool,
                         String opaConfig, String opaImage, PartnersDocument partners) {

    /** Key under which the plan travels in the workflow context. */
    public static final String CONTEXT_KEY = WorkerPlan.class.getName();

    public static WorkerPlan of(Tenant tenant, DatasetObservation dataset, OperatorSettings settings,
                                WorkerConfigRenderer renderer, PartnersDocument partners) {
        WorkerSpec workers = tenant.getSpec().getWorkers() == null ? new WorkerSpec() : tenant.getSpec().getWorkers();
        String image = workers.getImage() == null || workers.getImage().isBlank()
                ? settings.workerImage() : workers.getImage();
        int replicas = workers.getReplicas() == null ? 1 : workers.getReplicas();
        String pool = pool(tenant);
        String workerJson = pool == null ? renderer.render(tenant) : null;
        String opaConfig = pool == null ? renderer.opaConfig(tenant.getMetadata().getNamespace(), List.of(
                new OpaSidecarConfig.Tenant(tenant.getMetadata().getName(), WorkerTokenNames.TOKEN_PATH))) : null;
        String inline = tenant.getSpec().getDataset().getInline();
        String hash = sha256(String.valueOf(workerJson), inline == null ? "" : inline, String.valueOf(dataset.source()),
                String.valueOf(dataset.name()), String.valueOf(dataset.key()), String.valueOf(opaConfig));
        return new WorkerPlan(image, replicas, workers.getResources(), workerJson, inline, dataset, hash, pool,
                opaConfig, settings.opaImage(), partners);
    }

    /** The shared pool a Tenant asks for, or null for dedicated workers. */
    public static String pool(Tenant tenant) {
        WorkerSpec workers = tenant.getSpec() == null ? null : tenant.getSpec().getWorkers();
        String pool = workers == null ? null : workers.getPool();
        return pool == null || pool.isBlank() || TenantValidator.DEDICATED_POOL.equals(pool) ? null : pool;
    }

    public boolean dedicated() {
        return pool == null;
    }

    private static String sha256(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
