package io.trustfabric.operator.lint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.macro.BuiltInMacros;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The linter's view when there is no cluster, only manifests (what {@code tfctl lint} is given): everything it knows
 * comes from the built-in macro catalog and the objects being linted.
 * <ul>
 *   <li>Macros: the shipped catalog, then every PolicyMacro among the objects. A version is kept once, the first one
 *   seen, so a file cannot replace a built-in version (the linter reports such a file as
 *   {@link FindingCode#MACRO_BUILT_IN_CHANGED} when it lints it); among the files, the first wins. The objects carry
 *   no status, so a version counts as accepted when its parameter schema parses ({@code trustUnchecked}); the
 *   operator still runs the full check when it is applied.</li>
 *   <li>Tenants: known for a namespace only when the objects hold at least one Tenant of it; otherwise the tenant
 *   checks are skipped rather than guessed.</li>
 *   <li>Policies: the TrustPolicies among the objects.</li>
 * </ul>
 * Objects that cannot be read as their kind are ignored here; the linter reports them when it lints them.
 */
public final class FileLintEnvironment implements LintEnvironment {

    private static final ObjectMapper LENIENT = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final MacroSnapshot macros;
    private final Map<String, Map<String, Tenant>> tenants = new LinkedHashMap<>();
    private final List<TrustPolicy> policies = new ArrayList<>();
    private final Clock clock;
    private final Duration dryrunMaxAge;

    /**
     * @param objects the manifest objects (one JSON object each; a {@code kind: List} counts as its items)
     * @param clock what {@link #now()} answers
     * @param dryrunMaxAge how long a rule may stay in dryrun
     */
    public FileLintEnvironment(Collection<? extends JsonNode> objects, Clock clock, Duration dryrunMaxAge) {
        this(objects, clock, dryrunMaxAge, true);
    }

    /**
     * As above; with {@code trustUnchecked = false} the files' PolicyMacros without a status count as pending, as
     * the admission webhook sees a macro applied together with the policy that uses it.
     */
    public FileLintEnvironment(Collection<? extends JsonNode> objects, Clock clock, Duration dryrunMaxAge,
                               boolean trustUnchecked) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dryrunMaxAge = Objects.requireNonNull(dryrunMaxAge, "dryrunMaxAge");
        List<PolicyMacro> all = new ArrayList<>(BuiltInMacros.shipped().objects());
        for (JsonNode object : objects) {
            collect(object, all);
        }
        this.macros = new MacroSnapshot(all, trustUnchecked);
    }

    private void collect(JsonNode object, List<PolicyMacro> macros) {
        if (object == null || !object.isObject()) {
            return;
        }
        String kind = object.path("kind").asText("");
        if ("List".equals(kind) && object.path("items").isArray()) {
            object.get("items").forEach(item -> collect(item, macros));
            return;
        }
        if (!object.path("apiVersion").asText("").startsWith(PolicyLinter.API_GROUP + "/")) {
            return;
        }
        switch (kind) {
            case "PolicyMacro" -> read(object, PolicyMacro.class).ifPresent(macros::add);
            case "Tenant" -> read(object, Tenant.class).ifPresent(tenant -> {
                String namespace = tenant.getMetadata() == null ? null : tenant.getMetadata().getNamespace();
                String name = tenant.getMetadata() == null ? null : tenant.getMetadata().getName();
                if (namespace != null && name != null) {
                    tenants.computeIfAbsent(namespace, n -> new LinkedHashMap<>()).putIfAbsent(name, tenant);
                }
            });
            case "TrustPolicy" -> read(object, TrustPolicy.class).ifPresent(policies::add);
            default -> { }
        }
    }

    private static <T> Optional<T> read(JsonNode object, Class<T> type) {
        try {
            return Optional.ofNullable(LENIENT.treeToValue(object, type));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The built-in catalog and the files' PolicyMacros, as one snapshot. */
    @Override
    public MacroSnapshot macros() {
        return macros;
    }

    @Override
    public boolean knowsTenants(String namespace) {
        return namespace != null && tenants.containsKey(namespace);
    }

    @Override
    public Optional<Tenant> tenant(String namespace, String name) {
        Map<String, Tenant> inNamespace = namespace == null ? null : tenants.get(namespace);
        return inNamespace == null || name == null ? Optional.empty() : Optional.ofNullable(inNamespace.get(name));
    }

    @Override
    public List<TrustPolicy> policies(String namespace) {
        return policies.stream().filter(p -> p.getMetadata() != null
                && Objects.equals(p.getMetadata().getNamespace(), namespace)).toList();
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Duration dryrunMaxAge() {
        return dryrunMaxAge;
    }
}
