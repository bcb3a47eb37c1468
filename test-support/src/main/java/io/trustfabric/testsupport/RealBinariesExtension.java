package io.trustfabric.testsupport;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** See {@link RequiresOpa} and {@link RequiresRealBinaries}. */
public final class RealBinariesExtension implements ExecutionCondition, ParameterResolver,
        org.junit.jupiter.api.extension.AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        RealBinaries.recordRun("real-binaries", context);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return RealBinaries.evaluate("the real binaries");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ControlPlaneBinaries.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return RealBinaries.require();
    }
}
