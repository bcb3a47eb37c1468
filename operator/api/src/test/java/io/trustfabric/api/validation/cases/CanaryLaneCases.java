package io.trustfabric.api.validation.cases;

import static io.trustfabric.api.validation.cases.Edits.object;
import static io.trustfabric.api.validation.cases.Edits.spec;
import static io.trustfabric.api.validation.cases.InvalidCase.handWritten;
import static io.trustfabric.api.validation.cases.Violation.at;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

final class CanaryLaneCases {

    static final ValidObject EXAMPLE = ValidObject.documented("CanaryLane");

    static final ValidObject WITH_STATUS = EXAMPLE.with("with the status the operator writes", o -> {
        ObjectNode status = o.putObject("status");
        status.put("verdict", "Healthy").put("observedGeneration", 1);
        status.putObject("lastRun").put("at", "2026-12-03T08:00:00Z").put("answersMatched", 20).put("answersDiffered", 0)
                .put("errorsBaseline", 0).put("errorsCandidate", 0).put("p95BaselineMs", 41.5).put("p95CandidateMs", 43.0)
                .put("pValue", "0.41");
        Conditions.addTrue(status, "Ready", "Judged");
    });

    private CanaryLaneCases() {
    }

    static List<ValidObject> valid() {
        return List.of(WITH_STATUS, EXAMPLE.with("with the judge's and the schedule's defaults", o -> {
            spec(o).remove("judge");
            object(o, "/spec/goldenQueries").remove("every");
        }));
    }

    static List<InvalidCase> invalid() {
        List<InvalidCase> cases = new ArrayList<>();
        cases.add(handWritten(EXAMPLE, "the baseline as candidate",
                o -> object(o, "/spec/candidate").put("image", "trust-fabric-worker:1.3.0"),
                at("spec", "candidate.image must differ from baseline.image")));
        for (String confidence : List.of("1", "1.0", "0", "0.0", "0.990", "95")) {
            cases.add(handWritten(EXAMPLE, "latency confidence " + confidence,
                    o -> object(o, "/spec/judge").put("latencyConfidence", confidence),
                    at("spec.judge.latencyConfidence", "should match '^0\\.[0-9]*[1-9]$'")));
        }
        cases.add(handWritten(EXAMPLE, "no golden queries", o -> object(o, "/spec/goldenQueries").put("queries", 0),
                at("spec.goldenQueries.queries", "should be greater than or equal to 1")));
        cases.add(handWritten(EXAMPLE, "golden queries every 0 minutes",
                o -> object(o, "/spec/goldenQueries").put("every", "0m"),
                at("spec.goldenQueries.every", "goldenQueries.every must be longer than 0")));
        cases.add(Conditions.statusMustBeTrueFalseOrUnknown(WITH_STATUS));
        return cases;
    }
}
