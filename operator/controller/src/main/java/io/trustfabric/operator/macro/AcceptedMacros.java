package io.trustfabric.operator.macro;

import io.trustfabric.operator.policy.AcceptedMacro;
import io.trustfabric.operator.policy.MacroLookup;
import io.trustfabric.operator.policy.MacroRef;
import io.trustfabric.operator.policy.PolicyPublisher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The macro versions the operator accepted, by object name, with the module text as accepted: a later edit of a
 * published version does not reach here, so the macros bundle keeps the accepted text for as long as the operator
 * runs. Every change republishes the macros bundle; the TrustPolicy reconciler hears of it through its PolicyMacro
 * informer.
 */
public final class AcceptedMacros implements MacroLookup {

    private final Map<String, AcceptedMacro> accepted = new ConcurrentHashMap<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final String decisionModule;
    private final PolicyPublisher publisher;

    public AcceptedMacros(String decisionModule, PolicyPublisher publisher) {
        this.decisionModule = decisionModule;
        this.publisher = publisher;
    }

    /** Publishes the macros bundle with whatever is accepted so far (at start-up: the decision module alone). */
    public synchronized void publish() {
        publisher.publishMacros(modules());
    }

    /**
     * The macros bundle's modules by bundle path: the decision module and every accepted macro module, as the workers'
     * OPAs load them (the decision replay loads the same into the operator's OPA).
     */
    public synchronized SortedMap<String, String> modules() {
        SortedMap<String, String> modules = new TreeMap<>();
        modules.put("trustfabric/decision/decision.rego", decisionModule);
        accepted.values().forEach(m -> modules.put("trustfabric/macros/" + m.ref().macro() + "/"
                + m.ref().versionKey() + "/macro.rego", m.rego()));
        return modules;
    }

    public void seen(MacroRef ref) {
        known.add(ref.objectName());
    }

    public Optional<AcceptedMacro> current(MacroRef ref) {
        return Optional.ofNullable(accepted.get(ref.objectName()));
    }

    public void accept(AcceptedMacro macro) {
        known.add(macro.ref().objectName());
        AcceptedMacro before = accepted.put(macro.ref().objectName(), macro);
        if (before == null || !before.digest().equals(macro.digest())) {
            changed(macro.ref());
        }
    }

    public void forget(MacroRef ref) {
        known.remove(ref.objectName());
        if (accepted.remove(ref.objectName()) != null) {
            changed(ref);
        }
    }

    private void changed(MacroRef ref) {
        publish();
    }

    @Override
    public Optional<AcceptedMacro> accepted(MacroRef ref) {
        return current(ref);
    }

    @Override
    public boolean exists(MacroRef ref) {
        return known.contains(ref.objectName());
    }

    @Override
    public java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        accepted.values().forEach(m -> names.add(m.ref().macro()));
        known.forEach(objectName -> names.add(objectName.substring(0, objectName.lastIndexOf("-v"))));
        return names;
    }

    @Override
    public List<Integer> acceptedVersions(String macro) {
        return accepted.values().stream().filter(m -> m.ref().macro().equals(macro))
                .map(m -> m.ref().version()).sorted().toList();
    }
}
