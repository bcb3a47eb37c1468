package io.trustfabric.operator.allowlist;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.PartnerAllowlistStatus;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.reading.UnreadableObjects;
import io.trustfabric.operator.status.StatusAggregator;
import io.trustfabric.operator.status.StatusPatches;
import io.trustfabric.operator.status.StatusAggregator.StatusUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports what the operator makes of a PartnerAllowlist: observe (the Tenant, the credential Secrets, the other
 * allowlists of the same tenant), validate and classify every entry with the {@link AllowlistEvaluator}, then
 * write counts and conditions through the {@link StatusAggregator}. It renders nothing itself: the Tenant workflow
 * renders the effective allowlist of all of a tenant's allowlists with the same evaluator.
 * <p>
 * It re-runs when the Tenant, a referenced Secret or a sibling allowlist changes, and at the next expiry.
 */
@ControllerConfiguration(name = PartnerAllowlistReconciler.NAME)
public class PartnerAllowlistReconciler implements Reconciler<PartnerAllowlist> {

    public static final String NAME = "partnerallowlist";
    static final String TENANTS = "allowlist-tenants";
    static final String SECRETS = "allowlist-secrets";
    static final String SIBLINGS = "allowlist-siblings";

    private static final Logger LOG = LoggerFactory.getLogger(PartnerAllowlistReconciler.class);

    private final StatusAggregator aggregator;
    private final AllowlistEvents events;
    private final Clock clock;
    private final UnreadableObjects unreadable;

    public PartnerAllowlistReconciler(StatusAggregator aggregator, AllowlistEvents events, Clock clock) {
        this(aggregator, events, clock, null);
    }

    /** @param unreadable reports an allowlist the operator could not read whole; null: not checked (unit tests) */
    public PartnerAllowlistReconciler(StatusAggregator aggregator, AllowlistEvents events, Clock clock,
                                      UnreadableObjects unreadable) {
        this.unreadable = unreadable;
        this.aggregator = aggregator;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, PartnerAllowlist>> prepareEventSources(EventSourceContext<PartnerAllowlist> context) {
        IndexerResourceCache<PartnerAllowlist> allowlists = context.getPrimaryCache();
        var tenants = InformerEventSourceConfiguration.from(Tenant.class, PartnerAllowlist.class)
                .withName(TENANTS)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(tenant -> ids(allowlists.list(tenant.getMetadata().getNamespace())
                        .filter(a -> AllowlistIndex.isFor(a, tenant.getMetadata().getNamespace(),
                                tenant.getMetadata().getName()))))
                .build();
        var secrets = InformerEventSourceConfiguration.from(Secret.class, PartnerAllowlist.class)
                .withName(SECRETS)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(secret -> ids(allowlists.list(secret.getMetadata().getNamespace())
                        .filter(a -> AllowlistIndex.references(a, secret))))
                .build();
        var siblings = InformerEventSourceConfiguration.from(PartnerAllowlist.class, PartnerAllowlist.class)
                .withName(SIBLINGS)
                .withNamespacesInheritedFromController()
                .withOnUpdateFilter((before, after) -> !Objects.equals(before.getMetadata().getGeneration(),
                        after.getMetadata().getGeneration()))
                // all others of the namespace: a moved tenantRef must also clear a duplicate at the old tenant
                .withSecondaryToPrimaryMapper(changed -> ids(allowlists.list(changed.getMetadata().getNamespace())
                        .filter(a -> !a.getMetadata().getName().equals(changed.getMetadata().getName()))))
                .build();
        return List.of(new InformerEventSource<>(tenants, context), new InformerEventSource<>(secrets, context),
                new InformerEventSource<>(siblings, context));
    }

    @Override
    public UpdateControl<PartnerAllowlist> reconcile(PartnerAllowlist allowlist, Context<PartnerAllowlist> context) {
        if (unreadable != null) {
            var stop = unreadable.stopIfUnreadable(allowlist, context, PartnerAllowlistStatus::new);
            if (stop.isPresent()) {
                return stop.get();
            }
        }
        String namespace = allowlist.getMetadata().getNamespace();
        String tenantName = allowlist.getSpec().getTenantRef();
        Tenant tenant = context.getClient().resources(Tenant.class).inNamespace(namespace).withName(tenantName).get();
        List<PartnerAllowlist> ofTenant = context.getPrimaryCache().list(namespace)
                .filter(a -> AllowlistIndex.isFor(a, namespace, tenantName))
                .filter(a -> !a.getMetadata().getName().equals(allowlist.getMetadata().getName()))
                .filter(a -> UnreadableObjects.readable(a, context.getClient())) // a sibling read in part: no duplicates from it
                .collect(Collectors.toList());
        ofTenant.add(allowlist);
        Instant now = clock.instant();
        AllowlistEvaluation evaluation = new AllowlistEvaluator(new ClusterCredentials(context.getClient()))
                .evaluate(namespace, tenantName, tenant, ofTenant, now);
        List<PartnerVerdict> verdicts = evaluation.of(allowlist.getMetadata().getName());

        StatusUpdate<PartnerAllowlistStatus> update = aggregator.begin(allowlist.getStatus(),
                PartnerAllowlistStatus::new);
        Set<String> refusedBefore = new HashSet<>(update.status().getRefusedPartnerIds());
        Long generation = allowlist.getMetadata().getGeneration();
        reportCounts(update.status(), verdicts);
        reportCredentials(update, verdicts, generation);
        reportDuplicates(update, verdicts, generation);
        reportReady(update, verdicts, tenant, tenantName, namespace, generation);
        update.observedGeneration(generation);

        events.publish(allowlist, update.transitions());
        verdicts.stream().filter(v -> v.state() == PartnerState.EXPIRED && !refusedBefore.contains(v.id()))
                .forEach(v -> events.partnerExpired(allowlist, v));
        UpdateControl<PartnerAllowlist> control;
        if (update.changed()) {
            allowlist.setStatus(update.status());
            control = UpdateControl.patchStatus(StatusPatches.unconditional(allowlist));
        } else {
            control = UpdateControl.noUpdate();
        }
        Optional<Instant> nextExpiry = evaluation.nextExpiry(allowlist.getMetadata().getName());
        return nextExpiry.isPresent() ? control.rescheduleAfter(untilJustAfter(now, nextExpiry.get())) : control;
    }

    private static void reportCounts(PartnerAllowlistStatus status, List<PartnerVerdict> verdicts) {
        status.setActivePartners(count(verdicts, PartnerState.ACTIVE));
        status.setExpiredPartners(count(verdicts, PartnerState.EXPIRED));
        status.setInvalidPartners(count(verdicts, PartnerState.INVALID) + count(verdicts, PartnerState.DUPLICATE));
        status.setRefusedPartnerIds(verdicts.stream().filter(v -> v.state() != PartnerState.ACTIVE)
                .map(PartnerVerdict::id).sorted().distinct().collect(Collectors.toList()));
    }

    private static void reportCredentials(StatusUpdate<PartnerAllowlistStatus> update, List<PartnerVerdict> verdicts,
                                          Long generation) {
        List<PartnerVerdict> unresolved = verdicts.stream().filter(v -> v.state() == PartnerState.INVALID
                && v.reason() != null && v.reason().startsWith("Credential")).toList();
        if (unresolved.isEmpty()) {
            update.set(AllowlistConditions.CREDENTIALS_RESOLVED, Condition.TRUE,
                    AllowlistConditions.REASON_ALL_CREDENTIALS_FOUND,
                    "Every partner's credential was found; API keys are rendered only as salted SHA-256 hashes.",
                    generation);
        } else {
            update.set(AllowlistConditions.CREDENTIALS_RESOLVED, Condition.FALSE, unresolved.get(0).reason(),
                    join(unresolved) + " These partners are refused until it is fixed.", generation);
        }
    }

    private static void reportDuplicates(StatusUpdate<PartnerAllowlistStatus> update, List<PartnerVerdict> verdicts,
                                         Long generation) {
        List<PartnerVerdict> duplicates = verdicts.stream().filter(v -> v.state() == PartnerState.DUPLICATE).toList();
        if (duplicates.isEmpty()) {
            update.set(AllowlistConditions.PARTNERS_UNIQUE, Condition.TRUE, AllowlistConditions.REASON_NO_DUPLICATES,
                    "No other PartnerAllowlist of the tenant lists these partners.", generation);
        } else {
            update.set(AllowlistConditions.PARTNERS_UNIQUE, Condition.FALSE, AllowlistEvaluator.DUPLICATE_PARTNER,
                    join(duplicates), generation);
        }
    }

    private static void reportReady(StatusUpdate<PartnerAllowlistStatus> update, List<PartnerVerdict> verdicts,
                                    Tenant tenant, String tenantName, String namespace, Long generation) {
        int refused = count(verdicts, PartnerState.INVALID) + count(verdicts, PartnerState.DUPLICATE);
        if (tenant == null) {
            update.set(AllowlistConditions.READY, Condition.FALSE, AllowlistConditions.REASON_TENANT_NOT_FOUND,
                    "Tenant '" + tenantName + "' named in spec.tenantRef does not exist in namespace '" + namespace
                            + "'; no partner of this allowlist is served until it does.", generation);
        } else if (refused > 0) {
            update.set(AllowlistConditions.READY, Condition.FALSE, AllowlistConditions.REASON_PARTNERS_REFUSED,
                    refused + " of " + verdicts.size() + " partners are refused (see CredentialsResolved and"
                            + " PartnersUnique); the others are served.", generation);
        } else {
            update.set(AllowlistConditions.READY, Condition.TRUE, AllowlistConditions.REASON_APPLIED,
                    count(verdicts, PartnerState.ACTIVE) + " partners active, " + count(verdicts, PartnerState.EXPIRED)
                            + " expired; Tenant '" + tenantName + "' serves them.", generation);
        }
    }

    @Override
    public ErrorStatusUpdateControl<PartnerAllowlist> updateErrorStatus(PartnerAllowlist allowlist,
                                                                        Context<PartnerAllowlist> context, Exception e) {
        if (StatusPatches.isTransient(e)) {
            LOG.debug("Reconciling PartnerAllowlist {}/{} met a conflicting write; retrying",
                    allowlist.getMetadata().getNamespace(), allowlist.getMetadata().getName());
        } else {
            LOG.warn("Reconciling PartnerAllowlist {}/{} failed: {}", allowlist.getMetadata().getNamespace(),
                    allowlist.getMetadata().getName(), e.toString());
        }
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    /** Re-run one second after the expiry, so the expiry is already in the past when it is judged. */
    static Duration untilJustAfter(Instant now, Instant expiry) {
        Duration until = Duration.between(now, expiry).plusSeconds(1);
        return until.isNegative() ? Duration.ofSeconds(1) : until;
    }

    private static int count(List<PartnerVerdict> verdicts, PartnerState state) {
        return (int) verdicts.stream().filter(v -> v.state() == state).count();
    }

    private static String join(List<PartnerVerdict> verdicts) {
        return verdicts.stream().map(PartnerVerdict::message).collect(Collectors.joining(" "));
    }

    private static Set<ResourceID> ids(java.util.stream.Stream<PartnerAllowlist> allowlists) {
        return allowlists.map(ResourceID::fromResource).collect(Collectors.toSet());
    }
}
