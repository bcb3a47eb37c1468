package io.trustfabric.operator.causal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.v1alpha1.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's causal journal: ConfigMap {@code <tenant>-causes}, owned by the Tenant (garbage-collected with it),
 * labelled {@value #LABEL}. It holds the revision changes ({@code change-NNNNNNNNN.json}), the effects with their
 * ranked causes ({@code effect-NNNNNNNNN.json}) and the revisions in force with their details ({@value #STATE_KEY}),
 * from which the next change is described after an operator restart.
 * <p>
 * Bounded: at most {@value #MAX_CHANGES} changes and {@value #MAX_EFFECTS} effects, none older than
 * {@link #MAX_AGE}, and at most {@value #MAX_BYTES} bytes (a ConfigMap may hold 1 MiB); the oldest go first.
 */
public final class CausalJournal {

    public static final String LABEL = "trustfabric.io/causes-of";
    public static final String SUFFIX = "-causes";
    public static final String STATE_KEY = "state.json";
    public static final int MAX_CHANGES = 200;
    public static final int MAX_EFFECTS = 100;
    public static final Duration MAX_AGE = Duration.ofDays(30);
    public static final int MAX_BYTES = 512 * 1024;
    private static final Pattern KEY = Pattern.compile("^(change|effect)-(\\d{9})\\.json$");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * What the journal holds, oldest first.
     *
     * @param state   the revisions in force when last recorded, null before the first
     */
    public record Contents(RevisionDetails state, List<RevisionChange> changes, List<Effect> effects) {
        public Contents {
            changes = List.copyOf(changes);
            effects = List.copyOf(effects);
        }

        public static final Contents EMPTY = new Contents(null, List.of(), List.of());

        public long nextChange() {
            return changes.isEmpty() ? 1 : changes.get(changes.size() - 1).sequence() + 1;
        }

        public long nextEffect() {
            return effects.isEmpty() ? 1 : effects.get(effects.size() - 1).sequence() + 1;
        }
    }

    public static String name(String tenant) {
        return tenant + SUFFIX;
    }

    /** The journal of a tenant; empty when there is none or it belongs to an earlier Tenant of that name. */
    public Contents read(KubernetesClient client, Tenant tenant) {
        ConfigMap map = client.configMaps().inNamespace(tenant.getMetadata().getNamespace())
                .withName(name(tenant.getMetadata().getName())).get();
        return map == null || !ownedBy(map, tenant) ? Contents.EMPTY : parse(map);
    }

    /** The contents of a journal ConfigMap; entries that cannot be read are left out. */
    public static Contents parse(ConfigMap map) {
        Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
        List<RevisionChange> changes = new ArrayList<>();
        List<Effect> effects = new ArrayList<>();
        data.keySet().stream().sorted().forEach(key -> {
            Matcher m = KEY.matcher(key);
            if (m.matches() && m.group(1).equals("change")) {
                read(data.get(key), RevisionChange.class).ifPresent(changes::add);
            } else if (m.matches()) {
                read(data.get(key), Effect.class).ifPresent(effects::add);
            }
        });
        changes.sort(Comparator.comparingLong(RevisionChange::sequence));
        effects.sort(Comparator.comparingLong(Effect::sequence));
        RevisionDetails state = data.containsKey(STATE_KEY)
                ? read(data.get(STATE_KEY), RevisionDetails.class).orElse(null) : null;
        return new Contents(state, changes, effects);
    }

    /**
     * Reads the journal, applies {@code change} and writes the result bounded, reading again when it was written in
     * between. Returns what was written.
     */
    public Contents update(KubernetesClient client, Tenant tenant, Instant now, UnaryOperator<Contents> change) {
        String namespace = tenant.getMetadata().getNamespace();
        String name = name(tenant.getMetadata().getName());
        KubernetesClientException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            ConfigMap current = client.configMaps().inNamespace(namespace).withName(name).get();
            Contents before = current == null || !ownedBy(current, tenant) ? Contents.EMPTY : parse(current);
            Contents after = bound(change.apply(before), now);
            ConfigMap desired = new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .addToLabels(LABEL, tenant.getMetadata().getName())
                    .addToLabels("app.kubernetes.io/part-of", "trust-fabric")
                    .withOwnerReferences(owner(tenant))
                    .withResourceVersion(current == null ? null : current.getMetadata().getResourceVersion())
                    .endMetadata()
                    .withData(data(after))
                    .build();
            try {
                if (current == null) {
                    client.configMaps().inNamespace(namespace).resource(desired).create();
                } else {
                    client.configMaps().inNamespace(namespace).resource(desired).update();
                }
                return after;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 && e.getCode() != 404) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** Drops what is too old, then the oldest beyond the counts, then the oldest until the bytes fit. */
    static Contents bound(Contents contents, Instant now) {
        Instant oldest = now.minus(MAX_AGE);
        List<RevisionChange> changes = new ArrayList<>(contents.changes().stream()
                .filter(c -> !c.time().isBefore(oldest)).toList());
        List<Effect> effects = new ArrayList<>(contents.effects().stream()
                .filter(e -> !e.startTime().isBefore(oldest)).toList());
        while (changes.size() > MAX_CHANGES) {
            changes.remove(0);
        }
        while (effects.size() > MAX_EFFECTS) {
            effects.remove(0);
        }
        Contents bounded = new Contents(contents.state(), changes, effects);
        while (bytes(data(bounded)) > MAX_BYTES && !(changes.isEmpty() && effects.isEmpty())) {
            boolean dropChange = effects.isEmpty() || (!changes.isEmpty()
                    && changes.get(0).time().isBefore(effects.get(0).startTime()));
            (dropChange ? changes : effects).remove(0);
            bounded = new Contents(contents.state(), changes, effects);
        }
        return bounded;
    }

    static Map<String, String> data(Contents contents) {
        Map<String, String> data = new TreeMap<>();
        if (contents.state() != null) {
            data.put(STATE_KEY, write(contents.state()));
        }
        contents.changes().forEach(c -> data.put(key("change", c.sequence()), write(c)));
        contents.effects().forEach(e -> data.put(key("effect", e.sequence()), write(e)));
        return data;
    }

    static String key(String kind, long sequence) {
        return kind + "-" + String.format("%09d", sequence) + ".json";
    }

    private static long bytes(Map<String, String> data) {
        return data.entrySet().stream().mapToLong(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length
                + (long) e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> Optional<T> read(String text, Class<T> type) {
        try {
            return Optional.ofNullable(JSON.readValue(text, type));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    static boolean ownedBy(ConfigMap map, Tenant tenant) {
        List<OwnerReference> owners = map.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> "Tenant".equals(o.getKind())
                && Objects.equals(o.getUid(), tenant.getMetadata().getUid()));
    }

    /** Not blockOwnerDeletion, for the reason {@link io.trustfabric.operator.policy.timeline.PolicyHistory} gives. */
    private static OwnerReference owner(Tenant tenant) {
        return new OwnerReferenceBuilder()
                .withApiVersion(tenant.getApiVersion())
                .withKind(tenant.getKind())
                .withName(tenant.getMetadata().getName())
                .withUid(tenant.getMetadata().getUid())
                .withController(true)
                .build();
    }
}
