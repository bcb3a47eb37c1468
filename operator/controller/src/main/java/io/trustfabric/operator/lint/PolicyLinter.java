package io.trustfabric.operator.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.util.ArrayList;
import java.util.List;

/**
 * The one linter behind the admission webhook, the reconcilers' status.findings and {@code tfctl lint}: checks
 * trustfabric.io objects beyond what their CRD schema can say. Every finding has a stable {@link FindingCode}.
 */
public final class PolicyLinter {

    private final LintEnvironment environment;

    public PolicyLinter(LintEnvironment environment) {
        this.environment = environment;
    }

    /** Lints a new object (any kind; kinds without checks yield nothing). */
    public List<PolicyFinding> lint(JsonNode object) {
        return lint(object, null);
    }

    /** Lints an object; {@code stored} is the object it replaces on an update, null on create. */
    public List<PolicyFinding> lint(JsonNode object, JsonNode stored) {
        return new ArrayList<>();
    }
}
