package io.trustfabric.operator.policy.bundle;

import io.trustfabric.operator.control.ControlRoute;
import io.trustfabric.operator.control.ControlRoutes;
import io.trustfabric.operator.policy.decisions.DecisionLog;
import io.trustfabric.operator.policy.decisions.DecisionUploadRoute;
import java.util.List;

/**
 * The policy endpoints of the control API (docs/control-api.md, "Policy bundles and decision logs"): the tenant and
 * macros bundles a worker's OPA polls, and the decision-log upload it posts to. Leader-only: the leader's
 * reconcilers fill the {@link BundleStore}, and every upload lands in the leader's {@link DecisionLog}; a follower
 * answers 503 not-leader and OPA keeps its bundles and retries its upload.
 */
public final class PolicyRoutes {

    private PolicyRoutes() {
    }

    public static ControlRoutes register(ControlRoutes routes, BundleStore bundles, DecisionLog decisions) {
        routes(bundles, decisions).forEach(routes::add);
        return routes;
    }

    /** {@code GET /policy/bundle}, {@code GET /policy/macros}, {@code POST /policy/decisions}. */
    public static List<ControlRoute> routes(BundleStore bundles, DecisionLog decisions) {
        return List.of(BundleRoute.tenant(bundles), BundleRoute.macros(bundles), new DecisionUploadRoute(decisions));
    }
}
