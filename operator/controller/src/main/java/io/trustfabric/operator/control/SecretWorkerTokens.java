package io.trustfabric.operator.control;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.trustfabric.operator.tenant.WorkerTokenNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Worker tokens as the Tenant workflow stores them: Secret {@code <tenant>-psi-worker-token}, key {@code token},
 * read from an informer cache (label-selected, so only token Secrets are held in memory). Tokens are compared as
 * SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken does not reveal how much of a guess matched.
 */
public final class SecretWorkerTokens implements WorkerTokens, AutoCloseable {

    private final List<SharedIndexInformer<Secret>> informers;

    private SecretWorkerTokens(List<SharedIndexInformer<Secret>> informers) {
        this.informers = informers;
    }

    /** Starts informers on all namespaces (empty set) or on each watched namespace. */
    public static SecretWorkerTokens start(KubernetesClient client, Set<String> namespaces) {
        List<SharedIndexInformer<Secret>> informers = new ArrayList<>();
        if (namespaces.isEmpty()) {
            informers.add(client.secrets().inAnyNamespace().withLabels(WorkerTokenNames.SELECTOR).inform());
        } else {
            for (String namespace : namespaces) {
                informers.add(client.secrets().inNamespace(namespace).withLabels(WorkerTokenNames.SELECTOR).inform());
            }
        }
        return new SecretWorkerTokens(informers);
    }

    @Override
    public Verdict check(String namespace, String tenant, String presentedToken) {
        byte[] presented = digest(presentedToken.getBytes(StandardCharsets.UTF_8));
        String ownKey = Cache.namespaceKeyFunc(namespace, WorkerTokenNames.secretName(tenant));
        boolean own = false;
        boolean other = false;
        for (SharedIndexInformer<Secret> informer : informers) {
            for (Secret secret : informer.getStore().list()) {
                byte[] stored = storedTokenDigest(secret);
                if (stored == null || !MessageDigest.isEqual(presented, stored)) {
                    continue;
                }
                if (Cache.metaNamespaceKeyFunc(secret).equals(ownKey)) {
                    own = true;
                } else {
                    other = true;
                }
            }
        }
        return own ? Verdict.THIS_TENANT : other ? Verdict.OTHER_TENANT : Verdict.UNKNOWN;
    }

    private static byte[] storedTokenDigest(Secret secret) {
        Map<String, String> data = secret.getData();
        String encoded = data == null ? null : data.get(WorkerTokenNames.TOKEN_KEY);
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        try {
            return digest(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
