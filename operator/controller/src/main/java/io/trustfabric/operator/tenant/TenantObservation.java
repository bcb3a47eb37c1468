package io.trustfabric.operator.tenant;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;

/**
 * The "observe" phase's result: everything the reconciler decides from, read before anything is changed.
 *
 * @param paused  the trustfabric.io/paused annotation is "true"
 * @param dataset where the data set is and whether it exists
 * @param workers the worker Deployment as the informer cache has it
 */
public record TenantObservation(boolean paused, DatasetObservation dataset, Optional<Deployment> workers) {
}
