package io.trustfabric.operator.lint;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lint findings standing on the objects the reconcilers hold now: a gauge by kind, code and severity, so a fixed
 * finding disappears. (What the admission webhook returned is counted by its AdmissionMetrics.)
 */
public final class LintMetrics {

    public static final String FINDINGS = "trustfabric_lint_findings";

    private final Map<String, List<PolicyFinding>> standing = new ConcurrentHashMap<>();

    public LintMetrics(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name(FINDINGS)
                .help("Lint findings standing on current objects (status.findings), by kind, code and severity")
                .labelNames("kind", "code", "severity")
                .callback(callback -> counts().forEach((labels, count) -> callback.call(count, labels.split("\u0000"))))
                .register(registry);
    }

    /** The findings now standing on one object (replacing what it had). */
    public void standing(String kind, String namespace, String name, List<PolicyFinding> findings) {
        String key = kind + "\u0000" + namespace + "\u0000" + name;
        if (findings.isEmpty()) {
            standing.remove(key);
        } else {
            standing.put(key, List.copyOf(findings));
        }
    }

    public void forget(String kind, String namespace, String name) {
        standing.remove(kind + "\u0000" + namespace + "\u0000" + name);
    }

    private Map<String, Double> counts() {
        Map<String, Double> counts = new TreeMap<>();
        standing.forEach((key, findings) -> {
            String kind = key.substring(0, key.indexOf('\u0000'));
            findings.forEach(f -> counts.merge(kind + "\u0000" + f.getCode() + "\u0000" + f.getSeverity().name(), 1.0,
                    Double::sum));
        });
        return counts;
    }
}
