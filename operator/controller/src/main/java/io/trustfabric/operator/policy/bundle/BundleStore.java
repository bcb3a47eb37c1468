package io.trustfabric.operator.policy.bundle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed bundles the control API serves (in memory): the one macros bundle, and a tenant bundle per
 * (namespace, tenant). The reconcilers put contents in; the store signs them once and keeps the bytes, so a poll
 * only compares an ETag. A tenant without a bundle of its own gets the default tenant bundle (no policy: allowed,
 * with a {@code no-policy} warning; docs/decisions/policies.md), built on first request and cached, but only once
 * the policy reconciler has declared its first full pass done ({@link #markTenantsSynced()}): before that, after an
 * operator restart, "no bundle yet" does not mean "no policy", and serving the default would relax a tenant's policy
 * until its reconciliation caught up.
 */
public final class BundleStore {

    /** The revision of every default tenant bundle. */
    public static final String DEFAULT_REVISION = "default";

    private static final Logger LOG = LoggerFactory.getLogger(BundleStore.class);

    private final BundleSigner signer;
    private final AtomicReference<SignedBundle> macros = new AtomicReference<>();
    private final Map<TenantKey, SignedBundle> tenants = new ConcurrentHashMap<>();
    private final Map<String, SignedBundle> defaults = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean tenantsSynced;
    private volatile java.util.function.BiPredicate<String, String> governed = (namespace, tenant) -> false;

    public BundleStore(BundleSigner signer) {
        this.signer = Objects.requireNonNull(signer);
    }

    /** What changed: {@code tenant} is null for the macros bundle; {@code bundle} is null when a tenant's was removed. */
    public record Change(Kind kind, String namespace, String tenant, SignedBundle bundle) {
        public enum Kind { MACROS, TENANT, TENANT_REMOVED }
    }

    /** Told of every change after it is visible to the routes (on the caller's thread; keep it quick). */
    @FunctionalInterface
    public interface Listener {
        void changed(Change change);
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** The signer's public key, as OPA is to be configured with it. */
    public String publicKeyPem() {
        return signer.key().publicKeyPem();
    }

    /**
     * Replaces the macros bundle. Its roots must be exactly {@code trustfabric/macros} and {@code trustfabric/decision}.
     *
     * @return the signed bundle now served
     */
    public synchronized SignedBundle putMacros(BundleContent content) {
        if (!content.roots().equals(List.of(BundleContent.MACROS_ROOT, BundleContent.DECISION_ROOT))
                && !content.roots().equals(List.of(BundleContent.DECISION_ROOT, BundleContent.MACROS_ROOT))) {
            throw new IllegalArgumentException("the macros bundle's roots are " + BundleContent.MACROS_ROOT + " and "
                    + BundleContent.DECISION_ROOT + ", not " + content.roots());
        }
        SignedBundle bundle = BundleArchive.write(content, signer);
        SignedBundle previous = macros.getAndSet(bundle);
        if (!bundle.equals(previous)) {
            LOG.info("Macros bundle {} ({})", bundle.revision(), bundle.digest());
            notify(new Change(Change.Kind.MACROS, null, null, bundle));
        }
        return bundle;
    }

    /**
     * Replaces a tenant's bundle. It must hold data only, under its one root {@code trustfabric/tenants/<tenant>}
     * (build it with {@link BundleContent#tenant}).
     *
     * @return the signed bundle now served
     */
    public synchronized SignedBundle putTenant(String namespace, String tenant, BundleContent content) {
        if (!content.roots().equals(List.of(BundleContent.tenantRoot(tenant))) || !content.modules().isEmpty()) {
            throw new IllegalArgumentException("the bundle of tenant " + tenant + " holds data.json only, with root "
                    + BundleContent.tenantRoot(tenant) + "; got roots " + content.roots() + " and "
                    + content.modules().size() + " modules");
        }
        SignedBundle bundle = BundleArchive.write(content, signer);
        SignedBundle previous = tenants.put(new TenantKey(namespace, tenant), bundle);
        if (!bundle.equals(previous)) {
            notify(new Change(Change.Kind.TENANT, namespace, tenant, bundle));
        }
        return bundle;
    }

    /** Forgets a tenant's bundle; the tenant is served the default bundle from now on. */
    public synchronized void removeTenant(String namespace, String tenant) {
        if (tenants.remove(new TenantKey(namespace, tenant)) != null) {
            notify(new Change(Change.Kind.TENANT_REMOVED, namespace, tenant, null));
        }
    }

    /** The bundle this content would be, signed, without serving it (to compare digests before a new revision). */
    public SignedBundle sign(BundleContent content) {
        return BundleArchive.write(content, signer);
    }

    /**
     * Tenants that are governed by a TrustPolicy never get the default bundle, even after {@link #markTenantsSynced}:
     * until their own bundle is put, the route answers 503 and OPA keeps what it has (fail closed).
     */
    public void governedBy(java.util.function.BiPredicate<String, String> governed) {
        this.governed = Objects.requireNonNull(governed);
    }

    /** The macros bundle, empty until the first {@link #putMacros}. */
    public Optional<SignedBundle> macros() {
        return Optional.ofNullable(macros.get());
    }

    /**
     * Declares that every tenant with a policy has had its bundle put, so a tenant without one has no policy and is
     * served the default bundle. Until then such a tenant gets nothing (the route answers 503 policy-not-ready and
     * OPA keeps what it has).
     */
    public void markTenantsSynced() {
        tenantsSynced = true;
    }

    public boolean tenantsSynced() {
        return tenantsSynced;
    }

    /**
     * The tenant's own bundle, else the default tenant bundle once {@link #markTenantsSynced() synced}; empty before
     * that.
     */
    public Optional<SignedBundle> tenant(String namespace, String tenant) {
        SignedBundle own = tenants.get(new TenantKey(namespace, tenant));
        if (own != null) {
            return Optional.of(own);
        }
        if (!tenantsSynced || governed.test(namespace, tenant)) {
            return Optional.empty();
        }
        return Optional.of(defaults.computeIfAbsent(tenant, name -> BundleArchive.write(defaultContent(name),
                signer)));
    }

    /** Whether the tenant has a bundle of its own (not the default). */
    public boolean hasOwnBundle(String namespace, String tenant) {
        return tenants.containsKey(new TenantKey(namespace, tenant));
    }

    /** The default tenant bundle's content: no policy, revision 0, {@code default: true}, no rules. */
    public static BundleContent defaultContent(String tenant) {
        return BundleContent.tenant(tenant, DEFAULT_REVISION,
                BundleContent.tenantDocument(null, 0, true, JsonNodeFactory.instance.arrayNode()));
    }

    private void notify(Change change) {
        for (Listener listener : listeners) {
            try {
                listener.changed(change);
            } catch (RuntimeException e) {
                LOG.warn("A bundle listener failed on {}: {}", change.kind(), e.toString());
            }
        }
    }

    private record TenantKey(String namespace, String tenant) {
    }
}
