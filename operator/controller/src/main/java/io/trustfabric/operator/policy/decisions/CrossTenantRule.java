package io.trustfabric.operator.policy.decisions;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a worker authenticated as one tenant may report decisions taken for another: a shared pool's single OPA
 * uploads every member tenant's decisions with the credentials of one of them. Anything this rule refuses is dropped
 * and counted, so a tenant's worker cannot plant entries in another tenant's log.
 */
@FunctionalInterface
public interface CrossTenantRule {

    boolean accepts(TenantRef uploader, TenantRef subject);

    /** The default: a worker reports its own tenant's decisions only. */
    static CrossTenantRule sameTenantOnly() {
        return TenantRef::equals;
    }

    /**
     * Its own tenant's, and those of tenants in the same namespace served by the same pool.
     *
     * @param poolOf the pool serving a tenant, empty when the tenant has dedicated workers (or is unknown)
     */
    static CrossTenantRule samePool(Function<TenantRef, Optional<String>> poolOf) {
        return (uploader, subject) -> {
            if (uploader.equals(subject)) {
                return true;
            }
            if (!uploader.namespace().equals(subject.namespace())) {
                return false;
            }
            Optional<String> pool = poolOf.apply(uploader);
            return pool.isPresent() && Objects.equals(pool, poolOf.apply(subject));
        };
    }
}
