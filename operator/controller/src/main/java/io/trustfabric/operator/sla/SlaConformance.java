package io.trustfabric.operator.sla;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.SlaIncident;
import io.trustfabric.api.v1alpha1.SlaMeasurement;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantStatus;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.policy.decisions.TenantRef;
import io.trustfabric.operator.status.ConditionTransition;
import io.trustfabric.operator.status.StatusAggregator.StatusUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tenant reconciler's part of the SLA: writes the sampler's latest numbers and the SLAConformant condition into
 * the status being built, opens an incident when the condition turns False and resolves it when it turns True again,
 * and records acknowledgements from the annotation {@value #ACK_ANNOTATION}. The incident list is kept in the Tenant's
 * {@code <tenant>-sla-incidents} ConfigMap and read back after a restart.
 */
public final class SlaConformance {

    public static final String ACK_ANNOTATION = "trustfabric.io/ack-incident";
    public static final String EVENT_OPENED = "SLAIncidentOpened";
    public static final String EVENT_ACKNOWLEDGED = "SLAIncidentAcknowledged";
    public static final String EVENT_RESOLVED = "SLAIncidentResolved";
    public static final String EVENT_UNKNOWN_INCIDENT = "UnknownSLAIncident";
    public static final String EVENT_SOURCE = "tenant-sla";

    private static final Logger LOG = LoggerFactory.getLogger(SlaConformance.class);

    private final Function<TenantRef, Optional<SlaReport>> reports;
    private final IncidentStore store;
    private final EventPublisher events;
    private final Clock clock;
    private final SimpleInboundEventSource<Tenant> trigger;
    private final Map<String, IncidentBook> books = new ConcurrentHashMap<>();
    private final Map<TenantRef, String> refusedAcks = new ConcurrentHashMap<>();

    /**
     * @param reports the sampler's latest report per tenant
     * @param trigger the event source through which a changed report reconciles its Tenant (see {@link #trigger})
     */
    public SlaConformance(Function<TenantRef, Optional<SlaReport>> reports, SimpleInboundEventSource<Tenant> trigger,
                          IncidentStore store, EventPublisher events, Clock clock) {
        this.reports = reports;
        this.trigger = trigger;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** The event source through which a changed SLA report reconciles its Tenant. */
    public SimpleInboundEventSource<Tenant> eventSource() {
        return trigger;
    }

    /** Asks for a reconcile of the tenant through the event source (called by the sampler when its report changed). */
    public static void trigger(SimpleInboundEventSource<Tenant> source, TenantRef tenant) {
        try {
            source.propagateEvent(new ResourceID(tenant.name(), tenant.namespace()));
        } catch (RuntimeException e) {
            LOG.debug("Could not trigger a reconcile of {} (the controller is not running yet): {}", tenant,
                    e.toString());
        }
    }

    /** Sets status.sla and SLAConformant; opens, acknowledges and resolves incidents. */
    public void report(Tenant tenant, StatusUpdate<TenantStatus> update, Long generation) {
        TenantRef ref = SlaSampler.ref(tenant);
        if (tenant.getSpec() == null || tenant.getSpec().getSla() == null) {
            update.status().getConditions().removeIf(c -> SlaVerdict.CONDITION.equals(c.getType()));
            update.status().setSla(null);
            return;
        }
        Optional<SlaReport> report = reports.apply(ref);
        SlaVerdict verdict = report.map(SlaReport::verdict).orElse(new SlaVerdict(Condition.UNKNOWN,
                SlaVerdict.REASON_METRICS_UNAVAILABLE, "The operator has not scraped the workers' metrics yet."));
        update.set(SlaVerdict.CONDITION, verdict.status(), verdict.reason(), verdict.message(), generation);
        Optional<IncidentBook> book = book(tenant, ref);
        SlaMeasurement sla = report.map(SlaReport::measurement)
                .orElse(update.status().getSla() == null ? new SlaMeasurement() : update.status().getSla());
        if (book.isPresent()) {
            boolean changed = incidents(tenant, update, book.get(), verdict);
            changed |= acknowledge(tenant, ref, book.get());
            if (changed) {
                save(tenant, book.get());
            }
            sla.setIncidents(book.get().summary(clock.instant()));
        }
        update.status().setSla(sla);
    }

    private boolean incidents(Tenant tenant, StatusUpdate<TenantStatus> update, IncidentBook book,
                              SlaVerdict verdict) {
        Instant now = clock.instant();
        for (ConditionTransition t : update.transitions()) {
            if (!SlaVerdict.CONDITION.equals(t.type()) || !t.statusChanged()) {
                continue;
            }
            if (Condition.FALSE.equals(t.current().getStatus()) && book.open().isEmpty()) {
                SlaIncident opened = book.open(verdict.reason(), now);
                events.publish(tenant, EventPublisher.WARNING, EVENT_OPENED, "Incident " + opened.getId()
                        + " opened (" + verdict.reason() + "): " + verdict.message() + " Acknowledge it with"
                        + " kubectl annotate tenant " + tenant.getMetadata().getName() + " " + ACK_ANNOTATION + "="
                        + opened.getId());
                return true;
            }
            if (t.current().isTrue()) {
                Optional<SlaIncident> resolved = book.resolve(now);
                resolved.ifPresent(i -> events.publish(tenant, EventPublisher.NORMAL, EVENT_RESOLVED, "Incident "
                        + i.getId() + " resolved: " + verdict.message()));
                return resolved.isPresent();
            }
        }
        return false;
    }

    private boolean acknowledge(Tenant tenant, TenantRef ref, IncidentBook book) {
        Map<String, String> annotations = tenant.getMetadata().getAnnotations();
        String id = annotations == null ? null : annotations.get(ACK_ANNOTATION);
        if (id == null || id.isBlank()) {
            refusedAcks.remove(ref);
            return false;
        }
        id = id.trim();
        Optional<SlaIncident> incident = book.incidents().stream().filter(i -> i.getId().equals(
                annotations.get(ACK_ANNOTATION).trim())).findFirst();
        if (incident.isEmpty()) {
            if (!id.equals(refusedAcks.put(ref, id))) {
                events.publish(tenant, EventPublisher.WARNING, EVENT_UNKNOWN_INCIDENT, "The annotation "
                        + ACK_ANNOTATION + "=" + id + " names no incident of this tenant; nothing was acknowledged."
                        + book.open().map(o -> " The open incident is " + o.getId() + ".").orElse(""));
            }
            return false;
        }
        refusedAcks.remove(ref);
        if (incident.get().getAcknowledgedAt() != null) {
            return false;
        }
        book.acknowledge(id, clock.instant());
        events.publish(tenant, EventPublisher.NORMAL, EVENT_ACKNOWLEDGED, "Incident " + id + " acknowledged.");
        return true;
    }

    private Optional<IncidentBook> book(Tenant tenant, TenantRef ref) {
        String key = tenant.getMetadata().getUid() == null ? ref.toString() : tenant.getMetadata().getUid();
        IncidentBook book = books.get(key);
        if (book != null) {
            return Optional.of(book);
        }
        try {
            IncidentBook loaded = store.load(tenant);
            books.put(key, loaded);
            return Optional.of(loaded);
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the SLA incidents of Tenant {} ({}); incidents are not tracked until it can be read",
                    ref, e.toString());
            return Optional.empty();
        }
    }

    private void save(Tenant tenant, IncidentBook book) {
        try {
            store.save(tenant, book);
        } catch (RuntimeException e) {
            LOG.warn("Cannot write ConfigMap {} ({}); status keeps the incidents and the next change retries",
                    IncidentStore.name(tenant), e.toString());
        }
    }

}
