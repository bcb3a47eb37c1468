package io.trustfabric.api.validation.cases;

import static io.trustfabric.api.validation.cases.Edits.integers;
import static io.trustfabric.api.validation.cases.Edits.object;
import static io.trustfabric.api.validation.cases.Edits.spec;
import static io.trustfabric.api.validation.cases.InvalidCase.handWritten;
import static io.trustfabric.api.validation.cases.Violation.at;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.ApiPatterns;
import java.util.ArrayList;
import java.util.List;

final class PrivacyBudgetCases {

    static final ValidObject EXAMPLE = ValidObject.documented("PrivacyBudget");

    static final ValidObject ROLLING = EXAMPLE.with("over a rolling period, with a per-element cost", o -> {
        object(o, "/spec/period").removeAll().put("every", "720h");
        object(o, "/spec/cost").put("perElement", "0.000001");
    });

    static final ValidObject WITH_STATUS = EXAMPLE.with("with the status the operator writes", o -> {
        ObjectNode status = o.putObject("status");
        status.put("epoch", 4).put("observedGeneration", 1);
        status.putObject("microEpsilon").put("total", 10_000_000).put("consumed", 2_500_000).put("leased", 100_000)
                .put("remaining", 7_400_000);
        status.putObject("period").put("start", "2026-12-01T00:00:00+01:00").put("end", "2027-01-01T00:00:00+01:00");
        status.putObject("previousPeriod").put("epoch", 3).put("start", "2026-11-01T00:00:00+01:00")
                .put("end", "2026-12-01T00:00:00+01:00").put("total", 10_000_000).put("consumed", 9_000_000)
                .put("receipts", 812);
        status.putArray("leases").addObject().put("id", "lease-7").put("holder", "acme-worker-0")
                .put("microEpsilon", 100_000).put("spent", 20_000).put("expires", "2026-12-03T10:05:00Z");
        ObjectNode receipts = status.putObject("receipts").put("count", 1200);
        receipts.putArray("chainHeads").addObject().put("lease", "lease-7").put("hash", "9f2c").put("length", 12);
        receipts.putArray("last").add("r-1199").add("r-1200");
        Conditions.addTrue(status, "Available", "BudgetLeft");
    });

    private PrivacyBudgetCases() {
    }

    static List<ValidObject> valid() {
        return List.of(ROLLING, WITH_STATUS,
                EXAMPLE.with("of the smallest epsilon", o -> spec(o).put("epsilonPerPeriod", "0.000001")),
                EXAMPLE.with("pricing only psi", o -> object(o, "/spec/cost").remove("psi-ca")),
                EXAMPLE.with("with five alert thresholds", o -> integers(spec(o), "alertThresholds", 10, 20, 30, 40, 99)),
                EXAMPLE.with("with alert thresholds in any order", o -> integers(spec(o), "alertThresholds", 95, 50, 80)),
                EXAMPLE.with("with an alert threshold of 100 percent", o -> integers(spec(o), "alertThresholds", 100, 1)));
    }

    static List<InvalidCase> invalid() {
        List<InvalidCase> cases = new ArrayList<>();
        for (String zero : List.of("0", "0.0", "000.000000")) {
            cases.add(handWritten(EXAMPLE, "epsilon " + zero, o -> spec(o).put("epsilonPerPeriod", zero),
                    at("spec.epsilonPerPeriod", "epsilonPerPeriod must be greater than 0")));
        }
        String decimal = "should match '" + ApiPatterns.DECIMAL_MICRO + "'";
        for (String malformed : List.of("1.1234567", "-1", "1e3")) {
            cases.add(handWritten(EXAMPLE, "epsilon " + malformed, o -> spec(o).put("epsilonPerPeriod", malformed),
                    at("spec.epsilonPerPeriod", decimal)));
        }
        cases.add(handWritten(EXAMPLE, "epsilon ten", o -> spec(o).put("epsilonPerPeriod", "ten"),
                at("spec.epsilonPerPeriod", decimal), at("spec.epsilonPerPeriod", "epsilonPerPeriod must be greater than 0")));
        cases.add(handWritten(EXAMPLE, "no cost", o -> object(o, "/spec/cost").removeAll(),
                at("spec.cost", "cost must price at least one mode (psi-ca or psi)")));
        cases.add(handWritten(EXAMPLE, "a free psi-ca query", o -> object(o, "/spec/cost").put("psi-ca", "0.0"),
                at("spec.cost.psi-ca", "a query cost must be greater than 0")));
        cases.add(handWritten(EXAMPLE, "a free psi query", o -> object(o, "/spec/cost").put("psi", "0"),
                at("spec.cost.psi", "a query cost must be greater than 0")));
        cases.add(handWritten(EXAMPLE, "a calendar and a rolling period", o -> object(o, "/spec/period").put("every", "720h"),
                at("spec.period", "set exactly one of period.calendar or period.every")));
        cases.add(handWritten(EXAMPLE, "neither a calendar nor a rolling period",
                o -> object(o, "/spec/period").remove("calendar"),
                at("spec.period", "set exactly one of period.calendar or period.every"),
                at("spec.period", "period.timeZone only applies to period.calendar")));
        cases.add(handWritten(ROLLING, "a rolling period of zero", o -> object(o, "/spec/period").put("every", "0h"),
                at("spec.period.every", "period.every must be longer than 0")));
        cases.add(thresholds("repeated", "alertThresholds must not repeat a value", 50, 50));
        cases.add(thresholds("repeated out of order", "alertThresholds must not repeat a value", 80, 20, 80));
        cases.add(handWritten(EXAMPLE, "alert thresholds above 100 and below 1 (issue 18)",
                o -> integers(spec(o), "alertThresholds", 150, 20, -1),
                at("spec.alertThresholds[0]", "should be less than or equal to 100"),
                at("spec.alertThresholds[2]", "should be greater than or equal to 1")));
        cases.add(thresholds("six of them", "must have at most 5 items", 10, 20, 30, 40, 50, 60));
        cases.add(handWritten(EXAMPLE, "overdrawing when exhausted", o -> spec(o).put("onExhausted", "Overdraw"),
                at("spec.onExhausted", "Unsupported value: \"Overdraw\"")));
        // issue 18: a budget that no tenant can be attributed to is refused, with or without the rest of its spec
        cases.add(handWritten(EXAMPLE, "without a spec, so without a tenant", o -> o.remove("spec"),
                at("spec", "Required value")));
        cases.add(handWritten(EXAMPLE, "without a tenant", o -> spec(o).remove("tenantRef"),
                at("spec.tenantRef", "Required value")));
        cases.add(handWritten(EXAMPLE, "of an empty tenant", o -> spec(o).put("tenantRef", ""),
                at("spec.tenantRef", "should match '" + ApiPatterns.DNS_LABEL + "'")));
        cases.add(Conditions.statusMustBeTrueFalseOrUnknown(WITH_STATUS));
        return cases;
    }

    private static InvalidCase thresholds(String what, String message, int... thresholds) {
        return handWritten(EXAMPLE, "alert thresholds " + what, o -> integers(spec(o), "alertThresholds", thresholds),
                at("spec.alertThresholds", message));
    }
}
