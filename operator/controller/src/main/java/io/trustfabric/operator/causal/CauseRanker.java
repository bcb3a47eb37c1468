package io.trustfabric.operator.causal;

import io.trustfabric.operator.causal.Effect.Cause;
import io.trustfabric.operator.causal.RevisionChange.PartChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks the revision changes before an effect as its candidate causes.
 * <p>
 * Candidates: every changed part of every change whose time lies in {@code [start - lookback, anchor]}, where the
 * anchor is the end of the window the effect started in (a change inside that window can have caused it) and the
 * start for a condition flip. Order: first the alignment bucket {@code floor((anchor - at) / window length)} (the
 * change closest before the effect wins; changes in the same bucket are equally aligned), then the part's
 * {@link Relevance} for the metric or condition (higher first), then the later change, then the part order.
 */
public final class CauseRanker {

    public static final Duration LOOKBACK = Duration.ofMinutes(30);
    /** The bucket width for a condition flip, which has no window of its own: the default scrape interval. */
    public static final Duration CONDITION_BUCKET = Duration.ofSeconds(30);
    /** At most this many candidates are kept per effect. */
    public static final int MAX_CAUSES = 10;

    private final Duration lookback;

    public CauseRanker() {
        this(LOOKBACK);
    }

    public CauseRanker(Duration lookback) {
        this.lookback = lookback;
    }

    public Effect rank(Effect effect, List<RevisionChange> changes) {
        Instant start = effect.startTime();
        Instant anchor = Instant.parse(effect.end());
        Duration bucket = Effect.METRIC.equals(effect.kind()) ? Duration.between(start, anchor) : CONDITION_BUCKET;
        long bucketMillis = Math.max(1000, bucket.toMillis());
        record Candidate(RevisionChange change, PartChange part, long bucket, int relevance, int order) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (RevisionChange change : changes) {
            Instant at = change.time();
            if (at.isAfter(anchor) || at.isBefore(start.minus(lookback)) || change.fromId() == null) {
                continue;
            }
            long windows = Duration.between(at, anchor).toMillis() / bucketMillis;
            for (PartChange part : change.parts()) {
                RevisionPart which = RevisionPart.byKey(part.part());
                candidates.add(new Candidate(change, part, windows, Relevance.of(effect, which), which.ordinal()));
            }
        }
        candidates.sort(Comparator.comparingLong(Candidate::bucket)
                .thenComparing(Comparator.comparingInt(Candidate::relevance).reversed())
                .thenComparing(Comparator.comparing((Candidate c) -> c.change().time()).reversed())
                .thenComparingInt(Candidate::order));
        List<Cause> causes = new ArrayList<>();
        for (Candidate c : candidates.subList(0, Math.min(MAX_CAUSES, candidates.size()))) {
            causes.add(new Cause(causes.size() + 1, c.change().sequence(), c.part().part(), c.part().from(),
                    c.part().to(), c.change().at(), Duration.between(c.change().time(), start).toSeconds(),
                    c.bucket(), c.relevance(), c.part().details(), c.part().next()));
        }
        return new Effect(effect.sequence(), effect.kind(), effect.subject(), effect.from(), effect.to(),
                effect.words(), effect.start(), effect.end(), effect.revisions(), effect.revisionsId(), causes);
    }
}
