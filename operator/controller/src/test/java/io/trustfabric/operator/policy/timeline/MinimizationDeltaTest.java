package io.trustfabric.operator.policy.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The minimisation delta from compiled rules (the tenant document's rules, defaults filled in). */
class MinimizationDeltaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theFirstRevisionIsComparedWithNoPolicy() {
        ArrayNode rules = rules(
                rule("cardinality-only", "minimization", "enforce", Map.of("modes", new String[]{"psi-ca", "psi"},
                        "psiContractFlag", "psi-allowed", "normalizations", new String[]{"email-lowercase-sha256"})),
                rule("no-probing", "set-size-cap", "enforce", Map.of("minSetSize", 10, "maxSetSize", 5000)),
                rule("hide-small-counts", "k-threshold", "enforce", Map.of("k", 5)),
                rule("signed-dpa", "contract-flag", "warn", Map.of("flag", "signed-dpa", "modes", new String[0])));
        assertThat(MinimizationDelta.between(null, rules)).containsExactly(
                "- mode psi without contract flag psi-allowed (fewer partners can use it)",
                "- normalization none",
                "- normalization trim",
                "- normalization email-lowercase",
                "- set size 1..any -> 10..5,000 (queries under 10 elements refused; queries over 5,000 elements refused)",
                "- counts below 5 (k-threshold k=5: reported as fewer than 5)");
    }

    @Test
    void modesAndNormalizationsGainedAndLost() {
        ArrayNode before = rules(rule("m", "minimization", "enforce", Map.of("modes", new String[]{"psi-ca"},
                "psiContractFlag", "psi-allowed", "normalizations", new String[]{"trim", "email-lowercase"})));
        ArrayNode after = rules(rule("m", "minimization", "enforce", Map.of("modes", new String[]{"psi-ca", "psi"},
                "psiContractFlag", "psi-allowed", "normalizations", new String[]{"email-lowercase", "none"})));
        assertThat(MinimizationDelta.between(before, after)).containsExactly(
                "+ mode psi (partners with contract flag psi-allowed)",
                "+ normalization none",
                "- normalization trim");
        assertThat(MinimizationDelta.between(after, before)).containsExactly(
                "- mode psi",
                "- normalization none",
                "+ normalization trim");
    }

    @Test
    void setSizesAndKThresholdsSayWhichWayTheyMoved() {
        ArrayNode before = rules(rule("cap", "set-size-cap", "enforce", Map.of("minSetSize", 1, "maxSetSize", 10000)),
                rule("k", "k-threshold", "enforce", Map.of("k", 5)));
        ArrayNode after = rules(rule("cap", "set-size-cap", "enforce", Map.of("minSetSize", 10, "maxSetSize", 10000)),
                rule("k", "k-threshold", "enforce", Map.of("k", 3)));
        assertThat(MinimizationDelta.between(before, after)).containsExactly(
                "- set size 1..10,000 -> 10..10,000 (queries under 10 elements refused)",
                "+ counts from 3 to 4 (k-threshold k 5 -> 3)");
        ArrayNode shifted = rules(rule("cap", "set-size-cap", "enforce", Map.of("minSetSize", 20, "maxSetSize", 20000)));
        assertThat(MinimizationDelta.between(after, shifted)).containsExactly(
                "set size 10..10,000 -> 20..20,000 (queries under 20 elements refused; queries over 10,000 up to 20,000"
                        + " elements allowed)",
                "+ counts below 3 (no k-threshold any more: every count is reported)");
    }

    @Test
    void onlyEnforcedRulesRestrictAndMovesInOrOutOfEnforceAreNamed() {
        ArrayNode dryrun = rules(rule("cap", "set-size-cap", "dryrun", Map.of("minSetSize", 10, "maxSetSize", 100)),
                rule("flag", "contract-flag", "enforce", Map.of("flag", "dpa", "modes", new String[]{"psi"})));
        ArrayNode enforced = rules(rule("cap", "set-size-cap", "enforce", Map.of("minSetSize", 10, "maxSetSize", 100)),
                rule("flag", "contract-flag", "warn", Map.of("flag", "dpa", "modes", new String[]{"psi"})));
        assertThat(MinimizationDelta.between(dryrun, enforced)).containsExactly(
                "+ mode psi without contract flag dpa (more partners can use it)",
                "- set size 1..any -> 10..100 (queries under 10 elements refused; queries over 100 elements refused)",
                "cap (set-size-cap@v1): dryrun -> enforce (its limits now restrict partners)",
                "flag (contract-flag@v1): enforce -> warn (its limits no longer restrict partners: only warned)");
        assertThat(MinimizationDelta.between(enforced, enforced)).isEmpty();
    }

    private static ArrayNode rules(ObjectNode... rules) {
        ArrayNode array = JSON.createArrayNode();
        for (ObjectNode rule : rules) {
            array.add(rule);
        }
        return array;
    }

    private static ObjectNode rule(String name, String macro, String action, Map<String, Object> params) {
        ObjectNode rule = JSON.createObjectNode();
        rule.put("action", action);
        rule.put("macro", macro);
        rule.put("name", name);
        rule.set("params", JSON.valueToTree(params));
        rule.put("ref", macro + "@v1");
        rule.put("version", "v1");
        return rule;
    }
}
