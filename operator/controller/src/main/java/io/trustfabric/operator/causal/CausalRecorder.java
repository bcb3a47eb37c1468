package io.trustfabric.operator.causal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.causal.CausalJournal.Contents;
import io.trustfabric.operator.causal.RevisionChange.PartChange;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.policy.decisions.TenantRef;
import io.trustfabric.operator.status.ConditionTransition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each tenant's causal journal: the revision changes the Tenant reconciler reports, the condition flips of its
 * status updates, and the metric shifts found in the windows the SLA sampler feeds ({@link MetricWindowSink}); each
 * effect is stored with its ranked causes and announced by an Event naming the first cause's revision.
 * <p>
 * Best effort throughout: a journal that cannot be written is logged and tried again with the next change; nothing
 * here fails a reconciliation or a scrape.
 */
public final class CausalRecorder implements MetricWindowSink {

    public static final String EVENT_REVISIONS_CHANGED = "RevisionsChanged";
    public static final String EVENT_METRIC_SHIFTED = "MetricShifted";
    public static final String EVENT_CONDITION_EXPLAINED = "ConditionExplained";

    private static final Logger LOG = LoggerFactory.getLogger(CausalRecorder.class);

    private final KubernetesClient client;
    private final CausalJournal journal;
    private final CauseRanker ranker;
    private final EventPublisher events;
    private final Clock clock;
    private final Map<TenantRef, TenantState> tenants = new ConcurrentHashMap<>();

    /** What is known of one tenant; guarded by itself. */
    private static final class TenantState {
        Tenant tenant;
        RevisionDetails inForce;
        /** The id of {@link #inForce}, computed once: every uploaded decision is stamped with it. */
        String inForceId;
        boolean loaded;
        final ShiftDetector detector = new ShiftDetector();
    }

    public CausalRecorder(KubernetesClient client, CausalJournal journal, CauseRanker ranker, EventPublisher events,
                          Clock clock) {
        this.client = client;
        this.journal = journal;
        this.ranker = ranker;
        this.events = events;
        this.clock = clock;
    }

    /** The id of the revisions in force for a tenant, empty before its first reconciliation (decision stamps). */
    public Optional<String> inForce(TenantRef tenant) {
        TenantState state = tenants.get(tenant);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            return Optional.ofNullable(state.inForceId);
        }
    }

    /** Records the revisions a reconciliation found in force; a change is journalled with what changed. */
    public void revisions(Tenant tenant, RevisionDetails details) {
        TenantState state = state(tenant);
        synchronized (state) {
            state.tenant = tenant;
            load(state);
            RevisionDetails before = state.inForce;
            if (before != null && before.set().equals(details.set())) {
                return;
            }
            List<PartChange> parts = ChangeWords.between(before, details);
            String at = now().toString();
            try {
                journal.update(client, tenant, now(), c -> new Contents(details, append(c.changes(),
                        new RevisionChange(c.nextChange(), at, before == null ? null : before.id(), details.id(),
                                details.set(), parts)), c.effects()));
            } catch (KubernetesClientException e) {
                LOG.warn("Could not journal the revision change of Tenant {}/{}: {}", tenant.getMetadata().getNamespace(),
                        tenant.getMetadata().getName(), e.getMessage());
                return;
            }
            state.inForce = details;
            state.inForceId = details.id();
            if (before != null) {
                events.publish(tenant, EventPublisher.NORMAL, EVENT_REVISIONS_CHANGED, "Revisions " + before.id()
                        + " -> " + details.id() + ": " + parts.stream().map(CausalRecorder::describe)
                        .collect(Collectors.joining("; ")));
            }
        }
    }

    /** Records the condition flips (status changes of existing conditions) of one status update as effects. */
    public void transitions(Tenant tenant, List<ConditionTransition> transitions) {
        List<ConditionTransition> flips = transitions.stream()
                .filter(t -> t.previous() != null && t.statusChanged()).toList();
        if (flips.isEmpty()) {
            return;
        }
        TenantState state = state(tenant);
        synchronized (state) {
            state.tenant = tenant;
            load(state);
            for (ConditionTransition flip : flips) {
                Condition now = flip.current();
                // the recorder's clock, not lastTransitionTime (whole seconds): a revision change journalled
                // earlier in the same reconciliation must not fall after the flip
                String at = now().toString();
                String from = flip.previous().getStatus() + " (" + flip.previous().getReason() + ")";
                String to = now.getStatus() + " (" + now.getReason() + ")";
                Effect effect = new Effect(0, Effect.CONDITION, flip.type(), from, to,
                        flip.type() + " flipped " + flip.previous().getStatus() + " -> " + now.getStatus() + " ("
                                + now.getReason() + "): " + now.getMessage(), at, at,
                        state.inForce == null ? null : state.inForce.set(),
                        state.inForce == null ? null : state.inForce.id(), List.of());
                record(state, effect, EVENT_CONDITION_EXPLAINED);
            }
        }
    }

    /** A metric window of a tenant this operator reconciles: detects shifts and journals each with its causes. */
    @Override
    public void accept(MetricWindow window) {
        TenantState state = tenants.get(window.tenant());
        if (state == null) {
            LOG.debug("Metric window for {} before its first reconciliation; ignored", window.tenant());
            return;
        }
        synchronized (state) {
            if (state.tenant == null) {
                return;
            }
            for (ShiftDetector.Shift shift : state.detector.add(window)) {
                MetricWindow start = shift.startWindow();
                Effect effect = new Effect(0, Effect.METRIC, shift.metric().key(), number(shift.before()),
                        number(shift.after()), shift.metric().key() + (shift.rose() ? " rose" : " fell") + " from "
                        + number(shift.before()) + " to " + number(shift.after()), start.start().toString(),
                        start.end().toString(), start.revisions(),
                        start.revisions() == null ? null : RevisionSets.id(start.revisions()), List.of());
                record(state, effect, EVENT_METRIC_SHIFTED);
            }
        }
    }

    /** Forgets a deleted tenant (its journal goes with it by garbage collection). */
    public void forget(TenantRef tenant) {
        tenants.remove(tenant);
    }

    private void record(TenantState state, Effect effect, String reason) {
        Tenant tenant = state.tenant;
        Effect[] ranked = new Effect[1];
        try {
            journal.update(client, tenant, now(), c -> {
                ranked[0] = ranker.rank(effect, c.changes()).numbered(c.nextEffect());
                return new Contents(c.state(), c.changes(), append(c.effects(), ranked[0]));
            });
        } catch (KubernetesClientException e) {
            LOG.warn("Could not journal an effect of Tenant {}/{} ({}): {}", tenant.getMetadata().getNamespace(),
                    tenant.getMetadata().getName(), effect.words(), e.getMessage());
            return;
        }
        Effect written = ranked[0];
        if (!written.causes().isEmpty()) {
            events.publish(tenant, EventPublisher.NORMAL, reason, headline(written));
        } else if (Effect.METRIC.equals(written.kind())) {
            events.publish(tenant, EventPublisher.NORMAL, reason, written.words() + "; no revision changed in the "
                    + CauseRanker.LOOKBACK.toMinutes() + " min before");
        }
    }

    /** "p95-latency-ms rose from 12 to 85 after worker config sha256:1a2b… (changed 40 s before)". */
    public static String headline(Effect effect) {
        String words = Effect.CONDITION.equals(effect.kind())
                ? effect.subject() + " flipped " + effect.from() + " -> " + effect.to() : effect.words();
        if (effect.causes().isEmpty()) {
            return words;
        }
        Effect.Cause first = effect.causes().get(0);
        return words + " after " + RevisionPart.byKey(first.part()).words() + " " + RevisionSets.shortValue(first.to())
                + " (" + when(first.secondsBefore()) + ")";
    }

    public static String when(long secondsBefore) {
        return secondsBefore >= 0 ? "changed " + secondsBefore + " s before"
                : "changed " + -secondsBefore + " s into the window it started in";
    }

    private static String describe(PartChange part) {
        String words = RevisionPart.byKey(part.part()).words() + " " + RevisionSets.shortValue(part.from()) + " -> "
                + RevisionSets.shortValue(part.to());
        return part.details().isEmpty() ? words : words + " (" + String.join(", ",
                part.details().subList(0, Math.min(3, part.details().size()))) + ")";
    }

    static String number(double value) {
        return BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private void load(TenantState state) {
        if (state.loaded) {
            return;
        }
        try {
            state.inForce = journal.read(client, state.tenant).state();
            state.inForceId = state.inForce == null ? null : state.inForce.id();
            state.loaded = true;
        } catch (KubernetesClientException e) {
            LOG.warn("Could not read the causal journal of Tenant {}/{}: {}", state.tenant.getMetadata().getNamespace(),
                    state.tenant.getMetadata().getName(), e.getMessage());
        }
    }

    /** The tenant's state; a new one when the Tenant was deleted and created again under its name. */
    private TenantState state(Tenant tenant) {
        return tenants.compute(new TenantRef(tenant.getMetadata().getNamespace(), tenant.getMetadata().getName()),
                (ref, known) -> known == null || (known.tenant != null && !java.util.Objects.equals(
                        known.tenant.getMetadata().getUid(), tenant.getMetadata().getUid())) ? new TenantState() : known);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
}
