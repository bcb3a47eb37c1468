package io.trustfabric.api.validation.cases;

import static io.trustfabric.api.validation.cases.Edits.object;
import static io.trustfabric.api.validation.cases.Edits.spec;
import static io.trustfabric.api.validation.cases.InvalidCase.handWritten;
import static io.trustfabric.api.validation.cases.Violation.at;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

final class TenantCases {

    static final ValidObject EXAMPLE = ValidObject.documented("Tenant");

    static final ValidObject FROM_CONFIG_MAP = EXAMPLE.with("reading its data set from a ConfigMap, with limits and an image",
            o -> {
                ObjectNode dataset = object(o, "/spec/dataset");
                dataset.remove("secretRef");
                dataset.putObject("configMapRef").put("name", "acme-test-data").put("key", "emails.txt");
                ObjectNode workers = object(o, "/spec/workers");
                workers.put("image", "trust-fabric-worker:1.4.0");
                workers.with("resources").putObject("limits").put("cpu", 2).put("memory", "2Gi");
            });

    static final ValidObject INLINE = EXAMPLE.with("with its items inline", o -> {
        ObjectNode dataset = object(o, "/spec/dataset");
        dataset.remove("secretRef");
        dataset.put("inline", "a@example.com\nb@example.com\n");
    });

    static final ValidObject WITH_STATUS = EXAMPLE.with("with the status the operator writes", o -> {
        ObjectNode status = o.putObject("status");
        status.put("endpoint", "https://acme.trust.svc:8443").put("observedGeneration", 1);
        status.putObject("workers").put("desired", 2).put("ready", 2).put("keyEpoch", 3);
        status.putObject("receiptKey").put("keyId", "acme-2026-11").put("publicKey", "MCowBQYDK2VwAyEA");
        ObjectNode sla = status.putObject("sla").put("p95LatencyMs", 412.5).put("errorRatePercent", 0.02);
        sla.putObject("burnRates").put("1h", 0.4).put("6h", 0.3);
        sla.putObject("incidents").put("last30Days", 1).putObject("open").put("id", "acme-20261203-1")
                .put("reason", "ErrorBudgetBurnFast").put("openedAt", "2026-12-03T10:00:00Z");
        ObjectNode recent = sla.with("incidents").putArray("recent").addObject().put("id", "acme-20261203-1")
                .put("reason", "ErrorBudgetBurnFast").put("openedAt", "2026-12-03T10:00:00Z");
        recent.put("acknowledgedAt", "2026-12-03T10:04:00Z");
        status.putObject("revisions").put("policyBundle", "sha256:ab").put("keyEpoch", 3);
        Conditions.addTrue(status, "Ready", "WorkersAvailable");
    });

    private TenantCases() {
    }

    static final ValidObject WITH_SLA = EXAMPLE.with("with SLA objectives and a minimum-traffic gate",
            o -> object(o, "/spec/sla").put("p95LatencyMs", 250).put("availabilityPercent", 99.9)
                    .put("minRequestsPerHour", 30));

    static List<ValidObject> valid() {
        return List.of(FROM_CONFIG_MAP, INLINE, WITH_STATUS, WITH_SLA,
                WITH_STATUS.with("with the most recent incidents status keeps",
                        o -> Edits.fillToMaxItems(o, "/status/sla/incidents/recent", "id")));
    }

    static List<InvalidCase> invalid() {
        String oneSource = "set exactly one of dataset.secretRef, dataset.configMapRef or dataset.inline";
        return List.of(
                handWritten(EXAMPLE, "a data set with two sources",
                        o -> object(o, "/spec/dataset").put("inline", "a@example.com"), at("spec.dataset", oneSource)),
                handWritten(EXAMPLE, "a data set without a source",
                        o -> object(o, "/spec/dataset").remove("secretRef"), at("spec.dataset", oneSource)),
                handWritten(EXAMPLE, "a burst below the rate",
                        o -> object(o, "/spec/defaultPartnerRate").put("burst", 10),
                        at("spec.defaultPartnerRate", "burst must be at least requestsPerSecond")),
                handWritten(EXAMPLE, "an unknown mode",
                        o -> spec(o).withArray("modes").add("psi-all"), at("spec.modes[1]", "Unsupported value: \"psi-all\"")),
                Conditions.statusMustBeTrueFalseOrUnknown(WITH_STATUS));
    }
}
