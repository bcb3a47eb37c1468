package io.trustfabric.api.validation;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/** One x-kubernetes-validations rule compiled with a Java CEL implementation, evaluated with self bound. */
public final class CelRule {

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            // Kubernetes enables CEL's strings extension (substring, indexOf, ...) for x-kubernetes-validations
            .addCompilerLibraries(dev.cel.extensions.CelExtensions.strings())
            .addRuntimeLibraries(dev.cel.extensions.CelExtensions.strings())
            .addVar("self", SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .build();

    private final String expression;
    private final CelRuntime.Program program;

    private CelRule(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    /** Compiles a rule; a rule that does not compile is a defect in the model. */
    public static CelRule compile(String expression) {
        try {
            CelAbstractSyntaxTree ast = CEL.compile(expression).getAst();
            return new CelRule(expression, CEL.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException("CEL rule does not compile: " + expression + ": " + e.getMessage(), e);
        }
    }

    /**
     * True when the rule holds for self. An evaluation error (e.g. reading an absent field) counts as a
     * violation, as it does in the API server.
     */
    public boolean holdsFor(Object self) {
        try {
            return Boolean.TRUE.equals(program.eval(Map.of("self", self)));
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    public String expression() {
        return expression;
    }
}
