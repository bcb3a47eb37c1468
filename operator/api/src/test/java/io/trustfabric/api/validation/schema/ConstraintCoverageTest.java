package io.trustfabric.api.validation.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.validation.GeneratedCrds;
import io.trustfabric.api.validation.cases.InvalidCase;
import io.trustfabric.api.validation.cases.ValidationCases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every constraint of every CRD (schema keywords and CEL rules) is exercised by an invalid case, so a new rule
 * cannot go untested by the Java validator and the real API server alike.
 */
class ConstraintCoverageTest {

    private static List<InvalidCase> allCases() {
        List<InvalidCase> cases = new ArrayList<>(ValidationCases.handWritten());
        cases.addAll(GeneratedInvalidCases.all());
        return cases;
    }

    private static Set<String> constraintKeys() {
        return SchemaConstraints.all().stream().map(SchemaConstraint::key).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Also fails for an exclusion that a case exercises now or that names no constraint any more. */
    @Test
    void everyConstraintIsExercisedByACaseOrExcludedWithAReason() {
        Set<String> unexercised = constraintKeys();
        unexercised.removeAll(ExercisedConstraints.by(allCases()));
        assertThat(unexercised).as("constraints no invalid case exercises: write a case in validation/cases (CEL rules),"
                + " give Breakage a generator for the keyword, add a valid variant that has a value there, or exclude"
                + " it with the reason in UnexercisedConstraints (and remove exclusions that are exercised or gone)")
                .containsExactlyInAnyOrderElementsOf(UnexercisedConstraints.EXCLUDED.keySet());
    }

    @Test
    void everyExpectedViolationNamesAConstraint() {
        Set<String> constraints = constraintKeys();
        for (InvalidCase invalid : allCases()) {
            invalid.expected().forEach(violation -> ExercisedConstraints.keyOf(invalid.kind(), violation).ifPresent(key ->
                    assertThat(constraints).as("%s expects %s, which no constraint of the CRD produces", invalid, violation)
                            .contains(key)));
        }
    }

    @Test
    void everyKindHasSchemaAndCelConstraints() {
        for (String kind : GeneratedCrds.byKind().keySet()) {
            List<SchemaConstraint> constraints = SchemaConstraints.of(kind);
            assertThat(constraints).as(kind).anyMatch(SchemaConstraint::isCelRule).anyMatch(c -> !c.isCelRule());
        }
    }

    @Test
    void celRulesAtOnePathHaveDistinctMessages() {
        List<String> keys = SchemaConstraints.all().stream().filter(SchemaConstraint::isCelRule)
                .map(SchemaConstraint::key).toList();
        assertThat(keys).as("a case names a CEL rule by its message").doesNotHaveDuplicates();
    }

    @Test
    void everyGeneratedCaseBreaksTheConstraintItWasGeneratedFor() {
        List<InvalidCase> generated = GeneratedInvalidCases.all();
        assertThat(generated).isNotEmpty().allSatisfy(invalid -> assertThat(invalid.exhaustive()).isFalse());
        assertThat(ExercisedConstraints.by(generated)).hasSize(generated.size());
    }
}
