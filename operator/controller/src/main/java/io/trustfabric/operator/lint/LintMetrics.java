package io.trustfabric.operator.lint;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lint findings an owner can track: those standing on the objects the reconcilers hold now (a gauge by kind, code
 * and severity, so fixed findings disappear) and those the admission webhook returned (a counter by verdict).
 */
public final class LintMetrics {

    public static final String FINDINGS = "trustfabric_lint_findings";
    public static final String ADMISSION_FINDINGS = "trustfabric_lint_admission_findings";

    private final Map<String, List<PolicyFinding>> standing = new ConcurrentHashMap<>();
    private final Counter admission;

    public LintMetrics(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name(FINDINGS)
                .help("Lint findings standing on current objects (status.findings), by kind, code and severity")
                .labelNames("kind", "code", "severity")
                .callback(callback -> counts().forEach((labels, count) -> callback.call(count, labels.split("\u0000"))))
                .register(registry);
        admission = Counter.builder().name(ADMISSION_FINDINGS)
                .help("Lint findings the admission webhook returned, by kind, code, severity and verdict")
                .labelNames("kind", "code", "severity", "verdict")
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

    public void admitted(String kind, List<PolicyFinding> findings, boolean allowed) {
        findings.forEach(f -> admission.labelValues(kind, String.valueOf(f.getCode()), f.getSeverity().name(),
                allowed ? "allowed" : "denied").inc());
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
