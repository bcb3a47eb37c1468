package io.trustfabric.operator.pool;

import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.tenant.DatasetObservation;

/**
 * A Tenant served by a shared pool.
 *
 * @param tenant     the Tenant
 * @param dataset    where its items are
 * @param keySeedUid UID of its key seed Secret ("" while it does not exist yet); a replaced seed rolls the pool
 */
public record PoolMember(Tenant tenant, DatasetObservation dataset, String keySeedUid) {

    public String name() {
        return tenant.getMetadata().getName();
    }
}
