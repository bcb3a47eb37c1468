package io.trustfabric.operator.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.operator.policy.bundle.BundleContent;
import io.trustfabric.operator.policy.bundle.BundleStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;

/** Publishes compiled policy as signed bundles in the {@link BundleStore} the control API serves. */
public final class BundlePublisher implements PolicyPublisher {

    private final BundleStore store;

    public BundlePublisher(BundleStore store) {
        this.store = store;
    }

    @Override
    public String tenantDigest(String namespace, String tenant, long revision, ObjectNode tenantDocument) {
        return store.sign(content(tenant, revision, tenantDocument)).digest();
    }

    @Override
    public String publishTenant(String namespace, String tenant, long revision, ObjectNode tenantDocument) {
        return store.putTenant(namespace, tenant, content(tenant, revision, tenantDocument)).digest();
    }

    @Override
    public void withdrawTenant(String namespace, String tenant) {
        store.removeTenant(namespace, tenant);
    }

    @Override
    public String publishMacros(SortedMap<String, String> modules) {
        return store.putMacros(BundleContent.macros(macrosRevision(modules), modules)).digest();
    }

    @Override
    public String tenantBundlePath(String namespace, String tenant) {
        return "/control/v1/namespaces/" + namespace + "/tenants/" + tenant + "/policy/bundle";
    }

    /** The revision OPA reports for a tenant bundle: {@code <tenant>@<revision>}. */
    static String revision(String tenant, long revision) {
        return tenant + "@" + revision;
    }

    private static BundleContent content(String tenant, long revision, ObjectNode document) {
        return BundleContent.tenant(tenant, revision(tenant, revision), document);
    }

    /** Derived from the modules, so the same accepted macros give the same macros bundle on every replica. */
    private static String macrosRevision(SortedMap<String, String> modules) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            modules.forEach((path, text) -> {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(text.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return "macros-" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
