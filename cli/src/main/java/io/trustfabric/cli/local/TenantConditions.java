package io.trustfabric.cli.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/** Reads conditions (and the Tenant's published receipt key) of a generic trustfabric.io object. */
final class TenantConditions {

    private TenantConditions() {
    }

    static boolean isReady(GenericKubernetesResource object) {
        return conditions(object).stream()
                .anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> conditions(GenericKubernetesResource object) {
        Object status = object.getAdditionalProperties().get("status");
        if (status instanceof Map<?, ?> s && s.get("conditions") instanceof List<?> list) {
            return list.stream().filter(Map.class::isInstance).map(c -> (Map<String, Object>) c).toList();
        }
        return List.of();
    }

    /** Tenant.status.receiptKey.publicKey (base64 Ed25519), or null before the operator publishes it. */
    static String receiptPublicKey(GenericKubernetesResource tenant) {
        Object status = tenant.getAdditionalProperties().get("status");
        if (status instanceof Map<?, ?> s && s.get("receiptKey") instanceof Map<?, ?> key
                && key.get("publicKey") instanceof String publicKey && !publicKey.isBlank()) {
            return publicKey;
        }
        return null;
    }
}
