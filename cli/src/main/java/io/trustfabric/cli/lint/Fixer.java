package io.trustfabric.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies an object's quick fixes one at a time, re-linting after each, until no finding with a quick fix is left.
 * A quick fix is kept only when it removes its finding; one that cannot be applied, changes nothing, brings back an
 * earlier state of the object or leaves its finding in place is undone and not tried again, so fixing always ends.
 */
final class Fixer {

    /** Most quick fixes applied to one object (a bound, not a goal: real objects need a handful). */
    static final int MAX_FIXES = 64;

    /** The fixed object, the findings whose quick fix was applied, and those whose quick fix did not work. */
    record Result(JsonNode object, List<PolicyFinding> applied, List<PolicyFinding> failed) {
        boolean changed() {
            return !applied.isEmpty();
        }
    }

    private Fixer() {
    }

    /** @param lint the linter (PolicyLinter::lint) */
    static Result fix(Function<JsonNode, List<PolicyFinding>> lint, JsonNode object) {
        JsonNode current = object;
        List<PolicyFinding> applied = new ArrayList<>();
        List<PolicyFinding> failed = new ArrayList<>();
        Set<String> givenUp = new HashSet<>();
        Set<JsonNode> seen = new HashSet<>();
        seen.add(current);
        for (int attempt = 0; attempt < 2 * MAX_FIXES && applied.size() < MAX_FIXES; attempt++) {
            Optional<PolicyFinding> next = lint.apply(current).stream()
                    .filter(f -> f.getQuickFix() != null && !f.getQuickFix().isEmpty())
                    .filter(f -> !givenUp.contains(key(f)))
                    .findFirst();
            if (next.isEmpty()) {
                break;
            }
            PolicyFinding finding = next.get();
            JsonNode patched;
            try {
                patched = JsonPatch.apply(current, finding.getQuickFix());
            } catch (JsonPatch.PatchException e) {
                givenUp.add(key(finding));
                failed.add(finding);
                continue;
            }
            boolean remains = lint.apply(patched).stream().anyMatch(f -> key(f).equals(key(finding)));
            if (remains || seen.contains(patched)) {
                givenUp.add(key(finding));
                failed.add(finding);
                continue;
            }
            seen.add(patched);
            current = patched;
            applied.add(finding);
        }
        return new Result(current, applied, failed);
    }

    private static String key(PolicyFinding finding) {
        return finding.getCode() + "\u0000" + finding.getPath() + "\u0000" + finding.getMessage();
    }
}
