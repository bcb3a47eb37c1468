package io.trustfabric.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.trustfabric.api.v1alpha1.DryrunTally;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import java.io.Console;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "promote", description = {
        "Move one rule of a TrustPolicy from dryrun to enforce, after showing what it would have denied so far.",
        "The change is a JSON Patch that first tests the rule is still exactly as read, so a concurrent edit is never",
        "overwritten. Asks for confirmation on a terminal; elsewhere (CI, pipes) pass --yes."})
public final class PolicyPromoteCommand extends PolicyClusterCommand {

    /** The field manager of the patch, which the policy's timeline shows as the author of the revision. */
    static final String FIELD_MANAGER = "tfctl-policy-promote";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "NAME", description = "The TrustPolicy.")
    String name;

    @Option(names = "--rule", required = true, paramLabel = "RULE", description = "The rule to enforce (its name).")
    String rule;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    int run(KubernetesClient client, String namespace) {
        TrustPolicy policy = policy(client, namespace, name);
        if (policy == null) {
            return 1;
        }
        GenericKubernetesResource raw = client.genericKubernetesResources("trustfabric.io/v1alpha1", "TrustPolicy")
                .inNamespace(namespace).withName(name).get();
        String where = namespace + "/" + name;
        Optional<Integer> index = ruleIndex(raw, rule);
        if (index.isEmpty()) {
            return fail("TrustPolicy " + where + " has no rule named " + rule + " (rules: "
                    + String.join(", ", ruleNames(raw)) + ")");
        }
        JsonNode read = rules(raw).get(index.get());
        String action = read.path("enforcementAction").asText("enforce");
        if (!action.equals("dryrun")) {
            return fail("rule " + rule + " of TrustPolicy " + where + " is not in dryrun (its enforcementAction is "
                    + action + "); promote moves a rule from dryrun to enforce");
        }
        out().println("Rule " + rule + " of TrustPolicy " + where + " (" + read.path("macro").asText() + ") is in dryrun.");
        out().println("  " + tallyLine(policy, rule));
        out().flush();
        if (!yes) {
            Console console = System.console();
            if (console == null) {
                return fail("refusing to enforce rule " + rule + " without confirmation: stdin is not a terminal;"
                        + " pass --yes");
            }
            String answer = console.readLine("Enforce rule %s of %s now? Queries it denies will be refused. [y/N] ",
                    rule, where);
            if (answer == null || !List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT))) {
                out().println("Nothing changed.");
                out().flush();
                return 1;
            }
        }
        try {
            promote(client, namespace, name, index.get(), read);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 422 || e.getCode() == 409) {
                return fail("rule " + rule + " of TrustPolicy " + where + " changed since it was read (" + 
                        Optional.ofNullable(e.getStatus()).map(s -> s.getMessage()).orElse(e.getMessage())
                        + "); nothing was changed: look at it again and rerun the command");
            }
            throw e;
        }
        out().println("trustpolicy.trustfabric.io/" + name + " patched: rule " + rule + " enforcementAction dryrun ->"
                + " enforce");
        out().println("The operator compiles it into a new revision: tfctl policy history " + name + " -n "
                + namespace);
        out().flush();
        return 0;
    }

    /**
     * The JSON Patch: test that rule {@code index} is still exactly {@code read} (name, macro, arguments, dryrun),
     * then replace its enforcementAction. A failed test (the rule was edited, moved or removed) changes nothing.
     */
    static void promote(KubernetesClient client, String namespace, String name, int index, JsonNode read) {
        ArrayNode patch = JSON.createArrayNode();
        patch.addObject().put("op", "test").put("path", "/spec/rules/" + index).set("value", read);
        patch.addObject().put("op", "replace").put("path", "/spec/rules/" + index + "/enforcementAction")
                .put("value", "enforce");
        client.resources(TrustPolicy.class).inNamespace(namespace).withName(name).patch(new PatchContext.Builder()
                .withPatchType(PatchType.JSON).withFieldManager(FIELD_MANAGER).build(), patch.toString());
    }

    /** "would have denied 12 of 3,400 queries since 2026-12-03T10:00:00Z (globex: 12)". */
    static String tallyLine(TrustPolicy policy, String rule) {
        Optional<DryrunTally> tally = policy.getStatus() == null || policy.getStatus().getDryrun() == null
                ? Optional.empty() : policy.getStatus().getDryrun().stream()
                .filter(t -> rule.equals(t.getRule())).findFirst();
        if (tally.isEmpty()) {
            return "no dryrun tally yet (the operator counts the recorded decisions every 30 s)";
        }
        DryrunTally t = tally.get();
        NumberFormat number = NumberFormat.getIntegerInstance(Locale.US);
        StringBuilder line = new StringBuilder("would have denied ")
                .append(number.format(t.getWouldDeny() == null ? 0 : t.getWouldDeny())).append(" of ")
                .append(number.format(t.getEvaluated() == null ? 0 : t.getEvaluated())).append(" quer")
                .append(t.getEvaluated() != null && t.getEvaluated() == 1 ? "y" : "ies").append(" since ")
                .append(t.getSince());
        if (t.getPartners() != null && !t.getPartners().isEmpty()) {
            List<String> partners = new ArrayList<>();
            for (String p : t.getPartners()) {
                int eq = p.lastIndexOf('=');
                partners.add(eq < 0 ? p : p.substring(0, eq) + ": " + number.format(Long.parseLong(p.substring(eq + 1))));
            }
            line.append(" (").append(String.join(", ", partners)).append(')');
        }
        return line.toString();
    }

    private int fail(String message) {
        err().println("error: " + message);
        err().flush();
        return 1;
    }

    private static JsonNode rules(GenericKubernetesResource raw) {
        return JSON.valueToTree(raw.getAdditionalProperties().get("spec")).path("rules");
    }

    private static Optional<Integer> ruleIndex(GenericKubernetesResource raw, String rule) {
        JsonNode rules = rules(raw);
        for (int i = 0; i < rules.size(); i++) {
            if (rule.equals(rules.get(i).path("name").asText())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static List<String> ruleNames(GenericKubernetesResource raw) {
        List<String> names = new ArrayList<>();
        rules(raw).forEach(r -> names.add(r.path("name").asText()));
        return names;
    }
}
