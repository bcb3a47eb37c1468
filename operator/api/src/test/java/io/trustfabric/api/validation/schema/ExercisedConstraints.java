package io.trustfabric.api.validation.schema;

import io.trustfabric.api.validation.CrdObjectValidator;
import io.trustfabric.api.validation.GeneratedCrds;
import io.trustfabric.api.validation.cases.InvalidCase;
import io.trustfabric.api.validation.cases.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which schema constraint an expected violation exercises, read from its path and message the way the API server
 * words them: {@code spec.modes[1]: Unsupported value: ...} exercises the enum at {@code spec.modes[*]}; a message
 * no schema keyword produces is a CEL rule's.
 */
public final class ExercisedConstraints {

    /** Message beginnings of the schema keywords, in the API server's (and CrdObjectValidator's) wording. */
    private static final Map<String, String> KEYWORD_BY_MESSAGE = Map.of(
            "Unsupported value:", "enum",
            "should match '", "pattern",
            "Too long: may not be more than", "maxLength",
            "should be at least", "minLength",
            "should be greater than or equal to", "minimum",
            "should be less than or equal to", "maximum",
            "should have at least", "minItems",
            "must have at most", "maxItems",
            "Required value", "required",
            "must be of type integer,string", "x-kubernetes-int-or-string");

    private ExercisedConstraints() {
    }

    /** The keys (see {@link SchemaConstraint#key()}) of the constraints the cases exercise. */
    public static Set<String> by(List<InvalidCase> cases) {
        Set<String> keys = new TreeSet<>();
        for (InvalidCase invalid : cases) {
            invalid.expected().forEach(violation -> keyOf(invalid.kind(), violation).ifPresent(keys::add));
        }
        return keys;
    }

    /** The key of the constraint the violation shows; empty for the API server's note that CEL rules were skipped. */
    public static Optional<String> keyOf(String kind, Violation violation) {
        if (violation.message().equals(CrdObjectValidator.CEL_NOT_CHECKED)) {
            return Optional.empty();
        }
        String path = SchemaPaths.schemaPathOf(GeneratedCrds.schemaOf(kind), violation.path());
        String keyword = KEYWORD_BY_MESSAGE.entrySet().stream().filter(e -> violation.message().startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(SchemaConstraint.CEL_RULE);
        String detail = keyword.equals(SchemaConstraint.CEL_RULE) ? violation.message() : "";
        return Optional.of(new SchemaConstraint(kind, path, keyword, detail, null).key());
    }
}
