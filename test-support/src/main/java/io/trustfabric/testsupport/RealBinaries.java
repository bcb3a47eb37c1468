package io.trustfabric.testsupport;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * Whether the real binaries are installed, and what a test that needs them does when they are not: it is skipped
 * with one line naming the install command, or, when TF_REQUIRE_REAL_BINARIES=true (CI), it fails.
 */
final class RealBinaries {

    static final String REQUIRE_VARIABLE = "TF_REQUIRE_REAL_BINARIES";
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    private RealBinaries() {
    }

    static Optional<ControlPlaneBinaries> find() {
        return ControlPlaneBinaries.find();
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE))
                || Boolean.getBoolean("trustfabric.requireRealBinaries");
    }

    /** Enabled when the binaries exist or are required (the test then fails); disabled with the reason otherwise. */
    static ConditionEvaluationResult evaluate(String what) {
        if (find().isPresent()) {
            return ConditionEvaluationResult.enabled("real binaries installed");
        }
        if (required()) {
            return ConditionEvaluationResult.enabled(REQUIRE_VARIABLE + "=true: the test fails without the binaries");
        }
        String why = ControlPlaneBinaries.whyMissing();
        if (ANNOUNCED.compareAndSet(false, true)) {
            System.err.println("[trust-fabric] Skipping the tests that need the real API server, OPA or promtool: "
                    + why);
        }
        return ConditionEvaluationResult.disabled("needs " + what + ": " + why);
    }

    /**
     * Appends "what TAB class#method" to target/real-binaries-tests.log of the module: which tests really ran
     * against the real binaries (.ci/run counts them, so a suite that silently stopped using them shows).
     */
    private static boolean recordedInThisJvm;

    static synchronized void recordRun(String what, org.junit.jupiter.api.extension.ExtensionContext context) {
        java.nio.file.Path log = java.nio.file.Path.of("target", "real-binaries-tests.log");
        String line = what + "\t" + context.getRequiredTestClass().getName() + "#"
                + context.getTestMethod().map(java.lang.reflect.Method::getName).orElse("?") + "\n";
        try {
            java.nio.file.Files.createDirectories(log.toAbsolutePath().getParent());
            // the first test of this JVM starts the file afresh, so a log never counts an earlier build's tests
            java.nio.file.Files.writeString(log, line, java.nio.file.StandardOpenOption.CREATE,
                    recordedInThisJvm ? java.nio.file.StandardOpenOption.APPEND
                            : java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
            recordedInThisJvm = true;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The binaries, or an error explaining they are required but missing. */
    static ControlPlaneBinaries require() {
        return find().orElseThrow(() -> new IllegalStateException(REQUIRE_VARIABLE
                + "=true but the real binaries are missing: " + ControlPlaneBinaries.whyMissing()));
    }
}
