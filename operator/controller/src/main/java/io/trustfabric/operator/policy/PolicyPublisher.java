package io.trustfabric.operator.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SortedMap;

/** Where compiled policy goes: the signed bundles the control API serves to the workers' OPAs. */
public interface PolicyPublisher {

    /** The digest the tenant bundle would have, without publishing it. */
    String tenantDigest(String namespace, String tenant, long revision, ObjectNode tenantDocument);

    /** Publishes the tenant bundle; returns its digest. */
    String publishTenant(String namespace, String tenant, long revision, ObjectNode tenantDocument);

    /** The tenant falls back to the default bundle (no TrustPolicy). */
    void withdrawTenant(String namespace, String tenant);

    /** Publishes the macros bundle: the decision module and every accepted macro module, by bundle path. */
    String publishMacros(SortedMap<String, String> modules);

    /** The URL path (below the control API) a worker's OPA downloads the tenant bundle from. */
    String tenantBundlePath(String namespace, String tenant);
}
