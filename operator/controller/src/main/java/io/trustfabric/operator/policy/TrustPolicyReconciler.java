package io.trustfabric.operator.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyBundle;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.PolicyMacroStatus;
import io.trustfabric.api.v1alpha1.PolicyRevision;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicyStatus;
import io.trustfabric.operator.macro.BuiltInMacros;
import io.trustfabric.operator.policy.bundle.BundleContent;
import io.trustfabric.operator.policy.timeline.PolicyRevisions;
import io.trustfabric.operator.reading.UnreadableObjects;
import io.trustfabric.operator.status.StatusAggregator;
import io.trustfabric.operator.status.StatusAggregator.StatusUpdate;
import io.trustfabric.operator.status.StatusPatches;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a TrustPolicy into its tenant's OPA bundle. Observe (the Tenant, the other TrustPolicies of the tenant),
 * validate and compile (every rule against an accepted macro version's parameters; {@link TenantPolicyCompiler}),
 * publish (a new revision only when the bundle's content changes), then report revision, digest, findings,
 * timeline and the conditions Compiled and Ready.
 * <p>
 * An error keeps the previous revision in force; a tenant whose policy never compiled in this operator's lifetime
 * gets a bundle that refuses every query (fail closed), never the default allow-with-warning bundle.
 */
@ControllerConfiguration(name = TrustPolicyReconciler.NAME)
public class TrustPolicyReconciler implements Reconciler<TrustPolicy>, Cleaner<TrustPolicy> {

    public static final String NAME = "trustpolicy";
    static final String TENANTS = "policy-tenants";
    static final String MACROS = "policy-macros";
    static final String SIBLINGS = "policy-siblings";
    /** How soon a policy whose macros are not accepted yet is compiled again, in the operator's first minutes. */
    static final Duration MACRO_RETRY = Duration.ofSeconds(5);
    static final Duration MACRO_RETRY_LATER = Duration.ofSeconds(60);
    private static final Duration STARTING = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(TrustPolicyReconciler.class);

    private final MacroLookup macros;
    private final PolicyPublisher publisher;
    private final StatusAggregator aggregator;
    private final PolicyEvents events;
    private final Clock clock;
    private final PolicyRevisions revisions;
    private final java.time.Instant started;
    private final TenantPolicyCompiler compiler = new TenantPolicyCompiler();
    private final PolicyLint lint;
    private final UnreadableObjects unreadable;
    /** The rules of the revision in force, per policy, for the timeline's change lines. */
    private final Map<String, ArrayNode> inForce = new ConcurrentHashMap<>();
    /** The tenant each policy's bundle was last published for, to withdraw it when spec.tenantRef moves. */
    private final Map<String, String> publishedFor = new ConcurrentHashMap<>();

    /**
     * @param lint      lints the policy (findings with quick fixes)
     * @param revisions explains each revision: timeline entry, history ConfigMap, replayed impact, dryrun tallies
     */
    public TrustPolicyReconciler(MacroLookup macros, PolicyPublisher publisher, StatusAggregator aggregator,
                                 PolicyEvents events, Clock clock, PolicyLint lint, PolicyRevisions revisions) {
        this(macros, publisher, aggregator, events, clock, lint, revisions, null);
    }

    /** @param unreadable reports a policy the operator could not read whole; null: not checked (unit tests) */
    public TrustPolicyReconciler(MacroLookup macros, PolicyPublisher publisher, StatusAggregator aggregator,
                                 PolicyEvents events, Clock clock, PolicyLint lint, PolicyRevisions revisions,
                                 UnreadableObjects unreadable) {
        this.unreadable = unreadable;
        this.lint = lint;
        this.macros = macros;
        this.publisher = publisher;
        this.aggregator = aggregator;
        this.events = events;
        this.clock = clock;
        this.revisions = revisions;
        this.started = clock.instant();
    }

    @Override
    public List<EventSource<?, TrustPolicy>> prepareEventSources(EventSourceContext<TrustPolicy> context) {
        IndexerResourceCache<TrustPolicy> policies = context.getPrimaryCache();
        var tenants = InformerEventSourceConfiguration.from(Tenant.class, TrustPolicy.class)
                .withName(TENANTS)
                .withNamespacesInheritedFromController()
                .withOnUpdateFilter((before, after) -> false)
                .withSecondaryToPrimaryMapper(tenant -> ids(policies.list(tenant.getMetadata().getNamespace())
                        .filter(p -> governs(p, tenant.getMetadata().getName()))))
                .build();
        // PolicyMacro is cluster-scoped: watched everywhere whatever namespaces the controller watches.
        var macroSource = InformerEventSourceConfiguration.from(PolicyMacro.class, TrustPolicy.class)
                .withName(MACROS)
                .withNamespaces(Constants.WATCH_ALL_NAMESPACE_SET)
                .withSecondaryToPrimaryMapper(macro -> ids(policies.list()
                        .filter(p -> references(p, macro.getSpec() == null ? null
                                : macro.getSpec().getMacro() + "@v" + macro.getSpec().getVersion()))))
                .build();
        var siblings = InformerEventSourceConfiguration.from(TrustPolicy.class, TrustPolicy.class)
                .withName(SIBLINGS)
                .withNamespacesInheritedFromController()
                .withOnUpdateFilter((before, after) -> !Objects.equals(before.getMetadata().getGeneration(),
                        after.getMetadata().getGeneration()))
                .withSecondaryToPrimaryMapper(changed -> ids(policies.list(changed.getMetadata().getNamespace())
                        .filter(p -> !p.getMetadata().getName().equals(changed.getMetadata().getName()))))
                .build();
        return List.of(new InformerEventSource<>(tenants, context), new InformerEventSource<>(macroSource, context),
                new InformerEventSource<>(siblings, context));
    }

    @Override
    public UpdateControl<TrustPolicy> reconcile(TrustPolicy policy, Context<TrustPolicy> context) {
        if (unreadable != null) {
            var stop = unreadable.stopIfUnreadable(policy, context, TrustPolicyStatus::new);
            if (stop.isPresent()) {
                return stop.get();
            }
        }
        String namespace = policy.getMetadata().getNamespace();
        String tenantName = policy.getSpec().getTenantRef();
        Long generation = policy.getMetadata().getGeneration();
        StatusUpdate<TrustPolicyStatus> update = aggregator.begin(policy.getStatus(), TrustPolicyStatus::new);
        Optional<TrustPolicy> governing = governing(context.getPrimaryCache().list(namespace), tenantName);
        if (governing.isPresent() && !governing.get().getMetadata().getName().equals(policy.getMetadata().getName())) {
            String message = "TrustPolicy '" + governing.get().getMetadata().getName() + "' already governs Tenant '"
                    + tenantName + "' (the oldest one wins); a tenant has one TrustPolicy. Merge the rules into it"
                    + " or delete one of them. This policy is not compiled.";
            update.set(TrustPolicyConditions.COMPILED, Condition.FALSE, TrustPolicyConditions.REASON_DUPLICATE,
                    message, generation);
            update.set(TrustPolicyConditions.READY, Condition.FALSE, TrustPolicyConditions.REASON_DUPLICATE,
                    message, generation);
            update.observedGeneration(generation);
            return finish(policy, update);
        }
        leaveOtherTenant(policy, context);
        TenantPolicyCompiler.Compiled compiled = compiler.compile(policy, macros);
        List<PolicyFinding> findings = lint.lint(policy, compiled, context.getClient(), macros);
        update.status().setFindings(findings.stream().limit(PolicyMacroStatus.MAX_FINDINGS).toList());
        String key = key(policy);
        if (compiled.ok() && findings.stream().noneMatch(f -> f.getSeverity() == FindingSeverity.error)) {
            publish(policy, compiled.rules(), update, generation, context);
        } else {
            reportNotCompiled(policy, findings, update, generation);
        }
        Tenant tenant = context.getClient().resources(Tenant.class).inNamespace(namespace).withName(tenantName).get();
        if (tenant == null) {
            update.set(TrustPolicyConditions.READY, Condition.FALSE, TrustPolicyConditions.REASON_TENANT_NOT_FOUND,
                    "Tenant '" + tenantName + "' named in spec.tenantRef does not exist in namespace '" + namespace
                            + "'; the policy " + (inForce.containsKey(key) ? "is compiled and " : "")
                            + "governs it once it is created.", generation);
        }
        update.observedGeneration(generation);
        Optional<Duration> again = revisions.refresh(policy, update.status(), inForce.get(key), macro -> builtIn(
                context, macro), context.getClient());
        if (waitsForMacros(policy)) {
            Duration retry = clock.instant().isBefore(started.plus(STARTING)) ? MACRO_RETRY : MACRO_RETRY_LATER;
            again = Optional.of(again.filter(d -> d.compareTo(retry) < 0).orElse(retry));
        }
        return again.map(delay -> finish(policy, update).rescheduleAfter(delay)).orElseGet(() -> finish(policy, update));
    }

    /**
     * A rule whose macro version is not accepted in this process (yet): look again shortly. Right after a start the
     * PolicyMacro reconciler accepts the built-ins concurrently, and a macro whose status was already Accepted
     * changes nothing the PolicyMacro informer would report, so no event would bring the policy back. Later, a macro
     * that becomes accepted changes its status (an event); the slower retry only covers what that misses.
     */
    private boolean waitsForMacros(TrustPolicy policy) {
        return policy.getSpec().getRules() != null && policy.getSpec().getRules().stream()
                .map(rule -> MacroRef.parse(rule.getMacro()))
                .anyMatch(ref -> ref.isPresent() && macros.accepted(ref.get()).isEmpty());
    }

    private void publish(TrustPolicy policy, ArrayNode rules, StatusUpdate<TrustPolicyStatus> update, Long generation,
                         Context<TrustPolicy> context) {
        String namespace = policy.getMetadata().getNamespace();
        String tenant = policy.getSpec().getTenantRef();
        String policyName = namespace + "/" + policy.getMetadata().getName();
        TrustPolicyStatus status = update.status();
        long revision = status.getRevision() == null ? 0 : status.getRevision();
        String inStatus = status.getBundle() == null ? null : status.getBundle().getDigest();
        ObjectNode document = BundleContent.tenantDocument(policyName, revision, false, rules);
        boolean unchanged = revision > 0 && publisher.tenantDigest(namespace, tenant, revision, document).equals(inStatus);
        if (!unchanged) {
            revision++;
            document = BundleContent.tenantDocument(policyName, revision, false, rules);
        }
        String digest = publisher.publishTenant(namespace, tenant, revision, document);
        ArrayNode previous = inForce.put(key(policy), rules);
        status.setRevision(revision);
        status.setBundle(new PolicyBundle(digest, publisher.tenantBundlePath(namespace, tenant)));
        if (!unchanged) {
            PolicyRevision entry = revisions.record(new PolicyRevisions.NewRevision(policy, revision, digest, previous,
                    rules, PolicyChanges::between), status, context.getClient());
            List<PolicyRevision> timeline = new ArrayList<>();
            timeline.add(entry);
            timeline.addAll(status.getTimeline());
            status.setTimeline(timeline.stream().limit(TrustPolicyStatus.MAX_TIMELINE).toList());
        }
        update.set(TrustPolicyConditions.COMPILED, Condition.TRUE, TrustPolicyConditions.REASON_COMPILED,
                rules.size() + " rule(s) compiled into revision " + revision + summary(update.status().getFindings()),
                generation);
        update.set(TrustPolicyConditions.READY, Condition.TRUE, TrustPolicyConditions.REASON_PUBLISHED,
                "Revision " + revision + " (" + digest + ") is served to Tenant '" + tenant + "''s workers; their "
                        + "OPA activates it at its next bundle poll (every few seconds).", generation);
    }

    private void reportNotCompiled(TrustPolicy policy, List<PolicyFinding> findings,
                                   StatusUpdate<TrustPolicyStatus> update, Long generation) {
        List<PolicyFinding> errors = findings.stream().filter(f -> f.getSeverity() == FindingSeverity.error).toList();
        PolicyFinding first = errors.isEmpty() ? findings.get(0) : errors.get(0);
        String what = errors.size() + " error(s), first: " + first.getPath() + ": " + first.getMessage()
                + " [" + first.getCode() + "]" + (first.getFix() == null ? "" : " (fix: " + first.getFix() + ")");
        update.set(TrustPolicyConditions.COMPILED, Condition.FALSE, TrustPolicyConditions.REASON_INVALID_RULES,
                what + ". See status.findings.", generation);
        String namespace = policy.getMetadata().getNamespace();
        String tenant = policy.getSpec().getTenantRef();
        if (inForce.containsKey(key(policy))) {
            update.set(TrustPolicyConditions.READY, Condition.TRUE, TrustPolicyConditions.REASON_PREVIOUS_IN_FORCE,
                    "Revision " + update.status().getRevision() + " stays in force until the errors are fixed.",
                    generation);
            return;
        }
        ObjectNode refuseAll = BundleContent.tenantDocument(namespace + "/" + policy.getMetadata().getName(),
                update.status().getRevision() == null ? 0 : update.status().getRevision(), false,
                JsonNodeFactory.instance.arrayNode());
        refuseAll.putArray("errors").addObject().put("code", "policy-not-compiled")
                .put("message", "TrustPolicy " + policy.getMetadata().getName() + " does not compile: " + what);
        publisher.publishTenant(namespace, tenant, update.status().getRevision() == null ? 0
                : update.status().getRevision(), refuseAll);
        update.set(TrustPolicyConditions.READY, Condition.FALSE, TrustPolicyConditions.REASON_NOTHING_IN_FORCE,
                "No revision of this policy compiled since the operator started, so the tenant's workers refuse "
                        + "every query (policy-denied) until the errors are fixed.", generation);
    }

    /**
     * spec.tenantRef moved: the tenant the policy governed before goes back to the default bundle, unless another
     * policy governs it now (that one's reconcile publishes its bundle).
     */
    private void leaveOtherTenant(TrustPolicy policy, Context<TrustPolicy> context) {
        String namespace = policy.getMetadata().getNamespace();
        String before = publishedFor.put(key(policy), policy.getSpec().getTenantRef());
        if (before == null || before.equals(policy.getSpec().getTenantRef())) {
            return;
        }
        inForce.remove(key(policy));
        if (governing(context.getPrimaryCache().list(namespace)
                .filter(p -> !p.getMetadata().getName().equals(policy.getMetadata().getName())), before).isEmpty()) {
            publisher.withdrawTenant(namespace, before);
        }
    }

    @Override
    public DeleteControl cleanup(TrustPolicy policy, Context<TrustPolicy> context) {
        lint.forget(policy);
        inForce.remove(key(policy));
        revisions.forget(policy);
        publishedFor.remove(key(policy));
        String namespace = policy.getMetadata().getNamespace();
        String tenant = policy.getSpec().getTenantRef();
        Optional<TrustPolicy> successor = governing(context.getPrimaryCache().list(namespace)
                .filter(p -> !p.getMetadata().getName().equals(policy.getMetadata().getName())), tenant);
        if (successor.isEmpty()) {
            publisher.withdrawTenant(namespace, tenant);
            events.withdrawn(policy);
        }
        return DeleteControl.defaultDelete();
    }

    @Override
    public ErrorStatusUpdateControl<TrustPolicy> updateErrorStatus(TrustPolicy policy, Context<TrustPolicy> context,
                                                                   Exception e) {
        if (!StatusPatches.isTransient(e)) {
            LOG.warn("Reconciling TrustPolicy {}/{} failed: {}", policy.getMetadata().getNamespace(),
                    policy.getMetadata().getName(), e.toString());
        }
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    private UpdateControl<TrustPolicy> finish(TrustPolicy policy, StatusUpdate<TrustPolicyStatus> update) {
        events.publish(policy, update.transitions());
        if (!update.changed()) {
            return UpdateControl.noUpdate();
        }
        policy.setStatus(update.status());
        return UpdateControl.patchStatus(StatusPatches.unconditional(policy));
    }

    /** The TrustPolicy that governs a tenant: the oldest of those naming it (name breaks ties). */
    public static Optional<TrustPolicy> governing(Stream<TrustPolicy> policiesOfNamespace, String tenant) {
        return policiesOfNamespace.filter(p -> governs(p, tenant))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .min(Comparator.comparing((TrustPolicy p) -> p.getMetadata().getCreationTimestamp() == null ? ""
                        : p.getMetadata().getCreationTimestamp()).thenComparing(p -> p.getMetadata().getName()));
    }

    static boolean governs(TrustPolicy policy, String tenant) {
        return policy.getSpec() != null && Objects.equals(policy.getSpec().getTenantRef(), tenant);
    }

    private static boolean references(TrustPolicy policy, String ref) {
        return ref != null && policy.getSpec() != null && policy.getSpec().getRules() != null
                && policy.getSpec().getRules().stream().map(PolicyRule::getMacro).anyMatch(ref::equals);
    }

    /** Whether a macro version (object name, e.g. residency-v1) is labelled built-in, from the informer's cache. */
    @SuppressWarnings("unchecked")
    private static boolean builtIn(Context<TrustPolicy> context, String objectName) {
        var source = (InformerEventSource<PolicyMacro, TrustPolicy>) context.eventSourceRetriever()
                .getEventSourceFor(PolicyMacro.class, MACROS);
        return source.get(new ResourceID(objectName)).map(m -> m.getMetadata().getLabels() != null
                && "true".equals(m.getMetadata().getLabels().get(BuiltInMacros.BUILT_IN_LABEL))).orElse(false);
    }

    private static String summary(List<PolicyFinding> findings) {
        long warnings = findings.stream().filter(f -> f.getSeverity() == FindingSeverity.warning).count();
        return warnings == 0 ? "." : "; " + warnings + " warning(s) in status.findings.";
    }

    private static String key(TrustPolicy policy) {
        return policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
    }

    private static Set<ResourceID> ids(Stream<TrustPolicy> policies) {
        return policies.map(ResourceID::fromResource).collect(Collectors.toSet());
    }
}
