package io.trustfabric.api.v1alpha1;

import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A tenant of the PSI service: owns a data set and runs PSI workers that allow-listed partners query.
 */
@Group(TrustFabric.GROUP)
@Version(TrustFabric.VERSION)
@ShortNames("tn")
public class Tenant extends CustomResource<TenantSpec, TenantStatus> implements Namespaced {
}
