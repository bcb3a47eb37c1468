package io.trustfabric.operator.admission;

import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.util.List;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@value #REVIEWS}: admission reviews answered, by the object's kind and the verdict: {@code admitted} (linted, no
 * error), {@code refused} (a lint error), {@code skipped} (not linted: deletion, status, metadata-only update, object
 * being deleted), {@code failed} (the linter threw).
 */
public final class AdmissionMetrics {

    public static final String REVIEWS = "trustfabric_admission_reviews_total";
    /** Lint findings returned to authors, by kind, code, severity and whether the write was allowed. */
    public static final String FINDINGS = "trustfabric_lint_admission_findings_total";

    private final Counter reviews;
    private final Counter findings;

    public AdmissionMetrics(PrometheusRegistry registry) {
        reviews = Counter.builder().name(REVIEWS)
                .help("Admission reviews the webhook answered, by kind and verdict (admitted, refused, skipped, failed).")
                .labelNames("kind", "verdict").register(registry);
        findings = Counter.builder().name(FINDINGS)
                .help("Lint findings the admission webhook returned, by kind, code, severity and verdict (allowed, denied).")
                .labelNames("kind", "code", "severity", "verdict").register(registry);
    }

    void findings(String kind, List<PolicyFinding> found, boolean allowed) {
        found.forEach(f -> findings.labelValues(kind.isEmpty() ? "unknown" : kind, String.valueOf(f.getCode()),
                f.getSeverity().name(), allowed ? "allowed" : "denied").inc());
    }

    void record(String kind, String verdict) {
        reviews.labelValues(kind.isEmpty() ? "unknown" : kind, verdict).inc();
    }
}
