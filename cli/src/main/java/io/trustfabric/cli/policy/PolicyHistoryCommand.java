package io.trustfabric.cli.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.PolicyRevision;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.cli.resource.Ages;
import io.trustfabric.operator.policy.timeline.PolicyHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", description = {
        "A TrustPolicy's revisions, newest first: when, by whom, bundle digest, rule actions, what changed, what",
        "partners can obtain now (minimisation), the impact replayed on recorded decisions, and each revision's Events.",
        "Without --all the last 10 (status.timeline); with --all every revision the history ConfigMap keeps."})
public final class PolicyHistoryCommand extends PolicyClusterCommand {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "NAME", description = "The TrustPolicy.")
    String name;

    @Option(names = "--all", description = "Every revision the history ConfigMap keeps (up to 100), not only the last 10.")
    boolean all;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default) or json.")
    String output = "text";

    @Override
    int run(KubernetesClient client, String namespace) {
        if (!List.of("text", "json").contains(output)) {
            throw new IllegalArgumentException("unknown output format \"" + output + "\" (use text or json)");
        }
        TrustPolicy policy = policy(client, namespace, name);
        if (policy == null) {
            return 1;
        }
        List<ObjectNode> entries = all ? fromHistory(client, policy) : fromTimeline(policy);
        if (entries == null) {
            return 1;
        }
        List<Event> events = events(client, policy);
        if (output.equals("json")) {
            ArrayNode array = JSON.createArrayNode();
            for (ObjectNode entry : entries) {
                ArrayNode linked = entry.putArray("events");
                eventsOf(events, entry.path("revision").asLong()).forEach(e -> linked.addObject()
                        .put("type", e.getType()).put("reason", e.getReason()).put("message", e.getMessage())
                        .put("time", eventTime(e)).put("count", e.getCount() == null ? 1 : e.getCount()));
                array.add(entry);
            }
            try {
                out().println(JSON.writeValueAsString(array));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out().print(text(policy, entries, events, Instant.now()));
        }
        out().flush();
        return 0;
    }

    private List<ObjectNode> fromTimeline(TrustPolicy policy) {
        List<ObjectNode> out = new ArrayList<>();
        if (policy.getStatus() != null && policy.getStatus().getTimeline() != null) {
            policy.getStatus().getTimeline().forEach(entry -> out.add(JSON.valueToTree(entry)));
        }
        return out;
    }

    private List<ObjectNode> fromHistory(KubernetesClient client, TrustPolicy policy) {
        String mapName = policy.getStatus() != null && policy.getStatus().getHistory() != null
                ? policy.getStatus().getHistory() : PolicyHistory.name(policy.getMetadata().getName());
        ConfigMap map = client.configMaps().inNamespace(policy.getMetadata().getNamespace()).withName(mapName).get();
        if (map == null) {
            err().println("error: TrustPolicy " + policy.getMetadata().getNamespace() + "/" + name + " has no history"
                    + " ConfigMap " + mapName + " yet (the operator writes it with each new revision); without --all"
                    + " the status timeline is shown");
            err().flush();
            return null;
        }
        boolean owned = map.getMetadata().getOwnerReferences() != null && map.getMetadata().getOwnerReferences()
                .stream().anyMatch(o -> Objects.equals(o.getUid(), policy.getMetadata().getUid()));
        if (!owned) {
            err().println("error: ConfigMap " + mapName + " is not owned by this TrustPolicy (an earlier object of the"
                    + " same name left it; the operator replaces it with the next revision)");
            err().flush();
            return null;
        }
        List<ObjectNode> out = new ArrayList<>();
        Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
        for (PolicyHistory.Entry entry : PolicyHistory.entries(map)) {
            ObjectNode node = JSON.valueToTree(entry.revision());
            if (entry.rulesDigest() != null) {
                node.put("rulesDigest", entry.rulesDigest());
            }
            if (entry.rules() != null) {
                node.set("rules", entry.rules());
            }
            out.add(node);
        }
        if (out.size() < data.size()) {
            err().println("warning: " + (data.size() - out.size()) + " entries of ConfigMap " + mapName
                    + " could not be read");
            err().flush();
        }
        return out;
    }

    /** The human view: one block per revision, newest first. */
    static String text(TrustPolicy policy, List<ObjectNode> entries, List<Event> events, Instant now) {
        StringBuilder out = new StringBuilder();
        String where = policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
        Long inForce = policy.getStatus() == null ? null : policy.getStatus().getRevision();
        out.append("TrustPolicy ").append(where).append(" (tenant ").append(policy.getSpec().getTenantRef())
                .append("): ").append(inForce == null ? "no revision compiled yet" : "revision " + inForce + " in force")
                .append('\n');
        if (entries.isEmpty()) {
            out.append("No revisions yet.\n");
            return out.toString();
        }
        for (ObjectNode node : entries) {
            PolicyRevision entry = JSON.convertValue(stripped(node), PolicyRevision.class);
            out.append('\n');
            out.append("REVISION ").append(entry.getRevision()).append("  ").append(Objects.toString(entry.getAt(), "?"))
                    .append(" (").append(Ages.since(entry.getAt(), now)).append(" ago)  by ")
                    .append(entry.getBy() == null ? "unknown" : entry.getBy());
            if (entry.getRevertOf() != null) {
                out.append("  reverts revision ").append(entry.getRevertOf());
            }
            out.append('\n');
            if (entry.getDigest() != null) {
                out.append("  digest:       ").append(entry.getDigest()).append('\n');
            }
            if (entry.getActions() != null && !entry.getActions().isEmpty()) {
                StringBuilder actions = new StringBuilder();
                new TreeMap<>(entry.getActions()).forEach((rule, action) -> actions
                        .append(actions.length() == 0 ? "" : ", ").append(rule).append('=').append(action));
                out.append("  actions:      ").append(actions).append('\n');
            }
            block(out, "changes:", entry.getChanges(), "none");
            block(out, "minimisation:", entry.getMinimization(), "no change in what partners can obtain");
            out.append("  impact:       ").append(entry.getImpact() == null ? "not recorded" : entry.getImpact())
                    .append('\n');
            List<Event> linked = eventsOf(events, entry.getRevision() == null ? -1 : entry.getRevision());
            if (!linked.isEmpty()) {
                out.append("  events:\n");
                for (Event e : linked) {
                    out.append("    ").append(Ages.since(eventTime(e), now)).append("  ").append(e.getType())
                            .append("  ").append(e.getReason()).append("  ").append(e.getMessage()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void block(StringBuilder out, String title, List<String> lines, String none) {
        out.append("  ").append(String.format("%-14s", title));
        if (lines == null || lines.isEmpty()) {
            out.append(none).append('\n');
            return;
        }
        out.append(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            out.append("                ").append(line).append('\n');
        }
    }

    /** The entry without the fields only the history has (rules, their digest) and the linked events. */
    private static ObjectNode stripped(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("rules");
        copy.remove("rulesDigest");
        copy.remove("events");
        return copy;
    }
}
