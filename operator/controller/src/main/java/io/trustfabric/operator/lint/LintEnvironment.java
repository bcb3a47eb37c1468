package io.trustfabric.operator.lint;

import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.policy.MacroLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the linter may know beyond the object it lints. The operator answers from its caches and the API server; an
 * offline {@code tfctl lint} answers from the built-in catalog and the files it was given.
 */
public interface LintEnvironment {

    /** Macro versions a rule may use (accepted), and which exist at all. */
    MacroLookup macros();

    /** Whether a macro version is accepted, waiting for its check, or rejected; empty when no object publishes it. */
    Optional<MacroSnapshot.State> macroState(io.trustfabric.operator.policy.MacroRef ref);

    /** Every macro name known (accepted or not), for "did you mean". */
    Set<String> macroNames();

    /** Whether the Tenant exists; empty when this environment cannot tell (e.g. offline without the tenant's files). */
    Optional<Boolean> tenantExists(String namespace, String name);

    /** The other TrustPolicies of the namespace this environment knows of. */
    List<TrustPolicy> policies(String namespace);

    Instant now();

    /** How long a rule may stay in dryrun before {@link FindingCode#DRYRUN_TOO_LONG}. */
    Duration dryrunMaxAge();
}
