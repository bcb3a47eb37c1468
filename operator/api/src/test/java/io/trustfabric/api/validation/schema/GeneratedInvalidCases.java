package io.trustfabric.api.validation.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.validation.cases.InvalidCase;
import io.trustfabric.api.validation.cases.ValidObject;
import io.trustfabric.api.validation.cases.ValidationCases;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An invalid case for every schema constraint a generator exists for (see {@link Breakage}): the first valid object
 * of the kind that has a value there (documented examples first, then the variants of ValidationCases), broken in
 * that one place.
 */
public final class GeneratedInvalidCases {

    private static List<InvalidCase> all;

    private GeneratedInvalidCases() {
    }

    public static synchronized List<InvalidCase> all() {
        if (all == null) {
            List<ValidObject> bases = ValidationCases.valid();
            List<InvalidCase> cases = new ArrayList<>();
            for (SchemaConstraint constraint : SchemaConstraints.all()) {
                generate(constraint, bases).ifPresent(cases::add);
            }
            all = List.copyOf(cases);
        }
        return all;
    }

    static Optional<InvalidCase> generate(SchemaConstraint constraint, List<ValidObject> bases) {
        for (ValidObject base : bases) {
            if (!base.kind().equals(constraint.kind())) {
                continue;
            }
            ObjectNode object = base.object();
            Optional<SchemaPaths.Location> at = SchemaPaths.firstValueAt(object, Breakage.valuePath(constraint));
            if (at.isPresent()) {
                return Breakage.of(constraint, object, at.get()).map(breakage -> InvalidCase.generated(base,
                        constraint.keyword() + ": " + breakage.description(), breakage.edit(), breakage.expected()));
            }
        }
        return Optional.empty();
    }
}
