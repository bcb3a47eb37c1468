package io.trustfabric.operator.lint;

import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.policy.MacroLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the linter may know beyond the object it lints. The operator answers from its caches and the API server; an
 * offline {@code tfctl lint} answers from the built-in catalog and the files it was given.
 */
public interface LintEnvironment {

    /** Macro versions a rule may use (accepted), which exist at all, and every macro name. */
    MacroLookup macros();

    /**
     * Whether this environment knows the namespace's Tenants (a cluster does; offline, only when the linted files
     * hold a Tenant of that namespace). When it does not, tenant checks are skipped rather than guessed.
     */
    boolean knowsTenants(String namespace);

    /** The Tenant, when it exists (and {@link #knowsTenants} says this environment can tell). */
    Optional<Tenant> tenant(String namespace, String name);

    /** The other TrustPolicies of the namespace this environment knows of. */
    List<TrustPolicy> policies(String namespace);

    Instant now();

    /** How long a rule may stay in dryrun before {@link FindingCode#DRYRUN_TOO_LONG}. */
    Duration dryrunMaxAge();
}
