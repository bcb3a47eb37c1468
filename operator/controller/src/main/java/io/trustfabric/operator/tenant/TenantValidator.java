package io.trustfabric.operator.tenant;

import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantSpec;
import io.trustfabric.api.v1alpha1.WorkerSpec;
import io.trustfabric.operator.pool.PoolNames;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The "validate" phase: catches specs the CRD schema cannot (objects that must exist, names that must fit,
 * contradictions across fields). A failure stops the reconciliation before anything is created or changed.
 */
public final class TenantValidator {

    public static final String DEDICATED_POOL = "dedicated";

    public static final String DATASET_SECRET_NOT_FOUND = "DatasetSecretNotFound";
    public static final String DATASET_CONFIGMAP_NOT_FOUND = "DatasetConfigMapNotFound";
    public static final String DATASET_KEY_NOT_FOUND = "DatasetKeyNotFound";
    public static final String INVALID_DATASET_SOURCE = "InvalidDatasetSource";
    public static final String NO_QUERY_MODES = "NoQueryModes";
    public static final String DUPLICATE_QUERY_MODES = "DuplicateQueryModes";
    public static final String INVALID_WORKER_POOL = "InvalidWorkerPool";
    public static final String INVALID_REPLICAS = "InvalidReplicas";
    public static final String TENANT_NAME_NOT_USABLE = "TenantNameNotUsable";

    /** A Service name is an RFC 1035 label; the workers' Service is named "<tenant>-psi". */
    private static final Pattern DNS_1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$");

    public Optional<ValidationFailure> validate(Tenant tenant, DatasetObservation dataset) {
        TenantSpec spec = tenant.getSpec();
        if (spec == null) {
            return fail(INVALID_DATASET_SOURCE, "The Tenant has no spec; set spec.modes and spec.dataset.");
        }
        return checkName(tenant)
                .or(() -> checkModes(spec.getModes()))
                .or(() -> checkWorkers(spec.getWorkers()))
                .or(() -> checkDataset(tenant, dataset));
    }

    private Optional<ValidationFailure> checkName(Tenant tenant) {
        String serviceName = TenantResourceNames.workers(tenant);
        if (!DNS_1035_LABEL.matcher(serviceName).matches()) {
            return fail(TENANT_NAME_NOT_USABLE, "The workers' Service would be named '" + serviceName
                    + "', which is not a valid Service name (lower-case letters, digits and '-', starting with a letter,"
                    + " at most 63 characters). Recreate the Tenant with a name of at most 59 such characters.");
        }
        return Optional.empty();
    }

    private Optional<ValidationFailure> checkModes(List<QueryMode> modes) {
        if (modes == null || modes.isEmpty() || modes.contains(null)) {
            return fail(NO_QUERY_MODES, "spec.modes is empty; list the modes partners may use: psi-ca and/or psi.");
        }
        if (new HashSet<>(modes).size() != modes.size()) {
            return fail(DUPLICATE_QUERY_MODES, "spec.modes lists a mode twice (" + modes.stream()
                    .map(QueryMode::wireName).toList() + "); list each of psi-ca and psi at most once.");
        }
        return Optional.empty();
    }

    private Optional<ValidationFailure> checkWorkers(WorkerSpec workers) {
        if (workers == null) {
            return Optional.empty();
        }
        if (workers.getReplicas() != null && workers.getReplicas() < 0) {
            return fail(INVALID_REPLICAS, "spec.workers.replicas is " + workers.getReplicas()
                    + "; set 0 to stop the workers or a positive number to run them.");
        }
        String pool = workers.getPool();
        if (pool != null && !DEDICATED_POOL.equals(pool) && !DNS_1035_LABEL.matcher(PoolNames.PREFIX + pool).matches()) {
            return fail(INVALID_WORKER_POOL, "spec.workers.pool '" + pool + "' cannot name a shared pool: its workers"
                    + " would be named '" + PoolNames.PREFIX + pool + "', which is not a valid Service name. Use"
                    + " 'dedicated', 'shared' or another name of at most 54 lower-case letters, digits and '-'.");
        }
        return Optional.empty();
    }

    private Optional<ValidationFailure> checkDataset(Tenant tenant, DatasetObservation dataset) {
        String namespace = tenant.getMetadata().getNamespace();
        return switch (dataset.state()) {
            case PRESENT -> Optional.empty();
            case NOT_EXACTLY_ONE_SOURCE -> fail(INVALID_DATASET_SOURCE,
                    "spec.dataset must set exactly one of secretRef, configMapRef or inline.");
            case OBJECT_MISSING -> dataset.source() == DatasetObservation.Source.SECRET
                    ? fail(DATASET_SECRET_NOT_FOUND, "Secret '" + dataset.name() + "' named in spec.dataset.secretRef"
                            + " does not exist in namespace '" + namespace + "'. Create it (kubectl create secret generic "
                            + dataset.name() + " --from-file=" + dataset.key() + "=items.txt) or fix the name.")
                    : fail(DATASET_CONFIGMAP_NOT_FOUND, "ConfigMap '" + dataset.name() + "' named in"
                            + " spec.dataset.configMapRef does not exist in namespace '" + namespace
                            + "'. Create it or fix the name.");
            case KEY_MISSING -> fail(DATASET_KEY_NOT_FOUND, (dataset.source() == DatasetObservation.Source.SECRET
                    ? "Secret '" : "ConfigMap '") + dataset.name() + "' has no key '" + dataset.key()
                    + "'. Add the key or point spec.dataset at the key that holds the items.");
        };
    }

    private static Optional<ValidationFailure> fail(String reason, String message) {
        return Optional.of(new ValidationFailure(reason, message));
    }
}
