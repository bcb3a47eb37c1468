package io.trustfabric.worker.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per query decision on the logger {@code trustfabric.audit}: who asked, what, and whether
 * it was allowed (or why not). Never items, elements or credentials: the line is built only from the
 * fields of {@link AuditEvent}, none of which can carry them.
 */
public final class AuditLog {
    public static final String LOGGER_NAME = "trustfabric.audit";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER_NAME);

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    public void record(AuditEvent event) {
        AUDIT.info(line(event));
    }

    String line(AuditEvent event) {
        JsonObject json = new JsonObject()
                .put("time", clock.instant().toString())
                .put("requestId", event.requestId())
                .put("tenant", event.tenant())
                .put("partner", event.partner())
                .put("mode", event.mode())
                .put("elements", event.elements())
                .put("decision", event.allowed() ? "allowed" : event.isAborted() ? "aborted" : "refused");
        if (event.isAborted()) {
            json.put("reason", event.reason());
        } else if (!event.allowed()) {
            json.put("reason", event.reason());
            json.put("status", event.status());
        }
        AuditEvent.Policy policy = event.policy();
        if (policy != null) {
            JsonObject verdict = new JsonObject().put("outcome", policy.outcome());
            if (policy.decisionId() != null) {
                verdict.put("decisionId", policy.decisionId()).put("revision", policy.revision());
            }
            if (!policy.dryrun().isEmpty()) {
                JsonArray dryrun = new JsonArray();
                policy.dryrun().forEach(finding -> dryrun.add(finding.toJson()));
                verdict.put("dryrun", dryrun);
            }
            json.put("policy", verdict);
        }
        return json.encode();
    }
}
