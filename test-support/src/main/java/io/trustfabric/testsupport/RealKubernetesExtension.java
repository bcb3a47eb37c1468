package io.trustfabric.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** See {@link RealKubernetes}. One {@link TestCluster} per JVM, kept in the root store and closed at its end. */
public final class RealKubernetesExtension
        implements ExecutionCondition, ParameterResolver, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RealKubernetesExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return RealBinaries.evaluate("the real API server");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context).openScope();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cluster(context).openScope();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RealBinaries.recordRun("real-kubernetes", context);
        closeScope(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeScope(context);
    }

    private static void closeScope(ExtensionContext context) {
        Startup startup = context.getRoot().getStore(STORE).get(Startup.class, Startup.class);
        if (startup != null && startup.started() != null) {
            startup.started().closeScope();
        }
    }

    /** The JVM's cluster, started on first use; a failed start is remembered, not retried by every test. */
    public static TestCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(STORE).getOrComputeIfAbsent(Startup.class, type -> Startup.attempt(),
                Startup.class).cluster();
    }

    private record Startup(TestCluster started, RuntimeException failure)
            implements ExtensionContext.Store.CloseableResource {

        static Startup attempt() {
            try {
                return new Startup(TestCluster.start(RealBinaries.require()), null);
            } catch (RuntimeException e) {
                return new Startup(null, e);
            }
        }

        TestCluster cluster() {
            if (failure != null) {
                throw new IllegalStateException("the test control plane did not start: " + failure.getMessage(), failure);
            }
            return started;
        }

        @Override
        public void close() {
            if (started != null) {
                started.close();
            }
        }
    }
}
