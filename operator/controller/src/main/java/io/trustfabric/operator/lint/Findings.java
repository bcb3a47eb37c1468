package io.trustfabric.operator.lint;

import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.JsonPatchOperation;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The findings of one lint, in the order they were found; {@link #sorted()} puts errors first. */
public final class Findings {

    private final List<PolicyFinding> found = new ArrayList<>();

    public PolicyFinding add(FindingCode code, String path, String message, String fix, JsonPatchOperation... quickFix) {
        return add(code, code.severity(), path, message, fix, quickFix);
    }

    public PolicyFinding add(FindingCode code, FindingSeverity severity, String path, String message, String fix,
                             JsonPatchOperation... quickFix) {
        PolicyFinding finding = new PolicyFinding(code.code(), severity, path, message, fix);
        finding.setQuickFix(new ArrayList<>(List.of(quickFix)));
        found.add(finding);
        return finding;
    }

    public void addAll(List<PolicyFinding> findings) {
        found.addAll(findings);
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(f -> f.getSeverity() == FindingSeverity.error);
    }

    public List<PolicyFinding> sorted() {
        List<PolicyFinding> out = new ArrayList<>(found);
        out.sort(Comparator.comparing(PolicyFinding::getSeverity));
        return out;
    }

    /** Whether a finding with this code and path exists already (checks that overlap report once). */
    public boolean has(FindingCode code, String path) {
        return found.stream().anyMatch(f -> code.code().equals(f.getCode()) && path.equals(f.getPath()));
    }
}
