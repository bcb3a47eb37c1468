package io.trustfabric.operator.macro;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.PolicyMacroSpec;
import io.trustfabric.operator.policy.ParameterSchema;
import io.trustfabric.policies.CatalogMacro;
import io.trustfabric.policies.MacroCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The macro catalog shipped with the operator (the policies/ folder), as PolicyMacro objects. */
public final class BuiltInMacros {

    public static final String BUILT_IN_LABEL = "trustfabric.io/built-in";

    private final Map<String, PolicyMacro> byName = new LinkedHashMap<>();
    private final String decisionModule;

    public BuiltInMacros(MacroCatalog catalog) {
        for (CatalogMacro macro : catalog.macros()) {
            PolicyMacro object = toObject(macro);
            byName.put(object.getMetadata().getName(), object);
        }
        this.decisionModule = catalog.decisionModule();
    }

    public static BuiltInMacros shipped() {
        return new BuiltInMacros(MacroCatalog.builtIn());
    }

    public List<PolicyMacro> objects() {
        return List.copyOf(byName.values());
    }

    public Optional<PolicyMacro> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The Rego module that turns rules and macro results into one decision (docs/decisions/policies.md). */
    public String decisionModule() {
        return decisionModule;
    }

    /**
     * Creates every shipped macro version that does not exist yet. Existing objects are left to the reconciler,
     * which restores a changed built-in; run by every replica at start-up (a lost create race answers 409).
     */
    public int install(KubernetesClient client) {
        int created = 0;
        for (PolicyMacro macro : byName.values()) {
            try {
                if (client.resources(PolicyMacro.class).withName(macro.getMetadata().getName()).get() == null) {
                    client.resources(PolicyMacro.class).resource(copy(macro)).create();
                    created++;
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        return created;
    }

    private static PolicyMacro copy(PolicyMacro macro) {
        return io.fabric8.kubernetes.client.utils.Serialization.clone(macro);
    }

    private static PolicyMacro toObject(CatalogMacro macro) {
        PolicyMacroSpec spec = new PolicyMacroSpec();
        spec.setMacro(macro.name());
        spec.setVersion(macro.version());
        spec.setDescription(macro.description());
        spec.setParameters(ParameterSchema.fromJsonSchemaObject(macro.parametersSchema()));
        spec.setRego(macro.rego());
        spec.setTests(macro.tests());
        PolicyMacro object = new PolicyMacro();
        object.setMetadata(new ObjectMetaBuilder().withName(macro.name() + "-v" + macro.version())
                .addToLabels(BUILT_IN_LABEL, "true")
                .addToLabels("app.kubernetes.io/managed-by", "trust-fabric-operator")
                .addToLabels("app.kubernetes.io/part-of", "trust-fabric")
                .build());
        object.setSpec(spec);
        return object;
    }
}
