package io.trustfabric.operator.admission;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@value #REVIEWS}: admission reviews answered, by the object's kind and the verdict: {@code admitted} (linted, no
 * error), {@code refused} (a lint error), {@code skipped} (not linted: deletion, status, metadata-only update, object
 * being deleted), {@code failed} (the linter threw).
 */
public final class AdmissionMetrics {

    public static final String REVIEWS = "trustfabric_admission_reviews_total";

    private final Counter reviews;

    public AdmissionMetrics(PrometheusRegistry registry) {
        reviews = Counter.builder().name(REVIEWS)
                .help("Admission reviews the webhook answered, by kind and verdict (admitted, refused, skipped, failed).")
                .labelNames("kind", "verdict").register(registry);
    }

    void record(String kind, String verdict) {
        reviews.labelValues(kind.isEmpty() ? "unknown" : kind, verdict).inc();
    }
}
