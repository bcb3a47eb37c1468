package io.trustfabric.operator.macro;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.PolicyMacroSpec;
import io.trustfabric.api.v1alpha1.PolicyMacroStatus;
import io.trustfabric.operator.policy.AcceptedMacro;
import io.trustfabric.operator.policy.MacroRef;
import io.trustfabric.operator.policy.ParameterSchema;
import io.trustfabric.operator.reading.UnreadableObjects;
import io.trustfabric.operator.status.StatusAggregator;
import io.trustfabric.operator.status.StatusAggregator.StatusUpdate;
import io.trustfabric.operator.status.StatusPatches;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a PolicyMacro version may be used. Observe (digest of the published content, built-in or not),
 * validate (a published version is immutable; a built-in one is restored), check (schema lint, and OPA: compile,
 * package, forbidden built-ins, the macro's own tests), then record: accepted versions go to {@link AcceptedMacros},
 * which republishes the macros bundle and re-runs the TrustPolicies that use the version.
 */
@ControllerConfiguration(name = PolicyMacroReconciler.NAME)
public class PolicyMacroReconciler implements Reconciler<PolicyMacro>, Cleaner<PolicyMacro> {

    public static final String NAME = "policymacro";
    /** How soon a macro is checked again when the policy engine could not be reached. */
    static final Duration ENGINE_RETRY = Duration.ofSeconds(15);
    /** How often a deleted macro that policies still use is looked at again. */
    static final Duration IN_USE_RECHECK = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(PolicyMacroReconciler.class);

    private final BuiltInMacros builtIns;
    private final AcceptedMacros registry;
    private final MacroChecker checker;
    private final StatusAggregator aggregator;
    private final MacroEvents events;
    private final Function<MacroRef, List<String>> usedBy;
    private final UnreadableObjects unreadable;

    /**
     * @param checker null: no OPA for the operator, so only built-in macros can be accepted
     * @param usedBy  the TrustPolicies (namespace/name) whose rules use a macro version
     */
    public PolicyMacroReconciler(BuiltInMacros builtIns, AcceptedMacros registry, MacroChecker checker,
                                 StatusAggregator aggregator, MacroEvents events,
                                 Function<MacroRef, List<String>> usedBy) {
        this(builtIns, registry, checker, aggregator, events, usedBy, null);
    }

    /** @param unreadable reports a macro the operator could not read whole; null: not checked (unit tests) */
    public PolicyMacroReconciler(BuiltInMacros builtIns, AcceptedMacros registry, MacroChecker checker,
                                 StatusAggregator aggregator, MacroEvents events,
                                 Function<MacroRef, List<String>> usedBy, UnreadableObjects unreadable) {
        this.unreadable = unreadable;
        this.builtIns = builtIns;
        this.registry = registry;
        this.checker = checker;
        this.aggregator = aggregator;
        this.events = events;
        this.usedBy = usedBy;
    }

    @Override
    public UpdateControl<PolicyMacro> reconcile(PolicyMacro macro, Context<PolicyMacro> context) {
        if (unreadable != null) {
            var stop = unreadable.stopIfUnreadable(macro, context, PolicyMacroStatus::new, MacroConditions.ACCEPTED);
            if (stop.isPresent()) {
                return stop.get();
            }
        }
        PolicyMacroSpec spec = macro.getSpec();
        String name = macro.getMetadata().getName();
        MacroRef ref = new MacroRef(spec.getMacro(), spec.getVersion());
        registry.seen(ref);
        String digest = MacroDigest.of(spec);
        Optional<PolicyMacro> builtIn = builtIns.named(name);
        if (builtIn.isPresent() && !MacroDigest.of(builtIn.get().getSpec()).equals(digest)) {
            return restore(macro, builtIn.get(), context);
        }
        StatusUpdate<PolicyMacroStatus> update = aggregator.begin(macro.getStatus(), PolicyMacroStatus::new);
        Long generation = macro.getMetadata().getGeneration();
        String acceptedDigest = update.status().getDigest();
        Duration recheck = null;
        if (acceptedDigest != null && !acceptedDigest.equals(digest)) {
            update.status().setAccepted(false);
            update.set(MacroConditions.ACCEPTED, Condition.FALSE, MacroConditions.REASON_IMMUTABLE,
                    "The spec of " + ref + " changed after the version was accepted (accepted " + acceptedDigest
                            + ", now " + digest + "). A published version is immutable: revert the change, or "
                            + "publish it as a new object " + spec.getMacro() + "-v" + (spec.getVersion() + 1)
                            + ". Policies keep the accepted content while this operator runs; after a restart this "
                            + "version is unusable until reverted.", generation);
        } else {
            recheck = check(macro, ref, digest, builtIn.isPresent(), update, generation);
        }
        update.observedGeneration(generation);
        events.publish(macro, update.transitions());
        UpdateControl<PolicyMacro> control;
        if (update.changed()) {
            macro.setStatus(update.status());
            control = UpdateControl.patchStatus(StatusPatches.unconditional(macro));
        } else {
            control = UpdateControl.noUpdate();
        }
        return recheck == null ? control : control.rescheduleAfter(recheck);
    }

    private Duration check(PolicyMacro macro, MacroRef ref, String digest, boolean builtIn,
                           StatusUpdate<PolicyMacroStatus> update, Long generation) {
        PolicyMacroSpec spec = macro.getSpec();
        ParameterSchema.Parsed schema = ParameterSchema.parse(spec.getParameters());
        List<PolicyFinding> findings;
        if (checker == null) {
            if (!builtIn) {
                update.status().setAccepted(false);
                update.status().setFindings(List.of());
                update.set(MacroConditions.ACCEPTED, Condition.FALSE, MacroConditions.REASON_ENGINE_UNAVAILABLE,
                        "The operator has no policy engine (OPA) to compile and test this macro, so it is not "
                                + "accepted; run the operator with its OPA (TF_OPA_URL) to use your own macros.",
                        generation);
                return null;
            }
            findings = schema.problems().stream().map(p -> new PolicyFinding(
                    io.trustfabric.operator.lint.FindingCode.MACRO_PARAMETER_SCHEMA.code(), FindingSeverity.error,
                    "spec.parameters",
                    p, "fix the shipped catalog")).toList();
        } else {
            try {
                findings = checker.check(spec, macro.getMetadata().getUid() + "-" + generation);
            } catch (IOException e) {
                LOG.warn("Cannot check PolicyMacro {} with the operator's OPA: {}", macro.getMetadata().getName(),
                        e.toString());
                if (builtIn) {
                    return acceptBuiltInUnchecked(macro, ref, digest, schema, update, generation);
                }
                update.set(MacroConditions.ACCEPTED, update.status().getAccepted() == Boolean.TRUE ? Condition.TRUE
                                : Condition.FALSE, MacroConditions.REASON_ENGINE_UNAVAILABLE,
                        "The operator's OPA could not be reached to check this macro (" + e.getMessage()
                                + "); retrying in " + ENGINE_RETRY.toSeconds() + "s.", generation);
                return ENGINE_RETRY;
            }
        }
        update.status().setFindings(findings.stream().limit(PolicyMacroStatus.MAX_FINDINGS).toList());
        List<PolicyFinding> errors = findings.stream().filter(f -> f.getSeverity() == FindingSeverity.error).toList();
        if (!errors.isEmpty()) {
            update.status().setAccepted(false);
            update.set(MacroConditions.ACCEPTED, Condition.FALSE, MacroConditions.REASON_FINDINGS,
                    errors.size() + " error(s), first: " + errors.get(0).getPath() + ": " + errors.get(0).getMessage()
                            + ". See status.findings; rules that use " + ref + " are not compiled until it is fixed.",
                    generation);
            return null;
        }
        registry.accept(new AcceptedMacro(ref, schema.schema(), spec.getRego(), digest));
        update.status().setAccepted(true);
        update.status().setDigest(digest);
        update.set(MacroConditions.ACCEPTED, Condition.TRUE, builtIn ? MacroConditions.REASON_BUILT_IN
                        : MacroConditions.REASON_CHECKED,
                (builtIn ? "Built-in macro " + ref + "; " : ref + ": ")
                        + (checker == null ? "its tests ran with coverage in the operator's build. "
                        : "OPA compiled the module and its tests passed. ")
                        + "TrustPolicy rules may use it as " + ref + ".", generation);
        return null;
    }

    /** The engine is down: a built-in is accepted on its build-time checks, so shipped policies keep working. */
    private Duration acceptBuiltInUnchecked(PolicyMacro macro, MacroRef ref, String digest,
                                            ParameterSchema.Parsed schema, StatusUpdate<PolicyMacroStatus> update,
                                            Long generation) {
        registry.accept(new AcceptedMacro(ref, schema.schema(), macro.getSpec().getRego(), digest));
        update.status().setAccepted(true);
        update.status().setDigest(digest);
        update.status().setFindings(List.of());
        update.set(MacroConditions.ACCEPTED, Condition.TRUE, MacroConditions.REASON_BUILT_IN,
                "Built-in macro " + ref + "; its tests ran with coverage in the operator's build (the operator's OPA"
                        + " could not be reached to check it again). TrustPolicy rules may use it as " + ref + ".",
                generation);
        return null;
    }

    private UpdateControl<PolicyMacro> restore(PolicyMacro macro, PolicyMacro shipped, Context<PolicyMacro> context) {
        String name = macro.getMetadata().getName();
        LOG.warn("Built-in PolicyMacro {} was changed; restoring the shipped content", name);
        context.getClient().resources(PolicyMacro.class).withName(name).edit(current -> {
            current.setSpec(shipped.getSpec());
            return current;
        });
        events.restored(macro, "The spec of built-in macro " + name + " was changed; the operator restored the "
                + "shipped version. Built-in versions are immutable: publish your change as your own PolicyMacro "
                + "under another name (e.g. my-" + macro.getSpec().getMacro() + "-v1).");
        return UpdateControl.noUpdate();
    }

    /**
     * In-use protection, like a PersistentVolumeClaim's: while a TrustPolicy's rules use the version, the object stays
     * (terminating) and the macro stays in the bundles, so deleting it cannot make those tenants refuse everything.
     */
    @Override
    public DeleteControl cleanup(PolicyMacro macro, Context<PolicyMacro> context) {
        MacroRef ref = new MacroRef(macro.getSpec().getMacro(), macro.getSpec().getVersion());
        List<String> users = usedBy.apply(ref);
        if (!users.isEmpty()) {
            events.inUse(macro, "Deletion of " + macro.getMetadata().getName() + " waits until no TrustPolicy uses "
                    + ref + "; used by " + String.join(", ", users.subList(0, Math.min(10, users.size())))
                    + (users.size() > 10 ? " and " + (users.size() - 10) + " more" : "") + ".");
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(IN_USE_RECHECK.toMillis());
        }
        registry.forget(ref);
        return DeleteControl.defaultDelete();
    }

    @Override
    public ErrorStatusUpdateControl<PolicyMacro> updateErrorStatus(PolicyMacro macro, Context<PolicyMacro> context,
                                                                   Exception e) {
        if (!StatusPatches.isTransient(e)) {
            LOG.warn("Reconciling PolicyMacro {} failed: {}", macro.getMetadata().getName(), e.toString());
        }
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
}
