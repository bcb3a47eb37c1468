package io.trustfabric.operator.policy.decisions;

/** A tenant: its namespace and name. */
public record TenantRef(String namespace, String name) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
