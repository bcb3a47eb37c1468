package io.trustfabric.operator.policy.decisions;

import io.trustfabric.operator.control.ControlProblem;
import io.trustfabric.operator.control.ControlRequest;
import io.trustfabric.operator.control.ControlResponse;
import io.trustfabric.operator.control.ControlRoute;
import java.util.List;
import java.util.Map;

/**
 * {@code POST …/policy/decisions}: OPA's decision-log upload (its {@code decision_logs} service resource). The body
 * is a JSON array of events, gzip'd with {@code Content-Encoding: gzip} or plain; at most
 * {@link #MAX_BODY_BYTES} as sent and as decompressed (413 beyond). A body that cannot be read is 400 and nothing
 * of it is kept; otherwise 200 with what was stored, dropped (another tenant's) and ignored.
 */
public final class DecisionUploadRoute implements ControlRoute {

    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final DecisionLog log;

    public DecisionUploadRoute(DecisionLog log) {
        this.log = log;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/policy/decisions";
    }

    @Override
    public boolean leaderOnly() {
        return true;
    }

    @Override
    public int maxBodyBytes() {
        return MAX_BODY_BYTES;
    }

    @Override
    public ControlResponse handle(ControlRequest request) {
        boolean gzip = request.header("Content-Encoding").map(value -> value.trim().equalsIgnoreCase("gzip"))
                .orElse(false);
        List<com.fasterxml.jackson.databind.JsonNode> events;
        try {
            events = DecisionEvents.read(request.body(), gzip, MAX_BODY_BYTES);
        } catch (DecisionEvents.UnreadableUpload e) {
            if (e.tooLarge()) {
                throw new ControlProblem(413, "payload-too-large", "Request body too large", e.getMessage()
                        + "; OPA's decision_logs.reporting.upload_size_limit_bytes must stay below it.");
            }
            throw new ControlProblem(400, "invalid-decision-log", "Unreadable decision log upload", e.getMessage()
                    + ".");
        }
        DecisionLog.Accepted accepted = log.add(new TenantRef(request.namespace(), request.tenant()), events);
        return ControlResponse.json(200, Map.of("stored", accepted.stored(), "dropped", accepted.foreign(),
                "ignored", accepted.ignored()));
    }
}
