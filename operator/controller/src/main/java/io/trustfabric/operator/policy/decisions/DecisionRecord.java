package io.trustfabric.operator.policy.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the operator keeps of one OPA decision: metadata only (docs/control-api.md, "Decision logs").
 *
 * @param decisionId OPA's decision id (the worker returns it in {@code X-TrustFabric-Policy-Decision})
 * @param timestamp  when OPA decided
 * @param tenant     the tenant decided for ({@code input.tenant})
 * @param bundles    bundle name to the revision OPA had active (e.g. {@code macros}, {@code tenant-acme})
 * @param inputJson  the decision input reduced to the contract's fields, as compact JSON (a tree would take
 *                   several times the memory; see {@link #input()})
 * @param outcome    a summary of the result
 * @param revisions  id of the tenant's revisions in force when the decision arrived (status.revisions; the causal
 *                   journal maps it to the set), null when not known
 */
public record DecisionRecord(String decisionId, Instant timestamp, TenantRef tenant, Map<String, String> bundles,
                             String inputJson, Outcome outcome, String revisions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public DecisionRecord {
        bundles = Map.copyOf(bundles);
    }

    public DecisionRecord(String decisionId, Instant timestamp, TenantRef tenant, Map<String, String> bundles,
                          String inputJson, Outcome outcome) {
        this(decisionId, timestamp, tenant, bundles, inputJson, outcome, null);
    }

    /** The same record stamped with the revisions in force at arrival. */
    public DecisionRecord stamped(String revisionsId) {
        return new DecisionRecord(decisionId, timestamp, tenant, bundles, inputJson, outcome, revisionsId);
    }

    /** The reduced decision input, parsed. */
    public JsonNode input() {
        try {
            return JSON.readTree(inputJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision input is not JSON", e);
        }
    }

    /**
     * The decision result's summary.
     *
     * @param allow    {@code result.allow}; null when OPA had no result (undefined) or failed
     * @param policy   {@code result.policy} (namespace/name of the TrustPolicy), null for the default policy
     * @param revision {@code result.revision}, null when absent
     * @param denials  enforced denials
     * @param warnings {@code warn} denials (and the default policy's {@code no-policy})
     * @param dryrun   {@code dryrun} denials
     * @param errors   rules that could not be evaluated, and tenant-level errors
     * @param error    OPA's evaluation error message, null when it answered
     */
    public record Outcome(Boolean allow, String policy, Long revision, List<Finding> denials, List<Finding> warnings,
                          List<Finding> dryrun, List<Finding> errors, String error) {

        public Outcome {
            denials = List.copyOf(denials);
            warnings = List.copyOf(warnings);
            dryrun = List.copyOf(dryrun);
            errors = List.copyOf(errors);
        }
    }

    /** A rule's finding: the rule's name (null for tenant-level errors) and the stable code. */
    public record Finding(String rule, String code) {
    }
}
