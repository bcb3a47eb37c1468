package io.trustfabric.operator.causal;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.operator.causal.RevisionChange.PartChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CauseRankerTest {

    private static final Instant START = Instant.parse("2026-12-03T12:30:00Z");

    @Test
    void theChangeBestAlignedWithTheEffectStartComesFirst() {
        RevisionChange early = change(2, START.minus(Duration.ofMinutes(12)), part("policyBundle"));
        RevisionChange aligned = change(3, START.minusSeconds(20), part("workerConfig"));
        RevisionChange later = change(4, START.plusSeconds(45), part("workerImage"));
        Effect ranked = new CauseRanker().rank(metric("denial-rate-percent"), List.of(early, aligned, later));
        assertThat(ranked.causes()).extracting(Effect.Cause::part)
                .as("the change after the first window is no candidate; relevance does not beat alignment")
                .containsExactly("workerConfig", "policyBundle");
        assertThat(ranked.causes().get(0).secondsBefore()).isEqualTo(20);
        assertThat(ranked.causes().get(0).rank()).isEqualTo(1);
        assertThat(ranked.causes().get(1).windowsBefore()).isEqualTo(25);
    }

    @Test
    void withinOneWindowRelevanceDecides() {
        RevisionChange both = change(2, START.minusSeconds(5), part("workerConfig"), part("policyBundle"));
        assertThat(new CauseRanker().rank(metric("denial-rate-percent"), List.of(both)).causes())
                .extracting(Effect.Cause::part).containsExactly("policyBundle", "workerConfig");
        assertThat(new CauseRanker().rank(metric("p95-latency-ms"), List.of(both)).causes())
                .extracting(Effect.Cause::part).containsExactly("workerConfig", "policyBundle");
    }

    @Test
    void changesBeforeTheLookbackAndTheFirstRecordedSetAreNoCandidates() {
        RevisionChange first = new RevisionChange(1, START.minusSeconds(10).toString(), null, "rev-a", null,
                List.of(part("workerImage")));
        RevisionChange old = change(2, START.minus(Duration.ofMinutes(31)), part("budget"));
        assertThat(new CauseRanker().rank(metric("budget-burn-epsilon-per-hour"), List.of(first, old)).causes())
                .isEmpty();
    }

    @Test
    void aConditionFlipRanksTheChangesBeforeIt() {
        Instant at = START;
        Effect flip = new Effect(0, Effect.CONDITION, "PolicyReady", "True (PolicyEnforced)", "False (PolicyNotReady)",
                "PolicyReady flipped", at.toString(), at.toString(), null, null, List.of());
        RevisionChange allowlist = change(2, at.minusSeconds(10), part("allowlist"));
        RevisionChange policy = change(3, at.minusSeconds(20), part("policyBundle"));
        assertThat(new CauseRanker().rank(flip, List.of(allowlist, policy)).causes())
                .extracting(Effect.Cause::part).as("both in the same 30 s bucket: the policy feeds PolicyReady")
                .containsExactly("policyBundle", "allowlist");
    }

    static Effect metric(String key) {
        return new Effect(0, Effect.METRIC, key, "1", "40", key + " rose", START.toString(),
                START.plusSeconds(30).toString(), null, null, List.of());
    }

    static RevisionChange change(long sequence, Instant at, PartChange... parts) {
        return new RevisionChange(sequence, at.toString(), "rev-" + (sequence - 1), "rev-" + sequence, null,
                List.of(parts));
    }

    static PartChange part(String key) {
        return new PartChange(key, "old-" + key, "new-" + key, List.of(key + " changed"), "kubectl get x");
    }
}
