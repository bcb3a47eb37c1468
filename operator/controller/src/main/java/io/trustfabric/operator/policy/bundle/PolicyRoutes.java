package io.trustfabric.operator.policy.bundle;

import io.trustfabric.operator.control.ControlRoutes;
import io.trustfabric.operator.policy.decisions.DecisionLog;
import io.trustfabric.operator.policy.decisions.DecisionUploadRoute;

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
        return routes
                .add(BundleRoute.tenant(bundles))
                .add(BundleRoute.macros(bundles))
                .add(new DecisionUploadRoute(decisions));
    }
}
