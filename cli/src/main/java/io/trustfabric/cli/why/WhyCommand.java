package io.trustfabric.cli.why;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.RevisionSet;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.cli.resource.ClusterOptions;
import io.trustfabric.operator.causal.CausalJournal;
import io.trustfabric.operator.causal.CausalRecorder;
import io.trustfabric.operator.causal.CauseRanker;
import io.trustfabric.operator.causal.Effect;
import io.trustfabric.operator.causal.RevisionPart;
import io.trustfabric.operator.causal.RevisionSets;
import io.trustfabric.operator.causal.TrackedMetric;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "why", description = {
        "Walks from an effect to its cause: the latest metric shift or condition flip the operator recorded for a",
        "tenant, the window it started in with the revisions in force, the first-ranked revision change before it,",
        "what changed, and what to look at next; then the other candidates. See docs/drill-down.md."})
public final class WhyCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "tenant/NAME", description = "The Tenant (tenant/NAME, tn/NAME or NAME).")
    String target;

    @Option(names = "--condition", paramLabel = "C", description = "The latest flip of this condition (e.g. Ready).")
    String condition;

    @Option(names = "--metric", paramLabel = "M", description = "The latest shift of this metric (e.g. p95-latency-ms).")
    String metric;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default) or json.")
    String output = "text";

    @Override
    public Integer call() {
        Optional<String> invalid = invalidOptions();
        if (invalid.isPresent()) {
            err().println("error: " + invalid.get());
            err().flush();
            return 2;
        }
        String name = target.contains("/") ? target.substring(target.indexOf('/') + 1) : target;
        try (KubernetesClient client = cluster.connect()) {
            String namespace = cluster.namespace(client);
            Tenant tenant = client.resources(Tenant.class).inNamespace(namespace).withName(name).get();
            if (tenant == null) {
                err().println("Error from server (NotFound): tenants.trustfabric.io \"" + name
                        + "\" not found in namespace " + namespace);
                err().flush();
                return 1;
            }
            List<Effect> effects = new CausalJournal().read(client, tenant).effects();
            Optional<Effect> effect = latest(effects);
            if (effect.isEmpty()) {
                err().println("no " + what() + " recorded for tenant " + namespace + "/" + name
                        + (effects.isEmpty() ? " (the causal journal " + CausalJournal.name(name)
                        + " holds no effect yet)" : " (" + effects.size() + " other effect(s) recorded; try without"
                        + " --metric/--condition)"));
                err().flush();
                return 1;
            }
            List<String> chain = chain(effect.get());
            if (output.equals("json")) {
                ObjectNode root = JSON.createObjectNode();
                root.put("tenant", namespace + "/" + name);
                root.set("effect", JSON.valueToTree(effect.get()));
                ArrayNode steps = root.putArray("chain");
                chain.forEach(steps::add);
                try {
                    out().println(JSON.writeValueAsString(root));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                out().println("Tenant " + namespace + "/" + name + ": " + effect.get().kind() + " effect "
                        + effect.get().sequence() + " (" + effects.size() + " recorded)");
                chain.forEach(out()::println);
                List<Effect.Cause> others = effect.get().causes().stream().skip(1).toList();
                if (!others.isEmpty()) {
                    out().println("other candidates:");
                    others.forEach(c -> out().println("   " + c.rank() + ". " + causeLine(c)));
                }
            }
            out().flush();
            return 0;
        }
    }

    private Optional<String> invalidOptions() {
        if (!List.of("text", "json").contains(output)) {
            return Optional.of("unknown output format \"" + output + "\" (use text or json)");
        }
        if (condition != null && metric != null) {
            return Optional.of("--condition and --metric exclude each other");
        }
        String kind = target.contains("/") ? target.substring(0, target.indexOf('/')).toLowerCase() : "tenant";
        if (!List.of("tenant", "tenants", "tn", "tenants.trustfabric.io").contains(kind)) {
            return Optional.of("tfctl why explains tenants: use tenant/NAME, not " + target);
        }
        if (metric != null && Arrays.stream(TrackedMetric.values()).noneMatch(m -> m.key().equals(metric))) {
            return Optional.of("unknown metric \"" + metric + "\"; known: " + Arrays.stream(TrackedMetric.values())
                    .map(TrackedMetric::key).collect(Collectors.joining(", ")));
        }
        return Optional.empty();
    }

    private String what() {
        return metric != null ? "shift of metric " + metric : condition != null ? "flip of condition " + condition
                : "effect";
    }

    private Optional<Effect> latest(List<Effect> effects) {
        for (int i = effects.size() - 1; i >= 0; i--) {
            Effect e = effects.get(i);
            boolean matches = metric != null ? Effect.METRIC.equals(e.kind()) && metric.equals(e.subject())
                    : condition == null || (Effect.CONDITION.equals(e.kind()) && condition.equalsIgnoreCase(e.subject()));
            if (matches) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** At most five steps: effect, window and revisions, first cause, what changed, what to look at next. */
    static List<String> chain(Effect effect) {
        List<String> steps = new ArrayList<>();
        steps.add("1. effect:  " + effect.words());
        String when = Effect.METRIC.equals(effect.kind())
                ? "started in the window " + effect.start() + " .. " + effect.end()
                : "flipped at " + effect.start();
        steps.add("2. window:  " + when + "; revisions in force " + Optional.ofNullable(effect.revisionsId())
                .orElse("(unknown)") + revisions(effect.revisions()));
        if (effect.causes().isEmpty()) {
            steps.add("3. cause:   none recorded: no revision changed in the " + CauseRanker.LOOKBACK.toMinutes()
                    + " min before");
            return steps;
        }
        Effect.Cause first = effect.causes().get(0);
        steps.add("3. cause:   " + causeLine(first));
        steps.add("4. changed: " + (first.details().isEmpty() ? "(no details recorded)"
                : String.join("\n           ", first.details())));
        steps.add("5. next:    " + (first.next() == null ? "kubectl describe tenant" : first.next()));
        return steps;
    }

    static String causeLine(Effect.Cause cause) {
        return RevisionPart.byKey(cause.part()).words() + " " + RevisionSets.shortValue(cause.from()) + " -> "
                + RevisionSets.shortValue(cause.to()) + " at " + cause.at() + " ("
                + CausalRecorder.when(cause.secondsBefore()) + ")";
    }

    private static String revisions(RevisionSet set) {
        if (set == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (RevisionPart part : RevisionPart.values()) {
            if (part.of(set) != null) {
                out.append("\n             ").append(part.key()).append('=').append(RevisionSets.shortValue(part.of(set)));
            }
        }
        return out.toString();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
