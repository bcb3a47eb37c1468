package io.trustfabric.operator.policy.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.v1alpha1.DryrunTally;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.PolicyRevision;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicyStatus;
import io.trustfabric.operator.policy.PolicyEvents;
import io.trustfabric.operator.policy.bundle.BundleContent;
import io.trustfabric.operator.policy.decisions.DecisionLog;
import io.trustfabric.operator.policy.decisions.DecisionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains every revision of a TrustPolicy (issue 12): the timeline entry's digest, actions, author, change lines,
 * minimisation delta and revert, the long history in its ConfigMap, the impact replayed on the tenant's recorded
 * decisions by the operator's OPA, and the tallies of rules in dryrun.
 * <p>
 * The replay never delays the bundle: the reconciler publishes first, this class queues the replay on its own thread
 * (one at a time, with a deadline), and the reconciler polls for the result ({@link #refresh}) every
 * {@value #PENDING_POLL_SECONDS} s until it is in the timeline.
 */
public final class PolicyRevisions implements AutoCloseable {

    /** Set by CI or other tools on a TrustPolicy: who made the change; wins over the field manager. */
    public static final String CHANGED_BY_ANNOTATION = "trustfabric.io/changed-by";
    /** How far back recorded decisions are replayed (the decision log keeps no more). */
    public static final Duration WINDOW = Duration.ofHours(24);
    /** The most recorded decisions one replay or tally reads (the decision log keeps no more per tenant). */
    public static final int LIMIT = 10_000;
    public static final Duration REPLAY_DEADLINE = Duration.ofSeconds(30);
    /** Replays waiting to run, at most; beyond, a revision's replay is skipped. */
    static final int MAX_QUEUED = 32;
    static final long PENDING_POLL_SECONDS = 2;
    static final Duration PENDING_POLL = Duration.ofSeconds(PENDING_POLL_SECONDS);
    /** How often dryrun tallies are recounted while a rule is in dryrun. */
    public static final Duration DRYRUN_REFRESH = Duration.ofSeconds(30);
    private static final String VOLUME_CAP = "volume-cap";

    private static final Logger LOG = LoggerFactory.getLogger(PolicyRevisions.class);

    private final DecisionLog decisions;
    private final DecisionReplay replay;
    private final String noReplay;
    private final PolicyHistory history;
    private final PolicyMetrics metrics;
    private final PolicyEvents events;
    private final Clock clock;
    private final Instant started;
    private final ExecutorService executor;
    private final AtomicInteger queued = new AtomicInteger();
    /** Replays by policy uid and revision. */
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /**
     * @param replay   the replay through the operator's OPA; null when there is none
     * @param noReplay why there is no replay (shown in the impact), when {@code replay} is null
     */
    public PolicyRevisions(DecisionLog decisions, DecisionReplay replay, String noReplay, PolicyHistory history,
                           PolicyMetrics metrics, PolicyEvents events, Clock clock) {
        this.decisions = decisions;
        this.replay = replay;
        this.noReplay = noReplay;
        this.history = history;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
        this.started = clock.instant();
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "policy-replay");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A queued or running replay and, once done, its impact. */
    private static final class Job {
        final long revision;
        final CompletableFuture<ImpactWords.Impact> impact = new CompletableFuture<>();
        volatile boolean started;

        Job(long revision) {
            this.revision = revision;
        }
    }

    /** What the reconciler knows of a new revision. */
    public record NewRevision(TrustPolicy policy, long revision, String digest, ArrayNode rulesInMemory,
                              ArrayNode rules, BiFunction<ArrayNode, ArrayNode, List<String>> changeLines) {
    }

    /**
     * The timeline entry of a new revision, written to the history; the replay of its impact is queued. Sets
     * {@code status.history} once the history is written.
     *
     * @param rulesInMemory the rules of the revision in force before, when this process compiled it (null after a
     *                      restart: the history's newest entry tells)
     */
    public PolicyRevision record(NewRevision revision, TrustPolicyStatus status, KubernetesClient client) {
        TrustPolicy policy = revision.policy();
        String namespace = policy.getMetadata().getNamespace();
        String tenant = policy.getSpec().getTenantRef();
        Instant now = clock.instant();
        List<PolicyHistory.Entry> past = readHistory(client, policy);
        ArrayNode previous = revision.rulesInMemory() != null ? revision.rulesInMemory()
                : past.stream().filter(e -> e.revision().getRevision() < revision.revision() && e.rules() != null)
                .map(PolicyHistory.Entry::rules).findFirst().orElse(null);
        String rulesDigest = PolicyHistory.rulesDigest(revision.rules());

        PolicyRevision entry = new PolicyRevision();
        entry.setRevision(revision.revision());
        entry.setAt(now.truncatedTo(ChronoUnit.SECONDS).toString());
        entry.setBy(changedBy(policy));
        entry.setDigest(revision.digest());
        entry.setActions(actions(revision.rules()));
        entry.setChanges(revision.changeLines().apply(previous, revision.rules()).stream()
                .limit(PolicyRevision.MAX_CHANGES).toList());
        entry.setMinimization(MinimizationDelta.between(previous, revision.rules()).stream()
                .limit(PolicyRevision.MAX_CHANGES).toList());
        entry.setRevertOf(past.stream().filter(e -> e.revision().getRevision() < revision.revision()
                        && rulesDigest.equals(e.rulesDigest())).map(e -> e.revision().getRevision()).findFirst()
                .orElse(null));

        List<PolicyRevision> before = newestFirst(status.getTimeline(), past);
        promotions(previous, revision.rules(), before, now);
        metrics.revision(namespace, tenant, entry.getRevertOf() != null);

        impact(revision, entry, policy, previous, now);
        events.compiled(policy, revision.revision(), revision.digest(), entry.getChanges(), entry.getRevertOf());
        if (!isPending(entry)) {
            events.impact(policy, entry.getRevision(), entry.getDigest(), entry.getImpact());
        }
        try {
            status.setHistory(history.put(client, policy, new PolicyHistory.Entry(entry, revision.rules(),
                    rulesDigest)));
        } catch (KubernetesClientException e) {
            LOG.warn("Could not write the revision history of TrustPolicy {}/{}: {}", namespace,
                    policy.getMetadata().getName(), e.getMessage());
        }
        return entry;
    }

    /**
     * Brings the status up to date: finished replays into their timeline entries (and the history, with an Event),
     * the dryrun tallies, the rules-by-origin gauge. Returns when to look again: soon while a replay is pending,
     * every {@link #DRYRUN_REFRESH} while a rule is in dryrun.
     *
     * @param rulesInForce the compiled rules in force (null when unknown)
     * @param builtIn      whether a macro version (object name, e.g. residency-v1) is a built-in one
     */
    public Optional<Duration> refresh(TrustPolicy policy, TrustPolicyStatus status, ArrayNode rulesInForce,
                                      Predicate<String> builtIn, KubernetesClient client) {
        boolean pending = false;
        List<PolicyRevision> timeline = status.getTimeline() == null ? List.of() : status.getTimeline();
        for (PolicyRevision entry : timeline) {
            if (!isPending(entry)) {
                continue;
            }
            Job job = jobs.get(jobKey(policy, entry.getRevision()));
            ImpactWords.Impact impact;
            if (job == null) {
                impact = ImpactWords.skipped("the operator restarted before the replay finished", entry.getReplay() == null
                        ? ImpactWords.window(WINDOW) : entry.getReplay().getWindow());
            } else if (job.impact.isDone()) {
                impact = job.impact.join();
            } else {
                pending = true;
                continue;
            }
            entry.setImpact(impact.words());
            entry.setReplay(impact.replay());
            jobs.remove(jobKey(policy, entry.getRevision()));
            events.impact(policy, entry.getRevision(), entry.getDigest(), impact.words());
            updateHistory(client, policy, entry);
        }
        if (status.getHistory() == null && !timeline.isEmpty()) {
            backfillHistory(client, policy, status);
        }
        if (rulesInForce != null) {
            long builtIns = 0;
            for (JsonNode rule : rulesInForce) {
                if (builtIn.test(rule.path("macro").asText() + "-" + rule.path("version").asText())) {
                    builtIns++;
                }
            }
            metrics.rulesInForce(key(policy), builtIns, rulesInForce.size() - builtIns);
        }
        boolean dryrun = tallies(policy, status, client);
        return pending ? Optional.of(PENDING_POLL) : dryrun ? Optional.of(DRYRUN_REFRESH) : Optional.empty();
    }

    /** The policy is gone: its gauge share and pending replays. */
    public void forget(TrustPolicy policy) {
        metrics.forget(key(policy));
        String prefix = policy.getMetadata().getUid() + "@";
        jobs.keySet().removeIf(k -> k.startsWith(prefix));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The annotation {@value #CHANGED_BY_ANNOTATION} when set, else the field manager of the newest spec write. */
    public static String changedBy(TrustPolicy policy) {
        Map<String, String> annotations = policy.getMetadata().getAnnotations();
        String annotated = annotations == null ? null : annotations.get(CHANGED_BY_ANNOTATION);
        if (annotated != null && !annotated.isBlank()) {
            String trimmed = annotated.strip();
            return trimmed.length() <= 253 ? trimmed : trimmed.substring(0, 253);
        }
        return lastSpecManager(policy);
    }

    /** The field manager of the newest write that touched spec (kubectl, argocd, ...). */
    static String lastSpecManager(TrustPolicy policy) {
        var entries = policy.getMetadata().getManagedFields();
        if (entries == null) {
            return null;
        }
        return entries.stream()
                .filter(e -> e.getFieldsV1() != null && e.getFieldsV1().getAdditionalProperties().containsKey("f:spec"))
                .filter(e -> e.getSubresource() == null || e.getSubresource().isEmpty())
                .max(java.util.Comparator.comparing(e -> e.getTime() == null ? "" : e.getTime()))
                .map(io.fabric8.kubernetes.api.model.ManagedFieldsEntry::getManager).orElse(null);
    }

    static Map<String, EnforcementAction> actions(ArrayNode rules) {
        Map<String, EnforcementAction> actions = new LinkedHashMap<>();
        rules.forEach(rule -> actions.put(rule.path("name").asText(),
                EnforcementAction.valueOf(rule.path("action").asText("enforce"))));
        return actions;
    }

    /** Rules that were in dryrun before and are enforced now: how long they were in dryrun. */
    private void promotions(ArrayNode previous, ArrayNode rules, List<PolicyRevision> before, Instant now) {
        if (previous == null) {
            return;
        }
        Map<String, EnforcementAction> was = actions(previous);
        actions(rules).forEach((rule, action) -> {
            if (action == EnforcementAction.enforce && was.get(rule) == EnforcementAction.dryrun) {
                DryrunTallies.since(rule, before).since()
                        .ifPresent(since -> metrics.promoted(Duration.between(since.at(), now)));
            }
        });
    }

    private void impact(NewRevision revision, PolicyRevision entry, TrustPolicy policy, ArrayNode previous,
                        Instant now) {
        String tenant = policy.getSpec().getTenantRef();
        String namespace = policy.getMetadata().getNamespace();
        Duration uptime = Duration.between(started, now);
        String window = ImpactWords.window(WINDOW);
        List<DecisionRecord> records = decisions.recent(namespace, tenant, now.minus(WINDOW), LIMIT);
        ImpactWords.Impact immediate = null;
        if (records.isEmpty()) {
            immediate = ImpactWords.noDecisions(tenant, window,
                    uptime.compareTo(WINDOW) < 0 ? uptime : null);
        } else if (replay == null) {
            immediate = ImpactWords.skipped(noReplay, window);
        } else if (queued.get() >= MAX_QUEUED) {
            immediate = ImpactWords.skipped(MAX_QUEUED + " replays are already waiting", window);
        }
        if (immediate != null) {
            entry.setImpact(immediate.words());
            entry.setReplay(immediate.replay());
            return;
        }
        supersede(policy, revision.revision());
        Job job = new Job(revision.revision());
        jobs.put(jobKey(policy, revision.revision()), job);
        entry.setImpact(ImpactWords.pending(records.size(), window));
        ObjectNode document = BundleContent.tenantDocument(namespace + "/" + policy.getMetadata().getName(),
                revision.revision(), false, revision.rules());
        boolean volumeCapChanged = volumeCapChanged(previous, revision.rules());
        queued.incrementAndGet();
        executor.execute(() -> {
            queued.decrementAndGet();
            if (job.impact.isDone()) {
                return;
            }
            job.started = true;
            try {
                DecisionReplay.Result result = replay.replay(tenant, document, records);
                LOG.info("Replayed {} recorded decisions of tenant {}/{} against revision {} in {} ms", result.replayed(),
                        namespace, tenant, revision.revision(), result.took().toMillis());
                job.impact.complete(ImpactWords.replayed(result, window, volumeCapChanged));
            } catch (DecisionReplay.ReplayFailed e) {
                job.impact.complete(ImpactWords.skipped(e.getMessage(), window));
            } catch (RuntimeException e) {
                LOG.warn("Replay of revision {} of {}/{} failed", revision.revision(), namespace,
                        policy.getMetadata().getName(), e);
                job.impact.complete(ImpactWords.skipped("the replay failed: " + e, window));
            }
        });
    }

    /** An older revision of the policy whose replay has not started is not replayed any more. */
    private void supersede(TrustPolicy policy, long revision) {
        String prefix = policy.getMetadata().getUid() + "@";
        for (Map.Entry<String, Job> e : jobs.entrySet()) {
            Job older = e.getValue();
            if (e.getKey().startsWith(prefix) && older.revision < revision && !older.started) {
                older.impact.complete(ImpactWords.skipped("superseded by revision " + revision
                        + " before it was replayed", ImpactWords.window(WINDOW)));
            }
        }
    }

    /** Counts every rule in dryrun of the revision in force (the newest timeline entry); true when there is one. */
    private boolean tallies(TrustPolicy policy, TrustPolicyStatus status, KubernetesClient client) {
        List<PolicyRevision> timeline = status.getTimeline() == null ? List.of() : status.getTimeline();
        if (timeline.isEmpty() || timeline.get(0).getActions() == null) {
            status.setDryrun(new ArrayList<>());
            return false;
        }
        List<String> inDryrun = timeline.get(0).getActions().entrySet().stream()
                .filter(e -> e.getValue() == EnforcementAction.dryrun).map(Map.Entry::getKey).toList();
        List<DryrunTally> tallies = new ArrayList<>();
        List<PolicyRevision> longer = null;
        String policyName = policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
        for (String rule : inDryrun) {
            DryrunTallies.Run run = DryrunTallies.since(rule, timeline);
            if (run.exhausted()) {
                if (longer == null) {
                    longer = newestFirst(timeline, readHistory(client, policy));
                }
                run = DryrunTallies.since(rule, longer);
            }
            if (run.since().isEmpty()) {
                continue;
            }
            List<DecisionRecord> records = decisions.recent(policy.getMetadata().getNamespace(),
                    policy.getSpec().getTenantRef(), run.since().get().at(), LIMIT);
            tallies.add(DryrunTallies.tally(policyName, rule, run.since().get(), records));
        }
        status.setDryrun(tallies);
        return !inDryrun.isEmpty();
    }

    private List<PolicyHistory.Entry> readHistory(KubernetesClient client, TrustPolicy policy) {
        try {
            return history.read(client, policy);
        } catch (KubernetesClientException e) {
            LOG.warn("Could not read the revision history of TrustPolicy {}/{}: {}", policy.getMetadata().getNamespace(),
                    policy.getMetadata().getName(), e.getMessage());
            return List.of();
        }
    }

    private void updateHistory(KubernetesClient client, TrustPolicy policy, PolicyRevision entry) {
        try {
            Optional<PolicyHistory.Entry> stored = history.read(client, policy).stream()
                    .filter(e -> Objects.equals(e.revision().getRevision(), entry.getRevision())).findFirst();
            history.put(client, policy, new PolicyHistory.Entry(entry, stored.map(PolicyHistory.Entry::rules)
                    .orElse(null), stored.map(PolicyHistory.Entry::rulesDigest).orElse(null)));
        } catch (KubernetesClientException e) {
            LOG.warn("Could not update revision {} in the history of TrustPolicy {}/{}: {}", entry.getRevision(),
                    policy.getMetadata().getNamespace(), policy.getMetadata().getName(), e.getMessage());
        }
    }

    /** A policy whose revisions predate the history (an operator upgrade): its timeline starts the history. */
    private void backfillHistory(KubernetesClient client, TrustPolicy policy, TrustPolicyStatus status) {
        try {
            String name = null;
            List<PolicyRevision> oldestFirst = new ArrayList<>(status.getTimeline());
            java.util.Collections.reverse(oldestFirst);
            for (PolicyRevision entry : oldestFirst) {
                if (entry.getRevision() != null) {
                    name = history.put(client, policy, new PolicyHistory.Entry(entry, null, null));
                }
            }
            status.setHistory(name);
        } catch (KubernetesClientException e) {
            LOG.warn("Could not start the revision history of TrustPolicy {}/{}: {}",
                    policy.getMetadata().getNamespace(), policy.getMetadata().getName(), e.getMessage());
        }
    }

    /** The timeline, then the older history entries it does not hold. */
    private static List<PolicyRevision> newestFirst(List<PolicyRevision> timeline, List<PolicyHistory.Entry> past) {
        List<PolicyRevision> out = new ArrayList<>(timeline == null ? List.of() : timeline);
        long oldest = out.stream().map(PolicyRevision::getRevision).filter(Objects::nonNull)
                .mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        for (PolicyHistory.Entry e : past) {
            if (e.revision().getRevision() < oldest) {
                out.add(e.revision());
            }
        }
        return out;
    }

    private static boolean volumeCapChanged(ArrayNode previous, ArrayNode rules) {
        Map<String, JsonNode> before = new LinkedHashMap<>();
        if (previous != null) {
            previous.forEach(r -> {
                if (VOLUME_CAP.equals(r.path("macro").asText())) {
                    before.put(r.path("name").asText(), r);
                }
            });
        }
        int now = 0;
        for (JsonNode rule : rules) {
            if (VOLUME_CAP.equals(rule.path("macro").asText())) {
                now++;
                if (!rule.equals(before.get(rule.path("name").asText()))) {
                    return true;
                }
            }
        }
        return now != before.size();
    }

    private static boolean isPending(PolicyRevision entry) {
        return entry.getRevision() != null && entry.getReplay() == null && entry.getImpact() != null
                && entry.getImpact().startsWith(ImpactWords.PENDING);
    }

    private static String jobKey(TrustPolicy policy, long revision) {
        return policy.getMetadata().getUid() + "@" + revision;
    }

    private static String key(TrustPolicy policy) {
        return policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
    }
}
