package io.trustfabric.operator.whatif.shadow;

import io.trustfabric.operator.tenant.TenantResourceNames;
import io.trustfabric.operator.tenant.dependent.WorkerDeploymentDependent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels of a what-if run's shadow objects. The pod selector deliberately differs from the tenant's
 * ({@code app.kubernetes.io/name=psi-worker-what-if}, not {@code psi-worker}), so the tenant's Service never routes a
 * partner to a shadow worker, and the shadows carry no {@code trustfabric.io/tenant} label, so nothing that watches
 * a tenant's workers counts them. The component stays {@code psi-worker}, which is how local mode finds workers.
 */
public final class ShadowLabels {

    /** Marks a shadow object; its value is the role ({@code base} or {@code cand}). Local mode reads it. */
    public static final String SHADOW_LABEL = "trustfabric.io/what-if-shadow";
    /** The scenario whose run made the object (hashed when longer than a label value may be). */
    public static final String SCENARIO_LABEL = "trustfabric.io/what-if-scenario";
    public static final String APP_NAME = "psi-worker-what-if";

    private ShadowLabels() {
    }

    public static Map<String, String> selector(String scenario, ShadowRole role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", APP_NAME);
        labels.put("app.kubernetes.io/instance", labelValue(role.deploymentName(scenario)));
        return labels;
    }

    public static Map<String, String> labels(String scenario, ShadowRole role) {
        Map<String, String> labels = selector(scenario, role);
        labels.put("app.kubernetes.io/component", WorkerDeploymentDependent.COMPONENT);
        labels.put("app.kubernetes.io/part-of", "trust-fabric");
        labels.put("app.kubernetes.io/managed-by", TenantResourceNames.MANAGED_BY);
        labels.put(SCENARIO_LABEL, labelValue(scenario));
        labels.put(SHADOW_LABEL, role.labelValue());
        return labels;
    }

    /** Everything one scenario's runs left: {@code what-if-scenario=<scenario>} and a shadow role. */
    public static String runSelector(String scenario) {
        return SCENARIO_LABEL + "=" + labelValue(scenario) + "," + SHADOW_LABEL;
    }

    /** A label value for {@code name}: itself up to 63 characters, else a prefix and a hash of the whole. */
    static String labelValue(String name) {
        if (name.length() <= 63) {
            return name;
        }
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
            return name.substring(0, 52).replaceAll("[-.]+$", "") + "-" + hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
