package io.trustfabric.cli.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user's intent as last applied, kept in kubectl's own annotation so `apply` can say "unchanged" even when the
 * API server has defaulted fields, and so kubectl and tfctl agree on a real cluster.
 */
final class LastApplied {

    static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private LastApplied() {
    }

    /** Canonical JSON of what the user wrote: identity, labels, annotations and every field except status. */
    static String of(GenericKubernetesResource desired) {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("apiVersion", desired.getApiVersion());
        intent.put("kind", desired.getKind());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", desired.getMetadata().getName());
        meta.put("namespace", desired.getMetadata().getNamespace());
        meta.put("labels", desired.getMetadata().getLabels());
        meta.put("annotations", userAnnotations(desired.getMetadata().getAnnotations()));
        intent.put("metadata", meta);
        desired.getAdditionalProperties().forEach((k, v) -> {
            if (!"status".equals(k)) {
                intent.put(k, v);
            }
        });
        try {
            return CANONICAL.writeValueAsString(intent);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + desired.getKind() + ": " + e.getMessage(), e);
        }
    }

    static String recordedOn(GenericKubernetesResource existing) {
        Map<String, String> annotations = existing.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ANNOTATION);
    }

    static void record(GenericKubernetesResource target, String intent) {
        Map<String, String> annotations = target.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(target.getMetadata().getAnnotations());
        annotations.put(ANNOTATION, intent);
        target.getMetadata().setAnnotations(annotations);
    }

    private static Map<String, String> userAnnotations(Map<String, String> annotations) {
        if (annotations == null) {
            return Map.of();
        }
        Map<String, String> copy = new HashMap<>(annotations);
        copy.remove(ANNOTATION);
        return copy;
    }
}
