package io.trustfabric.operator.whatif.golden;

import io.trustfabric.operator.whatif.ScenarioFailure;
import io.trustfabric.operator.whatif.ScenarioProgress;
import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.protocol.PackedElements;
import io.trustfabric.psi.protocol.PartnerQuery;
import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.MessageKind;
import io.trustfabric.psi.wire.SetupMessage;
import io.trustfabric.psi.wire.WireFormatException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sends every golden query to both shadow workers and compares what comes back. Each client set is blinded once
 * (against the baseline's setup) and the identical request bytes go to both sides; which side is asked first
 * alternates so neither always meets a warmer machine.
 */
public final class GoldenComparison {

    private static final PrimeOrderGroup GROUP = new Curve25519Group();

    private final SecureRandom random = new SecureRandom();

    /** Both setups and every query's outcome, in query order. */
    public record Outcome(ShadowWorkerClient.FetchedSetup baselineSetup, ShadowWorkerClient.FetchedSetup candidateSetup,
                          List<QueryOutcome> queries) {

        public long count(QueryOutcome.Verdict verdict) {
            return queries.stream().filter(q -> q.verdict() == verdict).count();
        }

        public LatencyStats baselineLatency() {
            return LatencyStats.of(answered().stream().map(QueryOutcome::baselineMillis).toList());
        }

        public LatencyStats candidateLatency() {
            return LatencyStats.of(answered().stream().map(QueryOutcome::candidateMillis).toList());
        }

        /** Latencies count only where both sides answered, so a fast refusal does not flatter either side. */
        private List<QueryOutcome> answered() {
            return queries.stream().filter(q -> q.verdict() != QueryOutcome.Verdict.FAILED).toList();
        }
    }

    public Outcome run(ShadowWorkerClient baseline, ShadowWorkerClient candidate, GoldenSetGenerator golden,
                       ComparisonRule rule, ScenarioProgress progress) throws ScenarioFailure {
        ShadowWorkerClient.FetchedSetup baselineSetup = setup(baseline, "baseline");
        ShadowWorkerClient.FetchedSetup candidateSetup = setup(candidate, "candidate");
        progress.total(golden.queries());
        List<QueryOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < golden.queries(); i++) {
            if (progress.cancelled()) {
                throw new ScenarioFailure("Cancelled", "the scenario changed or was deleted after " + i
                        + " golden queries; the shadow workers were removed");
            }
            outcomes.add(exchange(golden.query(i), baseline, baselineSetup.setup(), candidate,
                    candidateSetup.setup(), rule));
            progress.replayed(i + 1L);
        }
        return new Outcome(baselineSetup, candidateSetup, outcomes);
    }

    private QueryOutcome exchange(GoldenQuery query, ShadowWorkerClient baseline, SetupMessage baselineSetup,
                                  ShadowWorkerClient candidate, SetupMessage candidateSetup, ComparisonRule rule)
            throws ScenarioFailure {
        PartnerQuery blinded = PartnerQuery.blind(GROUP, baselineSetup.context(), baselineSetup.normalization(),
                query.items(), random);
        byte[] body = ElementBatch.query(blinded.epoch(), blinded.blinded()).encode();
        ShadowWorkerClient.Exchange b;
        ShadowWorkerClient.Exchange c;
        try {
            if (query.index() % 2 == 0) {
                b = baseline.query(query.mode(), body);
                c = candidate.query(query.mode(), body);
            } else {
                c = candidate.query(query.mode(), body);
                b = baseline.query(query.mode(), body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioFailure("Cancelled", "interrupted while sending golden query " + query.index());
        }
        Answer bAnswer = Answer.of(b, blinded);
        Answer cAnswer = Answer.of(c, blinded);
        List<String> bMatched = bAnswer.matched(query.mode(), blinded, baselineSetup);
        List<String> cMatched = cAnswer.matched(query.mode(), blinded, candidateSetup);
        Integer bMatches = bMatched == null ? null : bMatched.size();
        Integer cMatches = cMatched == null ? null : cMatched.size();
        QueryOutcome.Verdict verdict;
        String detail = null;
        if (bAnswer.problem != null || cAnswer.problem != null || bMatches == null || cMatches == null) {
            verdict = QueryOutcome.Verdict.FAILED;
            detail = failure(bAnswer, bMatches, cAnswer, cMatches);
        } else {
            // psi-ca's "matched" list is a count's worth of placeholders (see Answer.matched), so equal lists mean equal
            // counts there and the same items matched in request order for psi
            boolean sameResults = bMatched.equals(cMatched);
            boolean sameAnswers = rule == ComparisonRule.RESULTS_ONLY
                    || AnswerComparator.identical(query.mode(), bAnswer.elements, cAnswer.elements);
            verdict = sameResults && sameAnswers ? QueryOutcome.Verdict.IDENTICAL : QueryOutcome.Verdict.DIFFERING;
            if (!sameAnswers) {
                detail = sameResults ? "answers differ" : "answers and results differ";
            } else if (!sameResults) {
                detail = "results differ";
            }
        }
        return new QueryOutcome(query.index(), query.mode(), query.items().size(), verdict, detail, b.millis(),
                c.millis(), bMatches, cMatches);
    }

    private static String failure(Answer b, Integer bMatches, Answer c, Integer cMatches) {
        List<String> parts = new ArrayList<>();
        if (b.problem != null || bMatches == null) {
            parts.add("baseline: " + Objects.requireNonNullElse(b.problem, "invalid-answer"));
        }
        if (c.problem != null || cMatches == null) {
            parts.add("candidate: " + Objects.requireNonNullElse(c.problem, "invalid-answer"));
        }
        return String.join("; ", parts);
    }

    private static ShadowWorkerClient.FetchedSetup setup(ShadowWorkerClient side, String role) throws ScenarioFailure {
        try {
            return side.setup();
        } catch (IOException e) {
            throw new ScenarioFailure("ShadowSetupUnavailable", "the " + role + " shadow worker's setup: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioFailure("Cancelled", "interrupted while fetching the " + role + " setup");
        }
    }

    /** One side's decoded answer, or the problem that replaced it. */
    private record Answer(PackedElements elements, String problem) {

        static Answer of(ShadowWorkerClient.Exchange exchange, PartnerQuery query) {
            if (!exchange.ok()) {
                return new Answer(null, exchange.problem());
            }
            try {
                ElementBatch batch = ElementBatch.decode(exchange.body(), MessageKind.EVALUATED_ANSWER);
                if (batch.epoch() != query.epoch() || batch.elements().count() != query.size()) {
                    return new Answer(null, "malformed-answer");
                }
                return new Answer(batch.elements(), null);
            } catch (WireFormatException e) {
                return new Answer(null, "malformed-answer");
            }
        }

        /**
         * What the client learns from this answer against this side's setup: for psi the matched items in request
         * order, for psi-ca only their number (as that many empty strings); null when it cannot be unblinded.
         */
        List<String> matched(PsiMode mode, PartnerQuery query, SetupMessage setup) {
            if (elements == null) {
                return null;
            }
            try {
                return mode == PsiMode.PSI_CA ? java.util.Collections.nCopies(query.countMatches(elements, setup.digest()), "")
                        : query.matchingItems(elements, setup.digest());
            } catch (IllegalArgumentException e) { // includes InvalidElementException: an answer that is no group element
                return null;
            }
        }
    }
}
