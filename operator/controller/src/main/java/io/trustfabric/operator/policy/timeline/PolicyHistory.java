package io.trustfabric.operator.policy.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.v1alpha1.PolicyRevision;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.policy.bundle.CanonicalJson;
import io.trustfabric.operator.tenant.TenantResourceNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The long history of a TrustPolicy's revisions (status.timeline keeps the last {@value
 * io.trustfabric.api.v1alpha1.TrustPolicyStatus#MAX_TIMELINE}): a ConfigMap {@code <policy>-policy-history} in the
 * policy's namespace, owned by the policy (garbage-collected with it), labelled {@value #LABEL}, with one JSON entry
 * per revision under the key {@code revision-<NNNNNN>.json}. An entry is the timeline entry plus the compiled rules of
 * that revision and their digest, which is how a revert is recognised whatever revision numbers the bundles carry.
 * <p>
 * Bounded twice: at most {@value #MAX_ENTRIES} revisions, and at most {@value #MAX_BYTES} bytes of data (a ConfigMap
 * may hold 1 MiB); the oldest entries go first.
 */
public final class PolicyHistory {

    public static final String LABEL = "trustfabric.io/policy-history";
    public static final String SUFFIX = "-policy-history";
    public static final int MAX_ENTRIES = 100;
    public static final int MAX_BYTES = 512 * 1024;
    static final String KEY_PREFIX = "revision-";
    static final String KEY_SUFFIX = ".json";
    private static final Pattern KEY = Pattern.compile("^revision-(\\d{1,18})\\.json$");
    private static final int MAX_NAME = 253;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final int maxEntries;
    private final int maxBytes;

    public PolicyHistory() {
        this(MAX_ENTRIES, MAX_BYTES);
    }

    PolicyHistory(int maxEntries, int maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /**
     * One revision as kept in the history.
     *
     * @param revision    the timeline entry
     * @param rules       the compiled rules of the revision (null when not known)
     * @param rulesDigest sha256 of the rules' canonical JSON (null when not known)
     */
    public record Entry(PolicyRevision revision, ArrayNode rules, String rulesDigest) {
    }

    /** The ConfigMap's name for a policy: {@code <policy>-policy-history}, shortened with a hash beyond 253. */
    public static String name(String policy) {
        String name = policy + SUFFIX;
        if (name.length() <= MAX_NAME) {
            return name;
        }
        String hash = sha256(policy).substring("sha256:".length(), "sha256:".length() + 10);
        return policy.substring(0, MAX_NAME - SUFFIX.length() - hash.length() - 1) + "-" + hash + SUFFIX;
    }

    /** The ConfigMap key of a revision. */
    public static String key(long revision) {
        return KEY_PREFIX + String.format("%06d", revision) + KEY_SUFFIX;
    }

    /** sha256 of the rules' canonical JSON: equal rules, equal digest, whatever revision carries them. */
    public static String rulesDigest(ArrayNode rules) {
        return sha256(CanonicalJson.text(rules));
    }

    /** The entries, newest first; empty when there is no history or it belongs to an earlier object of that name. */
    public List<Entry> read(KubernetesClient client, TrustPolicy policy) {
        ConfigMap map = client.configMaps().inNamespace(policy.getMetadata().getNamespace())
                .withName(name(policy.getMetadata().getName())).get();
        if (map == null || !ownedBy(map, policy)) {
            return List.of();
        }
        return entries(map);
    }

    /** The entries of a history ConfigMap, newest first (entries that cannot be read are left out). */
    public static List<Entry> entries(ConfigMap map) {
        List<Entry> out = new ArrayList<>();
        Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
        data.keySet().stream().filter(key -> KEY.matcher(key).matches())
                .sorted(Comparator.comparingLong(PolicyHistory::revisionOf).reversed())
                .forEach(key -> parse(data.get(key)).ifPresent(out::add));
        return out;
    }

    /**
     * Adds or replaces the entry of {@code entry.revision()}, drops the oldest beyond the bounds, and writes the
     * ConfigMap (created when missing, taken over when an earlier object of the policy's name owned it).
     *
     * @return the ConfigMap's name
     */
    public String put(KubernetesClient client, TrustPolicy policy, Entry entry) {
        String namespace = policy.getMetadata().getNamespace();
        String name = name(policy.getMetadata().getName());
        KubernetesClientException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            ConfigMap current = client.configMaps().inNamespace(namespace).withName(name).get();
            Map<String, String> data = current == null || !ownedBy(current, policy) || current.getData() == null
                    ? new LinkedHashMap<>() : new LinkedHashMap<>(current.getData());
            data.put(key(entry.revision().getRevision()), text(entry));
            Map<String, String> bounded = bound(data);
            ConfigMap desired = new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .addToLabels(LABEL, labelValue(policy.getMetadata().getName()))
                    .addToLabels("app.kubernetes.io/managed-by", TenantResourceNames.MANAGED_BY)
                    .addToLabels("app.kubernetes.io/part-of", "trust-fabric")
                    .withOwnerReferences(owner(policy))
                    .withResourceVersion(current == null ? null : current.getMetadata().getResourceVersion())
                    .endMetadata()
                    .withData(bounded)
                    .build();
            try {
                if (current == null) {
                    client.configMaps().inNamespace(namespace).resource(desired).create();
                } else {
                    if (current.getMetadata().getLabels() != null) {
                        current.getMetadata().getLabels().forEach(desired.getMetadata().getLabels()::putIfAbsent);
                    }
                    client.configMaps().inNamespace(namespace).resource(desired).update();
                }
                return name;
            } catch (KubernetesClientException e) {
                // 409: written in between (or created by a racing write); 404: collected with an earlier owner
                if (e.getCode() != 409 && e.getCode() != 404) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** The newest entries that fit both bounds, by key. */
    Map<String, String> bound(Map<String, String> data) {
        List<String> newestFirst = data.keySet().stream().filter(k -> KEY.matcher(k).matches())
                .sorted(Comparator.comparingLong(PolicyHistory::revisionOf).reversed()).toList();
        Map<String, String> kept = new TreeMap<>();
        long bytes = 0;
        for (String key : newestFirst) {
            long size = key.getBytes(StandardCharsets.UTF_8).length
                    + (long) data.get(key).getBytes(StandardCharsets.UTF_8).length;
            if (kept.size() >= maxEntries || (bytes + size > maxBytes && !kept.isEmpty())) {
                break;
            }
            kept.put(key, data.get(key));
            bytes += size;
        }
        return kept;
    }

    static String text(Entry entry) {
        ObjectNode node = JSON.valueToTree(entry.revision());
        if (entry.rulesDigest() != null) {
            node.put("rulesDigest", entry.rulesDigest());
        }
        if (entry.rules() != null) {
            node.set("rules", entry.rules());
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<Entry> parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (!(node instanceof ObjectNode object)) {
                return Optional.empty();
            }
            JsonNode rules = object.remove("rules");
            JsonNode digest = object.remove("rulesDigest");
            PolicyRevision revision = JSON.treeToValue(object, PolicyRevision.class);
            if (revision.getRevision() == null) {
                return Optional.empty();
            }
            return Optional.of(new Entry(revision, rules instanceof ArrayNode array ? array : null,
                    digest == null || !digest.isTextual() ? null : digest.asText()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean ownedBy(ConfigMap map, TrustPolicy policy) {
        List<OwnerReference> owners = map.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> "TrustPolicy".equals(o.getKind())
                && Objects.equals(o.getUid(), policy.getMetadata().getUid()));
    }

    /**
     * Owned by the policy, so the garbage collector removes the history with it. Not {@code blockOwnerDeletion}: that
     * needs {@code update} on {@code trustpolicies/finalizers} where the API server enforces owner-reference
     * permissions, and nothing has to wait for the history to go.
     */
    static OwnerReference owner(TrustPolicy policy) {
        return new OwnerReferenceBuilder()
                .withApiVersion(policy.getApiVersion())
                .withKind(policy.getKind())
                .withName(policy.getMetadata().getName())
                .withUid(policy.getMetadata().getUid())
                .withController(true)
                .build();
    }

    private static String labelValue(String policy) {
        String value = policy.length() <= 63 ? policy : policy.substring(0, 63);
        return value.replaceAll("[^A-Za-z0-9]+$", "");
    }

    private static long revisionOf(String key) {
        Matcher m = KEY.matcher(key);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
