package io.trustfabric.api.validation.schema;

import java.util.Map;

/**
 * Constraints no case exercises, each with the reason; none at present. ConstraintCoverageTest fails for any other
 * unexercised constraint, and for an entry here that a case does exercise or that names no constraint any more.
 */
final class UnexercisedConstraints {

    /**
     * Key (see {@link SchemaConstraint#key()}) to the reason it is not exercised, e.g.
     * {@code Map.entry("Tenant spec.workers.image pattern", "why no object can break it")}.
     */
    static final Map<String, String> EXCLUDED = Map.of();

    private UnexercisedConstraints() {
    }
}
