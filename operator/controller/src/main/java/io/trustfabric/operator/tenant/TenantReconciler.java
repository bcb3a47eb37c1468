package io.trustfabric.operator.tenant;

import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.policy.TrustPolicyConditions;
import io.trustfabric.operator.policy.TrustPolicyReconciler;
import java.util.ArrayList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.DatasetSource;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.operator.causal.CausalRecorder;
import io.trustfabric.operator.causal.RevisionDetails;
import io.trustfabric.operator.causal.TenantRevisions;
import io.trustfabric.operator.allowlist.AllowlistEvaluation;
import io.trustfabric.operator.allowlist.AllowlistEvaluator;
import io.trustfabric.operator.allowlist.AllowlistIndex;
import io.trustfabric.operator.allowlist.ClusterCredentials;
import io.trustfabric.operator.allowlist.PartnersDocument;
import io.trustfabric.operator.pool.PoolNames;
import io.trustfabric.operator.pool.SharedPools;
import io.trustfabric.operator.sla.SlaConformance;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantStatus;
import io.trustfabric.api.v1alpha1.WorkerStatus;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.budget.ReceiptKeySecretDependent;
import io.trustfabric.operator.reading.UnreadableObjects;
import io.trustfabric.operator.status.StatusAggregator;
import io.trustfabric.operator.status.StatusPatches;
import io.trustfabric.operator.status.StatusAggregator.StatusUpdate;
import io.trustfabric.operator.tenant.dependent.DedicatedWorkers;
import io.trustfabric.operator.tenant.dependent.KeySeedSecretDependent;
import io.trustfabric.operator.tenant.dependent.PartnersConfigMapDependent;
import io.trustfabric.operator.tenant.dependent.WorkerConfigMapDependent;
import io.trustfabric.operator.tenant.dependent.WorkerDeploymentDependent;
import io.trustfabric.operator.tenant.dependent.WorkerServiceAccountDependent;
import io.trustfabric.operator.tenant.dependent.WorkerServiceDependent;
import io.trustfabric.operator.tenant.dependent.WorkerTokenSecretDependent;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a Tenant in three phases: observe (read the annotation, the data set, the workers), validate
 * (stop with Ready=False and a Warning event when the spec cannot work), reconcile (run the dependent
 * workflow, then write status through the {@link StatusAggregator}).
 * <p>
 * The workflow is invoked explicitly so that a paused or invalid Tenant changes nothing: reconcile
 * preconditions on the dependents would delete them instead. Deletion relies on owner references (all
 * dependents are garbage-collected), so there is no finalizer.
 */
@ControllerConfiguration(name = TenantReconciler.NAME, generationAwareEventProcessing = false)
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "config", type = WorkerConfigMapDependent.class),
        @Dependent(name = "key-seed", type = KeySeedSecretDependent.class),
        @Dependent(name = "worker-token", type = WorkerTokenSecretDependent.class),
        @Dependent(name = "receipt-key", type = ReceiptKeySecretDependent.class),
        @Dependent(name = "partners", type = PartnersConfigMapDependent.class),
        @Dependent(name = "service-account", type = WorkerServiceAccountDependent.class,
                reconcilePrecondition = DedicatedWorkers.class),
        @Dependent(name = "service", type = WorkerServiceDependent.class,
                reconcilePrecondition = DedicatedWorkers.class),
        @Dependent(name = "deployment", type = WorkerDeploymentDependent.class,
                reconcilePrecondition = DedicatedWorkers.class,
                dependsOn = {"config", "key-seed", "worker-token", "receipt-key", "partners", "service-account"})
})
public class TenantReconciler implements Reconciler<Tenant> {

    public static final String NAME = "tenant";
    /** An invalid Tenant is re-checked this often, e.g. to notice a data set Secret created later. */
    public static final Duration INVALID_RECHECK = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TenantReconciler.class);

    private final OperatorSettings settings;
    private final TenantObserver observer;
    private final TenantValidator validator;
    private final WorkerConfigRenderer renderer;
    private final StatusAggregator aggregator;
    private final TenantEvents events;
    private final Clock clock;
    private final SharedPools pools;
    private final CausalRecorder causes;
    private final UnreadableObjects unreadable;
    private final SlaConformance sla;
    private volatile InformerEventSource<TrustPolicy, Tenant> policies;

    public TenantReconciler(OperatorSettings settings, StatusAggregator aggregator, TenantEvents events, Clock clock) {
        this(settings, aggregator, events, clock, null);
    }

    /** @param bundleKeyPem the key workers' OPA verifies policy bundles with; null: no OPA sidecars (unit tests) */
    public TenantReconciler(OperatorSettings settings, StatusAggregator aggregator, TenantEvents events, Clock clock,
                            String bundleKeyPem) {
        this(settings, aggregator, events, clock, bundleKeyPem, (CausalRecorder) null);
    }

    /** @param causes the causal journal the revisions in force and condition flips go to; null: none (unit tests) */
    public TenantReconciler(OperatorSettings settings, StatusAggregator aggregator, TenantEvents events, Clock clock,
                            String bundleKeyPem, CausalRecorder causes) {
        this(settings, aggregator, events, clock, bundleKeyPem, causes, null);
    }

    /** @param unreadable reports a Tenant the operator could not read whole; null: not checked (unit tests) */
    public TenantReconciler(OperatorSettings settings, StatusAggregator aggregator, TenantEvents events, Clock clock,
                            String bundleKeyPem, CausalRecorder causes, UnreadableObjects unreadable) {
        this(settings, aggregator, events, clock, bundleKeyPem, causes, unreadable, null);
    }

    /** @param sla the SLA status and incidents; null: no SLAConformant condition (unit tests of other features) */
    public TenantReconciler(OperatorSettings settings, StatusAggregator aggregator, TenantEvents events, Clock clock,
                            String bundleKeyPem, CausalRecorder causes, UnreadableObjects unreadable,
                            SlaConformance sla) {
        this.sla = sla;
        this.unreadable = unreadable;
        this.causes = causes;
        this.settings = settings;
        this.observer = new TenantObserver();
        this.validator = new TenantValidator();
        this.renderer = new WorkerConfigRenderer(settings.controlUrl(), this::isGovernedByPolicy, bundleKeyPem);
        this.aggregator = aggregator;
        this.events = events;
        this.clock = clock;
        this.pools = new SharedPools(settings, renderer);
    }

    @Override
    public List<EventSource<?, Tenant>> prepareEventSources(EventSourceContext<Tenant> context) {
        List<EventSource<?, Tenant>> sources = new ArrayList<>(TenantEventSources.of(context));
        policies = TenantEventSources.policies(context);
        sources.add(policies);
        if (sla != null) {
            sources.add(sla.eventSource());
        }
        return sources;
    }

    private boolean isGovernedByPolicy(Tenant tenant) {
        return governingPolicy(tenant).isPresent();
    }

    private Optional<TrustPolicy> governingPolicy(Tenant tenant) {
        InformerEventSource<TrustPolicy, Tenant> source = policies;
        return source == null ? Optional.empty() : TrustPolicyReconciler.governing(
                source.list(tenant.getMetadata().getNamespace()), tenant.getMetadata().getName());
    }

    /** PolicyReady mirrors the governing TrustPolicy's Ready; without one the default policy applies. */
    private void reportPolicy(Tenant tenant, StatusUpdate<TenantStatus> update, Long generation) {
        Optional<TrustPolicy> policy = governingPolicy(tenant);
        if (policy.isEmpty()) {
            update.set(TenantConditions.POLICY_READY, Condition.TRUE, TrustPolicyConditions.REASON_DEFAULT_POLICY,
                    "No TrustPolicy governs this tenant: the default policy allows queries that pass the allowlist"
                            + " and budget, and every answer carries a no-policy warning. Apply a TrustPolicy to"
                            + " restrict them.", generation);
            return;
        }
        String name = policy.get().getMetadata().getName();
        Optional<Condition> ready = policy.get().getStatus() == null ? Optional.empty()
                : policy.get().getStatus().condition(TrustPolicyConditions.READY);
        if (ready.isPresent() && ready.get().isTrue()) {
            update.set(TenantConditions.POLICY_READY, Condition.TRUE, TrustPolicyConditions.REASON_POLICY_ENFORCED,
                    "TrustPolicy '" + name + "' revision " + policy.get().getStatus().getRevision()
                            + " is served to the workers' OPA.", generation);
        } else {
            update.set(TenantConditions.POLICY_READY, Condition.FALSE, TrustPolicyConditions.REASON_POLICY_NOT_READY,
                    "TrustPolicy '" + name + "' is not ready" + ready.map(c -> " (" + c.getReason() + "): "
                            + c.getMessage()).orElse(" yet: the operator has not compiled it."), generation);
        }
    }

    @Override
    public UpdateControl<Tenant> reconcile(Tenant tenant, Context<Tenant> context) {
        if (unreadable != null) {
            Optional<UpdateControl<Tenant>> stop = unreadable.stopIfUnreadable(tenant, context, TenantStatus::new);
            if (stop.isPresent()) {
                return stop.get();
            }
        }
        TenantObservation observed = observer.observe(tenant, context.getClient(), workers(tenant, context));
        StatusUpdate<TenantStatus> update = aggregator.begin(tenant.getStatus(), TenantStatus::new);
        Long generation = tenant.getMetadata().getGeneration();
        if (observed.paused()) {
            return reportPaused(tenant, observed, update, generation);
        }
        update.set(TenantConditions.PAUSED, Condition.FALSE, TenantConditions.REASON_RECONCILING,
                "The operator reconciles this Tenant.", generation);
        reportPolicy(tenant, update, generation);
        Optional<ValidationFailure> failure = validator.validate(tenant, observed.dataset());
        if (failure.isPresent()) {
            return reportInvalid(tenant, observed, failure.get(), update, generation);
        }
        WorkerPlan plan = reconcileWorkers(tenant, observed, context);
        reportRevisions(tenant, observed, plan, update, context);
        ReceiptKeySecretDependent.of(tenant, context).flatMap(ReceiptKeySecretDependent::publicHalf)
                .ifPresent(update.status()::setReceiptKey);
        return reportReconciled(tenant, plan, workers(tenant, context), update, generation);
    }

    /** status.revisions, and a change of them into the causal journal. */
    private void reportRevisions(Tenant tenant, TenantObservation observed, WorkerPlan plan,
                                 StatusUpdate<TenantStatus> update, Context<Tenant> context) {
        String namespace = tenant.getMetadata().getNamespace();
        String name = tenant.getMetadata().getName();
        DatasetSource source = tenant.getSpec().getDataset();
        String datasetObject = source.getSecretRef() != null ? "secret/" + source.getSecretRef().getName()
                : source.getConfigMapRef() != null ? "configmap/" + source.getConfigMapRef().getName() : null;
        RevisionDetails details = TenantRevisions.of(tenant, new TenantRevisions.Inputs(plan.image(),
                plan.workerJson() != null ? plan.workerJson() : renderer.render(tenant), observed.dataset().digest(),
                WorkerConfigRenderer.KEY_EPOCH, governingPolicy(tenant),
                context.getSecondaryResourcesAsStream(PartnerAllowlist.class)
                        .filter(a -> AllowlistIndex.isFor(a, namespace, name))
                        .filter(a -> UnreadableObjects.readable(a, context.getClient())).toList(),
                context.getSecondaryResourcesAsStream(PrivacyBudget.class)
                        .filter(b -> b.getSpec() != null && name.equals(b.getSpec().getTenantRef()))
                        .filter(b -> UnreadableObjects.readable(b, context.getClient())).toList(),
                plan.dedicated() ? TenantResourceNames.workers(tenant) : PoolNames.workers(plan.pool()),
                plan.dedicated() ? TenantResourceNames.config(tenant) : PoolNames.config(plan.pool()),
                datasetObject));
        update.status().setRevisions(details.set());
        if (causes != null) {
            causes.revisions(tenant, details);
        }
    }

    /** The Deployment serving the tenant: its own, or its shared pool's. */
    private static Optional<Deployment> workers(Tenant tenant, Context<Tenant> context) {
        String pool = WorkerPlan.pool(tenant);
        String name = pool == null ? TenantResourceNames.workers(tenant) : PoolNames.workers(pool);
        return context.getSecondaryResourcesAsStream(Deployment.class)
                .filter(d -> name.equals(d.getMetadata().getName()))
                .findFirst();
    }

    /** Paused: only observe. Ready and observedGeneration keep their values until the Tenant is resumed. */
    private UpdateControl<Tenant> reportPaused(Tenant tenant, TenantObservation observed,
                                               StatusUpdate<TenantStatus> update, Long generation) {
        update.set(TenantConditions.PAUSED, Condition.TRUE, TenantConditions.REASON_PAUSED_BY_ANNOTATION,
                "Reconciliation is paused by the annotation trustfabric.io/paused=true; the operator changes"
                        + " nothing until it is removed.", generation);
        reportWorkers(update, observed.workers(), generation);
        return finish(tenant, update, false);
    }

    private UpdateControl<Tenant> reportInvalid(Tenant tenant, TenantObservation observed, ValidationFailure failure,
                                                StatusUpdate<TenantStatus> update, Long generation) {
        LOG.info("Tenant {}/{} is invalid: {}", tenant.getMetadata().getNamespace(), tenant.getMetadata().getName(),
                failure.reason());
        update.set(TenantConditions.READY, Condition.FALSE, failure.reason(), failure.message(), generation);
        reportWorkers(update, observed.workers(), generation);
        update.observedGeneration(generation);
        return finish(tenant, update, true);
    }

    /**
     * Runs the dependent workflow with the plan for this spec (fails the reconciliation if any dependent failed),
     * then renders the shared pool the tenant is in and any pool it left.
     */
    private WorkerPlan reconcileWorkers(Tenant tenant, TenantObservation observed, Context<Tenant> context) {
        String namespace = tenant.getMetadata().getNamespace();
        // an allowlist read in part admits none of its partners (its own reconciler reports it)
        List<PartnerAllowlist> allowlists = context.getSecondaryResourcesAsStream(PartnerAllowlist.class)
                .filter(a -> AllowlistIndex.isFor(a, namespace, tenant.getMetadata().getName()))
                .filter(a -> UnreadableObjects.readable(a, context.getClient()))
                .toList();
        AllowlistEvaluation evaluation = new AllowlistEvaluator(new ClusterCredentials(context.getClient()))
                .evaluate(namespace, tenant.getMetadata().getName(), tenant, allowlists, clock.instant());
        WorkerPlan plan = WorkerPlan.of(tenant, observed.dataset(), settings, renderer,
                PartnersDocument.render(evaluation));
        context.managedWorkflowAndDependentResourceContext().put(WorkerPlan.CONTEXT_KEY, plan);
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow()
                .throwAggregateExceptionIfErrorsPresent();
        Supplier<Stream<Tenant>> tenants = () -> context.getPrimaryCache().list(namespace);
        if (!plan.dedicated()) {
            pools.reconcile(namespace, plan.pool(), tenants.get(), context.getClient());
        }
        pools.leaveOtherPools(tenant, plan.pool(), tenants, context.getClient());
        return plan;
    }

    private UpdateControl<Tenant> reportReconciled(Tenant tenant, WorkerPlan plan, Optional<Deployment> workers,
                                                   StatusUpdate<TenantStatus> update, Long generation) {
        boolean available = reportWorkers(update, workers, generation);
        String endpoint = plan.dedicated() ? TenantResourceNames.endpoint(tenant)
                : PoolNames.endpoint(tenant.getMetadata().getNamespace(), plan.pool(), tenant.getMetadata().getName());
        update.set(TenantConditions.READY, available ? Condition.TRUE : Condition.FALSE,
                available ? TenantConditions.REASON_READY : TenantConditions.REASON_WORKERS_NOT_READY,
                available ? "The tenant's PSI workers serve at " + endpoint + "."
                        : "Waiting for the PSI workers to become available; see the WorkersAvailable condition.",
                generation);
        update.status().setEndpoint(endpoint);
        if (sla != null) {
            sla.report(tenant, update, generation);
        }
        update.observedGeneration(generation);
        return finish(tenant, update, false);
    }

    @Override
    public ErrorStatusUpdateControl<Tenant> updateErrorStatus(Tenant tenant, Context<Tenant> context, Exception e) {
        if (StatusPatches.isTransient(e)) {
            LOG.debug("Reconciling Tenant {}/{} met a conflicting write or a namespace being deleted; retrying: {}",
                    tenant.getMetadata().getNamespace(), tenant.getMetadata().getName(), rootMessage(e));
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        LOG.warn("Reconciling Tenant {}/{} failed: {}", tenant.getMetadata().getNamespace(),
                tenant.getMetadata().getName(), rootMessage(e));
        StatusUpdate<TenantStatus> update = aggregator.begin(tenant.getStatus(), TenantStatus::new);
        update.set(TenantConditions.READY, Condition.FALSE, TenantConditions.REASON_RECONCILE_FAILED,
                "The operator could not apply the Tenant's workers and retries with backoff. "
                        + rootMessage(e), tenant.getMetadata().getGeneration());
        events.publish(tenant, update.transitions());
        if (causes != null) {
            causes.transitions(tenant, update.transitions());
        }
        if (!update.changed()) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        tenant.setStatus(update.status());
        return ErrorStatusUpdateControl.patchStatus(StatusPatches.unconditional(tenant));
    }

    /** Sets WorkersAvailable and status.workers from the Deployment; returns whether the workers are available. */
    private boolean reportWorkers(StatusUpdate<TenantStatus> update, Optional<Deployment> deployment,
                                  Long generation) {
        WorkerAvailability availability = WorkerAvailability.of(deployment);
        update.set(TenantConditions.WORKERS_AVAILABLE, availability.available() ? Condition.TRUE : Condition.FALSE,
                availability.reason(), availability.message(), generation);
        WorkerStatus workers = new WorkerStatus(availability.desired(), availability.ready());
        workers.setKeyEpoch(deployment.isPresent() ? WorkerConfigRenderer.KEY_EPOCH : null);
        update.status().setWorkers(deployment.isPresent() ? workers : update.status().getWorkers());
        return availability.available();
    }

    private UpdateControl<Tenant> finish(Tenant tenant, StatusUpdate<TenantStatus> update, boolean recheckLater) {
        events.publish(tenant, update.transitions());
        if (causes != null) {
            causes.transitions(tenant, update.transitions());
        }
        UpdateControl<Tenant> control;
        if (update.changed()) {
            tenant.setStatus(update.status());
            control = UpdateControl.patchStatus(StatusPatches.unconditional(tenant));
        } else {
            control = UpdateControl.noUpdate();
        }
        return recheckLater ? control.rescheduleAfter(INVALID_RECHECK) : control;
    }

    /** One line per failed dependent ("deployment: <API server message>"), or the root cause's message. */
    static String rootMessage(Throwable e) {
        if (e instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
            return aggregated.getAggregatedExceptions().entrySet().stream()
                    .map(failed -> failed.getKey() + ": " + rootMessage(failed.getValue()))
                    .sorted()
                    .collect(java.util.stream.Collectors.joining("; "));
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof KubernetesClientException refused && refused.getStatus() != null
                && refused.getStatus().getMessage() != null) {
            return "API server answered " + refused.getCode() + ": " + refused.getStatus().getMessage();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
