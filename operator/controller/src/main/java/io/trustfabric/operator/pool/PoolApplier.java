package io.trustfabric.operator.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes pool objects, but only when what was rendered changed: every member renders the same objects, and an
 * unconditional write by each would wake all the others again. The rendered state's hash travels in an
 * annotation and is compared before writing.
 */
final class PoolApplier {

    static final String RENDERED_HASH_ANNOTATION = "trustfabric.io/rendered-hash";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final boolean serverSideApply;

    PoolApplier(boolean serverSideApply) {
        this.serverSideApply = serverSideApply;
    }

    void apply(KubernetesClient client, HasMetadata desired) {
        String hash = hash(desired);
        HasMetadata existing = client.resource(desired).get();
        if (existing != null && existing.getMetadata().getAnnotations() != null
                && hash.equals(existing.getMetadata().getAnnotations().get(RENDERED_HASH_ANNOTATION))) {
            return;
        }
        Map<String, String> annotations = new HashMap<>(desired.getMetadata().getAnnotations() == null
                ? Map.of() : desired.getMetadata().getAnnotations());
        annotations.put(RENDERED_HASH_ANNOTATION, hash);
        desired.getMetadata().setAnnotations(annotations);
        if (serverSideApply) {
            client.resource(desired).fieldManager("trust-fabric-operator").forceConflicts().serverSideApply();
        } else {
            client.resource(desired).createOr(NonDeletingOperation::update);
        }
    }

    private static String hash(HasMetadata desired) {
        try {
            byte[] json = MAPPER.writeValueAsString(desired).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the rendered " + desired.getKind(), e);
        }
    }
}
