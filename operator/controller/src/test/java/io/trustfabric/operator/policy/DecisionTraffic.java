package io.trustfabric.operator.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Decision inputs as a worker builds them (docs/decisions/policies.md, "Decision input"), and decision-log events as
 * a worker's OPA uploads them to the operator's control API ({@code POST …/policy/decisions}, gzip'd, with the
 * tenant's worker token).
 */
public final class DecisionTraffic {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DecisionTraffic() {
    }

    /** A partner's query: its region, contract flags and set size; psi-ca, email-lowercase. */
    public record Query(String partner, String region, List<String> flags, int setSize) {
    }

    public static ObjectNode input(String namespace, String tenant, Query query) {
        ObjectNode input = JSON.createObjectNode();
        ObjectNode t = input.putObject("tenant");
        t.put("namespace", namespace);
        t.put("name", tenant);
        t.putArray("modes").add("psi-ca").add("psi");
        t.putArray("contractFlags");
        t.put("normalization", "email-lowercase");
        ObjectNode partner = input.putObject("partner");
        partner.put("id", query.partner());
        partner.put("region", query.region());
        ArrayNode flags = partner.putArray("contractFlags");
        query.flags().forEach(flags::add);
        partner.putArray("modes").add("psi-ca");
        ObjectNode q = input.putObject("query");
        q.put("mode", "psi-ca");
        q.put("setSize", query.setSize());
        q.put("normalization", "email-lowercase");
        ObjectNode volume = input.putObject("volume");
        volume.putObject("hour").put("queries", 0).put("elements", 0);
        volume.putObject("day").put("queries", 0).put("elements", 0);
        input.putObject("budget").put("enforced", true);
        input.put("time", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return input;
    }

    /**
     * The decision-log event OPA writes for a decision of the default policy (no TrustPolicy governs the tenant):
     * allowed with the no-policy warning.
     */
    public static ObjectNode defaultPolicyEvent(ObjectNode input) {
        String tenant = input.path("tenant").path("name").asText();
        ObjectNode event = JSON.createObjectNode();
        event.putObject("labels").put("id", UUID.randomUUID().toString()).put("version", "1.22.4");
        event.put("decision_id", UUID.randomUUID().toString());
        ObjectNode bundles = event.putObject("bundles");
        bundles.putObject("macros").put("revision", "macros-0123456789abcdef");
        bundles.putObject("tenant-" + tenant).put("revision", tenant + "@0");
        event.put("path", "trustfabric/decision/result");
        event.set("input", input);
        ObjectNode result = event.putObject("result");
        result.put("allow", true);
        result.put("tenant", tenant);
        result.putNull("policy");
        result.put("revision", 0);
        result.putArray("denials");
        result.putArray("warnings").addObject().put("rule", "default").put("macro", "").put("action", "warn")
                .put("code", "no-policy").put("message", "no TrustPolicy governs tenant " + tenant);
        result.putArray("dryrun");
        result.putArray("obligations");
        result.putArray("errors");
        event.put("requested_by", "127.0.0.1:40000");
        event.put("timestamp", Instant.now().toString());
        event.putObject("metrics").put("timer_server_handler_ns", 812345);
        event.put("req_id", 1);
        return event;
    }

    /** Uploads the events as a worker's OPA does: gzip'd JSON array with the tenant's worker token. */
    public static void upload(String controlUrl, String namespace, String tenant, String token, List<ObjectNode> events)
            throws IOException, InterruptedException {
        ArrayNode array = JSON.createArrayNode();
        events.forEach(array::add);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(JSON.writeValueAsBytes(array));
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(controlUrl
                        + "/control/v1/namespaces/" + namespace + "/tenants/" + tenant + "/policy/decisions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("upload answered " + response.statusCode() + ": " + response.body());
        }
    }
}
