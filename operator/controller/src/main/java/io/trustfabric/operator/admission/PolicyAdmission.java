package io.trustfabric.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one admission request with the linter's findings: an error refuses the write (422 Invalid, every error in
 * the message), warnings go back as warnings, info findings stay out. Left alone, untouched: deletions, subresources
 * (status), objects being deleted (a finalizer can always be removed), updates that leave {@code spec} as it was
 * (metadata only: finalizers, labels, annotations - so an object stored before a lint rule existed never blocks its
 * own clean-up), objects outside the trustfabric.io group and, when the operator watches some namespaces only, objects
 * in other namespaces.
 * <p>
 * When the linter itself fails the answer follows the kind's failurePolicy in the chart: a TrustPolicy or PolicyMacro
 * is refused (500, fail closed), any other kind is admitted with a warning (fail open).
 */
public final class PolicyAdmission {

    public static final String GROUP = "trustfabric.io";
    /** Kinds whose webhook fails closed (failurePolicy Fail in the chart). */
    public static final Set<String> FAIL_CLOSED_KINDS = Set.of("TrustPolicy", "PolicyMacro");

    private static final Logger LOG = LoggerFactory.getLogger(PolicyAdmission.class);

    private final ObjectLinter linter;
    private final Predicate<String> watchedNamespace;
    private final AdmissionMetrics metrics;

    /**
     * @param watchedNamespace whether the operator governs objects of the namespace (any namespace when it watches
     *                         all)
     */
    public PolicyAdmission(ObjectLinter linter, Predicate<String> watchedNamespace) {
        this(linter, watchedNamespace, null);
    }

    /** As {@link #PolicyAdmission(ObjectLinter, Predicate)}, counting every answer in the metrics. */
    public PolicyAdmission(ObjectLinter linter, Predicate<String> watchedNamespace, AdmissionMetrics metrics) {
        this.linter = Objects.requireNonNull(linter, "linter");
        this.watchedNamespace = Objects.requireNonNull(watchedNamespace, "watchedNamespace");
        this.metrics = metrics;
    }

    public ReviewResponse review(ReviewRequest request) {
        if (!lints(request)) {
            record(request, "skipped");
            return ReviewResponse.allow(request.uid(), List.of());
        }
        List<PolicyFinding> findings;
        try {
            findings = linter.lint(request.object(), "UPDATE".equals(request.operation()) ? request.oldObject() : null);
        } catch (RuntimeException e) {
            record(request, "failed");
            return linterFailed(request, e);
        }
        List<PolicyFinding> errors = findings.stream().filter(f -> f.getSeverity() == FindingSeverity.error).toList();
        List<String> warnings = FindingMessages.warnings(
                findings.stream().filter(f -> f.getSeverity() == FindingSeverity.warning).toList());
        if (metrics != null) {
            metrics.findings(request.kind(), findings, errors.isEmpty());
        }
        if (errors.isEmpty()) {
            record(request, "admitted");
            return ReviewResponse.allow(request.uid(), warnings);
        }
        record(request, "refused");
        LOG.info("Refused {} of {}: {} lint error(s) {}", request.operation(), request.describe(), errors.size(),
                errors.stream().map(PolicyFinding::getCode).toList());
        return ReviewResponse.deny(request.uid(), 422, "Invalid", FindingMessages.refusal(request, errors), warnings);
    }

    private void record(ReviewRequest request, String verdict) {
        if (metrics != null) {
            metrics.record(request.kind(), verdict);
        }
    }

    private boolean lints(ReviewRequest request) {
        if (!"CREATE".equals(request.operation()) && !"UPDATE".equals(request.operation())) {
            return false;
        }
        if (!request.subResource().isEmpty() || !GROUP.equals(request.group())) {
            return false;
        }
        if (!request.namespace().isEmpty() && !watchedNamespace.test(request.namespace())) {
            return false;
        }
        if (beingDeleted(request.object())) {
            return false;
        }
        return !("UPDATE".equals(request.operation()) && request.oldObject() != null
                && request.object().path("spec").equals(request.oldObject().path("spec")));
    }

    private static boolean beingDeleted(JsonNode object) {
        JsonNode timestamp = object.path("metadata").path("deletionTimestamp");
        return !timestamp.isMissingNode() && !timestamp.isNull();
    }

    private static ReviewResponse linterFailed(ReviewRequest request, RuntimeException e) {
        LOG.error("Linting {} failed (admission request {}, {})", request.describe(), request.uid(),
                request.operation(), e);
        if (FAIL_CLOSED_KINDS.contains(request.kind())) {
            return ReviewResponse.deny(request.uid(), 500, "InternalError", "Trust Fabric could not lint "
                    + request.describe() + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + FindingMessages.shorten(e.getMessage(), 300))
                    + "). The write is refused because " + request.kind() + " objects are admitted only after lint;"
                    + " retry, and if it keeps failing see the operator log (admission request " + request.uid() + ").",
                    List.of());
        }
        return ReviewResponse.allow(request.uid(), List.of(FindingMessages.warning(new PolicyFinding(
                "lint-unavailable", FindingSeverity.warning, null, request.describe() + " was admitted without lint ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", null))));
    }
}
