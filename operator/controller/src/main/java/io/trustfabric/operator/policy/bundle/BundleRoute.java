package io.trustfabric.operator.policy.bundle;

import io.trustfabric.operator.control.ControlProblem;
import io.trustfabric.operator.control.ControlRequest;
import io.trustfabric.operator.control.ControlResponse;
import io.trustfabric.operator.control.ControlRoute;
import java.util.Map;

/**
 * {@code GET …/policy/bundle} (the tenant's bundle) and {@code GET …/policy/macros} (the macros bundle), as OPA's
 * bundle plugin downloads them: {@code application/gzip}, {@code ETag: "<digest>"}, and 304 without a body when
 * {@code If-None-Match} names the current digest. Until the bundle exists (macros not compiled yet, tenants not
 * synced yet) the answer is 503 policy-not-ready with Retry-After; OPA keeps what it has and polls again.
 * Leader-only: the leader's reconcilers fill the store, a follower's store is empty.
 */
final class BundleRoute implements ControlRoute {

    static final String GZIP = "application/gzip";
    static final String RETRY_AFTER_SECONDS = "5";

    private final String path;
    private final BundleStore store;
    private final boolean macros;

    private BundleRoute(String path, BundleStore store, boolean macros) {
        this.path = path;
        this.store = store;
        this.macros = macros;
    }

    static BundleRoute tenant(BundleStore store) {
        return new BundleRoute("/policy/bundle", store, false);
    }

    static BundleRoute macros(BundleStore store) {
        return new BundleRoute("/policy/macros", store, true);
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean leaderOnly() {
        return true;
    }

    @Override
    public int maxBodyBytes() {
        return 0;
    }

    @Override
    public ControlResponse handle(ControlRequest request) {
        SignedBundle bundle = (macros ? store.macros() : store.tenant(request.namespace(), request.tenant()))
                .orElseThrow(() -> new ControlProblem(503, "policy-not-ready", "Policy bundle not ready",
                        "The operator has not compiled the " + (macros ? "macros" : "tenant's") + " bundle yet;"
                                + " retry.", Map.of("Retry-After", RETRY_AFTER_SECONDS)));
        if (request.ifNoneMatch(bundle.etag())) {
            return ControlResponse.empty(304).withHeader("ETag", bundle.etag());
        }
        return ControlResponse.binary(200, GZIP, bundle.bytes()).withHeader("ETag", bundle.etag());
    }
}
