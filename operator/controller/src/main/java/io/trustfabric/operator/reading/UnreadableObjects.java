package io.trustfabric.operator.reading;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.common.ConditionedStatus;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.status.StatusAggregator;
import io.trustfabric.operator.status.StatusAggregator.StatusUpdate;
import io.trustfabric.operator.status.StatusPatches;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of every reconciler: an object whose spec the operator could not read whole (see
 * {@link TolerantSerialization}) gets Ready=False with the reason of its first problem (UnknownValue, UnknownField,
 * InvalidValue), a message listing every problem with its field path, and a Warning Event; nothing else is done
 * for it. A reconciler calls {@link #stopIfUnreadable} before it looks at the spec and returns what it gives.
 *
 * <p>Problems in the status alone do not stop anything: the operator writes the status itself.
 */
public final class UnreadableObjects {

    public static final String READY = "Ready";
    /** How many problems a message lists; the rest are counted. */
    static final int LISTED = 5;

    private static final Logger LOG = LoggerFactory.getLogger(UnreadableObjects.class);

    private final StatusAggregator aggregator;
    private final EventPublisher publisher;

    public UnreadableObjects(StatusAggregator aggregator, EventPublisher publisher) {
        this.aggregator = Objects.requireNonNull(aggregator);
        this.publisher = Objects.requireNonNull(publisher);
    }

    /** The problems of this object's spec (and everything but its status) as read by the operator's client. */
    public static List<ReadProblem> problemsOf(HasMetadata resource, KubernetesClient client) {
        return client != null && client.getKubernetesSerialization() instanceof TolerantSerialization tolerant
                ? tolerant.problemsOf(resource).stream().filter(p -> !p.inStatus()).toList()
                : List.of();
    }

    /** True when the operator read this object whole; code that reads objects of other kinds skips the others. */
    public static boolean readable(HasMetadata resource, KubernetesClient client) {
        return problemsOf(resource, client).isEmpty();
    }

    /**
     * Empty when the object was read whole; otherwise what the reconciler returns: the status patch that reports
     * the problems (none when it already says so).
     *
     * @param alsoFalse the kind's own summary condition when it is not Ready (PrivacyBudget's Available,
     *                  PolicyMacro's Accepted), set False with the same reason
     */
    public <S extends ConditionedStatus, R extends CustomResource<?, S>> Optional<UpdateControl<R>> stopIfUnreadable(
            R resource, Context<R> context, Supplier<S> emptyStatus, String... alsoFalse) {
        List<ReadProblem> problems = problemsOf(resource, context.getClient());
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        String reason = problems.get(0).kind().reason();
        String message = message(resource.getKind(), problems);
        Long generation = resource.getMetadata().getGeneration();
        StatusUpdate<S> update = aggregator.begin(resource.getStatus(), emptyStatus);
        Optional<Condition> before = update.status().condition(READY);
        update.set(READY, Condition.FALSE, reason, message, generation);
        for (String type : alsoFalse) {
            update.set(type, Condition.FALSE, reason, message, generation);
        }
        if (!update.changed()) {
            return Optional.of(UpdateControl.noUpdate());
        }
        if (before.map(c -> !reason.equals(c.getReason()) || !message.equals(c.getMessage())).orElse(true)) {
            LOG.warn("{} {}/{} (resourceVersion {}): {}", resource.getKind(), resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName(), resource.getMetadata().getResourceVersion(), message);
            publisher.publish(resource, EventPublisher.WARNING, reason, message);
        }
        resource.setStatus(update.status());
        // The spec as read lacks what could not be read; the status patch must not carry it anywhere.
        resource.setSpec(null);
        return Optional.of(UpdateControl.patchStatus(StatusPatches.unconditional(resource)));
    }

    static String message(String kind, List<ReadProblem> problems) {
        StringBuilder message = new StringBuilder("The operator cannot read ").append(problems.size() == 1
                ? "one part" : problems.size() + " parts").append(" of this ").append(kind)
                .append(" and changes nothing for it until the object is corrected: ");
        problems.stream().limit(LISTED).forEach(p -> message.append(p.describe()).append("; "));
        if (problems.size() > LISTED) {
            message.append("and ").append(problems.size() - LISTED).append(" more; ");
        }
        message.setLength(message.length() - 2);
        return message.append(". Correct the object (see docs/api-reference.md), or, if it was written for a newer"
                + " Trust Fabric version, upgrade the operator.").toString();
    }
}
