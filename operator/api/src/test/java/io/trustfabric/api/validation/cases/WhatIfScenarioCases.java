package io.trustfabric.api.validation.cases;

import static io.trustfabric.api.validation.cases.Edits.object;
import static io.trustfabric.api.validation.cases.Edits.spec;
import static io.trustfabric.api.validation.cases.InvalidCase.handWritten;
import static io.trustfabric.api.validation.cases.Violation.at;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.ApiPatterns;
import java.util.List;

final class WhatIfScenarioCases {

    static final ValidObject POLICY_TWEAK = ValidObject.documented("WhatIfScenario", "tighten-sizes");
    static final ValidObject BUDGET_CHANGE = ValidObject.documented("WhatIfScenario", "halve-psi-cost");

    static final String POLICY_TWEAK_RULE = "set policyTweak exactly when template is policy-tweak";
    static final String BUDGET_CHANGE_RULE = "set budgetChange exactly when template is budget-change";
    static final String WORKER_PIN_RULE = "set workerPin exactly when template is worker-pin";

    static final ValidObject WORKER_PIN = POLICY_TWEAK.with("pinning a worker image", o -> {
        spec(o).put("template", "worker-pin").remove("policyTweak");
        spec(o).putObject("workerPin").put("image", "trust-fabric-worker:1.4.0");
    });

    static final String SEED_CHANGE_RULE = "set seedChange exactly when template is seed-change";
    static final String GOLDEN_RULE = "golden applies to the worker-pin and seed-change templates only";

    static final ValidObject WORKER_PIN_WITH_ENV = POLICY_TWEAK.with("pinning worker settings with a golden set", o -> {
        spec(o).put("template", "worker-pin").remove("policyTweak");
        spec(o).putObject("workerPin").putObject("env").put("TF_COMPUTE_THREADS", "1");
        spec(o).putObject("golden").put("seed", 7).put("queries", 10).put("clientSetSize", 100).put("matchPercent", 40);
    });

    static final ValidObject SEED_CHANGE_DATASET = POLICY_TWEAK.with("changing the data set with a fresh key seed", o -> {
        spec(o).put("template", "seed-change").remove("policyTweak");
        ObjectNode seedChange = spec(o).putObject("seedChange").put("freshKeySeed", true);
        seedChange.putObject("dataset").put("normalization", "trim").putObject("configMapRef")
                .put("name", "acme-customers-next").put("key", "emails.txt");
    });

    static final ValidObject SEED_CHANGE_SECRETS = POLICY_TWEAK.with("changing key seed and data set from Secrets", o -> {
        spec(o).put("template", "seed-change").remove("policyTweak");
        ObjectNode seedChange = spec(o).putObject("seedChange");
        seedChange.putObject("keySeedSecretRef").put("name", "acme-next-seed").put("key", "seed");
        seedChange.putObject("dataset").putObject("secretRef").put("name", "acme-next-items").put("key", "items.txt");
    });

    static final ValidObject EVERY_BUDGET_CHANGE = BUDGET_CHANGE.with("changing every budget field", o -> {
        object(o, "/spec/budgetChange").put("epsilonPerPeriod", "20.0");
        object(o, "/spec/budgetChange/cost").put("psi", "0.5").put("perElement", "0.000002");
    });

    static final ValidObject WITH_ENFORCEMENT_ACTION = POLICY_TWEAK.with("tweaking a rule's enforcement action",
            o -> object(o, "/spec/policyTweak/rules/0").put("enforcementAction", "dryrun"));

    static final ValidObject WITH_STATUS = POLICY_TWEAK.with("with the status the operator writes", o -> {
        ObjectNode status = o.putObject("status");
        status.put("phase", "Running").put("progress", 40).put("observedGeneration", 1);
        ObjectNode summary = status.putObject("summary").put("replayed", 1200).put("changed", 14)
                .put("allowedToDenied", 14).put("deniedToAllowed", 0);
        summary.putObject("byPartner").put("globex", 9).put("initech", 5);
        ObjectNode manifest = status.putObject("manifest");
        manifest.putObject("baseline").put("policyRevision", 3).put("bundleDigest", "sha256:5d1c")
                .put("workerImage", "trust-fabric-worker:1.3.0").put("epsilonPerPeriod", "10.0");
        manifest.putObject("candidate").put("policyRevision", 4).put("bundleDigest", "sha256:77ab")
                .put("workerImage", "trust-fabric-worker:1.3.0").put("epsilonPerPeriod", "10.0");
        status.putObject("reportRef").put("configMap", "tighten-sizes-report").put("key", "report.json");
        Conditions.addTrue(status, "Ready", "Replaying");
    });

    private WhatIfScenarioCases() {
    }

    static List<ValidObject> valid() {
        return List.of(WORKER_PIN, WORKER_PIN_WITH_ENV, SEED_CHANGE_DATASET, SEED_CHANGE_SECRETS, EVERY_BUDGET_CHANGE, WITH_ENFORCEMENT_ACTION, WITH_STATUS,
                WITH_STATUS.with("reporting 50 partners", o -> fillByPartner(o, 50)),
                POLICY_TWEAK.with("tweaking the most rules", o -> Edits.fillToMaxItems(o, "/spec/policyTweak/rules", "name")));
    }

    static List<InvalidCase> invalid() {
        return List.of(
                handWritten(POLICY_TWEAK, "a worker-pin template with a policy tweak",
                        o -> spec(o).put("template", "worker-pin"), at("spec", POLICY_TWEAK_RULE), at("spec", WORKER_PIN_RULE)),
                handWritten(POLICY_TWEAK, "a policy tweak with a worker pin",
                        o -> spec(o).putObject("workerPin").put("image", "trust-fabric-worker:1.4.0"),
                        at("spec", WORKER_PIN_RULE)),
                handWritten(POLICY_TWEAK, "a policy tweak with a budget change",
                        o -> spec(o).putObject("budgetChange").put("budgetRef", "acme-globex").put("epsilonPerPeriod", "5"),
                        at("spec", BUDGET_CHANGE_RULE)),
                handWritten(POLICY_TWEAK, "a budget change that changes nothing", o -> {
                    spec(o).put("template", "budget-change").remove("policyTweak");
                    spec(o).putObject("budgetChange").put("budgetRef", "acme-globex");
                }, at("spec.budgetChange", "budgetChange must change epsilonPerPeriod or cost")),
                handWritten(BUDGET_CHANGE, "a budget change to no cost", o -> object(o, "/spec/budgetChange/cost").removeAll(),
                        at("spec.budgetChange.cost", "cost must price at least one mode (psi-ca or psi)")),
                handWritten(BUDGET_CHANGE, "a budget change to a free psi-ca query",
                        o -> object(o, "/spec/budgetChange/cost").put("psi-ca", "0"),
                        at("spec.budgetChange.cost.psi-ca", "a query cost must be greater than 0")),
                handWritten(BUDGET_CHANGE, "a budget change to a free psi query",
                        o -> object(o, "/spec/budgetChange/cost").put("psi", "0.000"),
                        at("spec.budgetChange.cost.psi", "a query cost must be greater than 0")),
                handWritten(BUDGET_CHANGE, "a budget change to epsilon 0",
                        o -> object(o, "/spec/budgetChange").put("epsilonPerPeriod", "0.0"),
                        at("spec.budgetChange.epsilonPerPeriod", "epsilonPerPeriod must be greater than 0")),
                handWritten(POLICY_TWEAK, "two candidate rules with one name",
                        o -> object(o, "/spec/policyTweak").withArray("rules").addObject().put("name", "no-probing")
                                .put("macro", "set-size-cap@v2"),
                        at("spec.policyTweak.rules", "rule names must be unique within the candidate")),
                handWritten(POLICY_TWEAK, "a window of zero", o -> spec(o).put("window", "0s"),
                        at("spec.window", "window must be longer than 0")),
                handWritten(POLICY_TWEAK, "a window in words", o -> spec(o).put("window", "1 day"),
                        at("spec.window", "should match '" + ApiPatterns.DURATION + "'")),
                handWritten(POLICY_TWEAK, "an unknown template", o -> spec(o).put("template", "policy-rewrite"),
                        at("spec.template", "Unsupported value: \"policy-rewrite\"")),
                handWritten(SEED_CHANGE_DATASET, "a seed-change template without its candidate",
                        o -> spec(o).remove("seedChange"), at("spec", SEED_CHANGE_RULE)),
                handWritten(POLICY_TWEAK, "a golden set on a policy tweak",
                        o -> spec(o).putObject("golden").put("seed", 1), at("spec", GOLDEN_RULE)),
                handWritten(SEED_CHANGE_DATASET, "a seed change that changes nothing", o -> {
                    object(o, "/spec/seedChange").remove("dataset");
                    object(o, "/spec/seedChange").put("freshKeySeed", false);
                }, at("spec.seedChange", "seedChange must set keySeedSecretRef, freshKeySeed or dataset")),
                handWritten(SEED_CHANGE_SECRETS, "a seed Secret and a fresh seed at once",
                        o -> object(o, "/spec/seedChange").put("freshKeySeed", true),
                        at("spec.seedChange", "set keySeedSecretRef or freshKeySeed, not both")),
                handWritten(SEED_CHANGE_DATASET, "a candidate data set with two sources",
                        o -> object(o, "/spec/seedChange/dataset").put("inline", "a@example.com\n"),
                        at("spec.seedChange.dataset", "set exactly one of dataset.secretRef, dataset.configMapRef or dataset.inline")),
                handWritten(WORKER_PIN_WITH_ENV, "a worker pin that pins nothing",
                        o -> object(o, "/spec/workerPin").remove("env"),
                        at("spec.workerPin", "workerPin must set image or env")),
                handWritten(WORKER_PIN_WITH_ENV, "a worker pin setting a variable that is not a worker setting",
                        o -> object(o, "/spec/workerPin/env").put("JAVA_TOOL_OPTIONS", "-Xmx1g"),
                        at("spec.workerPin.env", "env names must be worker settings: TF_ followed by capitals, digits and _")),
                handWritten(WORKER_PIN_WITH_ENV, "a worker pin setting 21 variables", o -> {
                    ObjectNode env = object(o, "/spec/workerPin/env");
                    for (int i = 0; i < 21; i++) {
                        env.put("TF_SETTING_" + i, "x");
                    }
                }, at("spec.workerPin.env", "env sets at most 20 variables")),
                handWritten(WITH_STATUS, "51 rules in the summary", o -> fill(o, "byRule", 51),
                        at("status.summary.byRule", "byRule lists at most 50 rules")),
                handWritten(WITH_STATUS, "51 reasons in the summary", o -> fill(o, "byReason", 51),
                        at("status.summary.byReason", "byReason lists at most 50 reasons")),
                handWritten(WITH_STATUS, "51 partners in the summary", o -> fillByPartner(o, 51),
                        at("status.summary.byPartner", "byPartner lists at most 50 partners")),
                Conditions.statusMustBeTrueFalseOrUnknown(WITH_STATUS));
    }

    private static void fill(ObjectNode scenario, String map, int entries) {
        ObjectNode counts = object(scenario, "/status/summary").putObject(map);
        for (int i = 0; i < entries; i++) {
            counts.put("key-" + i, i);
        }
    }

    private static void fillByPartner(ObjectNode scenario, int partners) {
        ObjectNode byPartner = object(scenario, "/status/summary/byPartner").removeAll();
        for (int i = 0; i < partners; i++) {
            byPartner.put("partner-" + i, i);
        }
    }
}
