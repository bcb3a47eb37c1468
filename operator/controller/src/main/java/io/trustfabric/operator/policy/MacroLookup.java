package io.trustfabric.operator.policy;

import java.util.List;
import java.util.Optional;

/** What the policy compiler may know about macros: which versions exist and which of them are accepted. */
public interface MacroLookup {

    /** The accepted version, or empty when it does not exist or is not accepted. */
    Optional<AcceptedMacro> accepted(MacroRef ref);

    /** Whether a PolicyMacro object publishes this version at all (accepted or not). */
    boolean exists(MacroRef ref);

    /** The accepted versions of a macro, ascending. */
    List<Integer> acceptedVersions(String macro);

    /** Every macro name published by some PolicyMacro, accepted or not (for "did you mean"). */
    default java.util.Set<String> names() {
        return java.util.Set.of();
    }

    /** Whether the version exists but has not been checked yet (not refused, not accepted). */
    default boolean pending(MacroRef ref) {
        return false;
    }
}
