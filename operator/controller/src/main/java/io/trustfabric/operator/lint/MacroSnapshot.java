package io.trustfabric.operator.lint;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.operator.macro.MacroConditions;
import io.trustfabric.operator.macro.MacroDigest;
import io.trustfabric.operator.policy.AcceptedMacro;
import io.trustfabric.operator.policy.MacroLookup;
import io.trustfabric.operator.policy.MacroRef;
import io.trustfabric.operator.policy.ParameterSchema;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The macros the linter knows, read from PolicyMacro objects (as listed from the API server, or as found in files):
 * any replica of the operator can answer, not only the leader whose reconciler accepted them.
 * <p>
 * A macro counts as accepted when its status says so. Without a status it is pending — or, with
 * {@code trustUnchecked} (offline files never have a status), accepted when its parameter schema parses and refused
 * when not; the operator still runs the full check.
 */
public final class MacroSnapshot implements MacroLookup {

    /** Where a macro version stands. */
    public enum State { ACCEPTED, PENDING, REJECTED }

    private final Map<String, PolicyMacro> byObjectName = new LinkedHashMap<>();
    private final boolean trustUnchecked;

    public MacroSnapshot(Collection<PolicyMacro> macros, boolean trustUnchecked) {
        for (PolicyMacro macro : macros) {
            if (macro.getSpec() != null && macro.getSpec().getMacro() != null && macro.getSpec().getVersion() != null) {
                byObjectName.putIfAbsent(new MacroRef(macro.getSpec().getMacro(), macro.getSpec().getVersion())
                        .objectName(), macro);
            }
        }
        this.trustUnchecked = trustUnchecked;
    }

    public Optional<PolicyMacro> macro(MacroRef ref) {
        return Optional.ofNullable(byObjectName.get(ref.objectName()));
    }

    public Optional<State> state(MacroRef ref) {
        return macro(ref).map(this::state);
    }

    private State state(PolicyMacro macro) {
        if (macro.getStatus() != null && macro.getStatus().getAccepted() != null) {
            return macro.getStatus().getAccepted() ? State.ACCEPTED : State.REJECTED;
        }
        boolean checked = macro.getStatus() != null && macro.getStatus().getConditions().stream()
                .anyMatch(c -> MacroConditions.ACCEPTED.equals(c.getType()) && Condition.FALSE.equals(c.getStatus()));
        if (checked) {
            return State.REJECTED;
        }
        if (!trustUnchecked) {
            return State.PENDING;
        }
        return ParameterSchema.parse(macro.getSpec().getParameters()).problems().isEmpty() ? State.ACCEPTED
                : State.REJECTED;
    }

    @Override
    public Optional<AcceptedMacro> accepted(MacroRef ref) {
        return macro(ref).filter(m -> state(m) == State.ACCEPTED).flatMap(m -> {
            ParameterSchema.Parsed parsed = ParameterSchema.parse(m.getSpec().getParameters());
            return parsed.problems().isEmpty() ? Optional.of(new AcceptedMacro(ref, parsed.schema(),
                    m.getSpec().getRego(), MacroDigest.of(m.getSpec()))) : Optional.empty();
        });
    }

    @Override
    public boolean exists(MacroRef ref) {
        return byObjectName.containsKey(ref.objectName());
    }

    @Override
    public List<Integer> acceptedVersions(String macro) {
        return byObjectName.values().stream().filter(m -> macro.equals(m.getSpec().getMacro()))
                .filter(m -> state(m) == State.ACCEPTED).map(m -> m.getSpec().getVersion()).sorted().toList();
    }

    @Override
    public boolean pending(MacroRef ref) {
        return state(ref).orElse(null) == State.PENDING;
    }

    /** Every macro name, accepted or not. */
    @Override
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        byObjectName.values().forEach(m -> names.add(m.getSpec().getMacro()));
        return names;
    }

    public Collection<PolicyMacro> objects() {
        return byObjectName.values();
    }
}
