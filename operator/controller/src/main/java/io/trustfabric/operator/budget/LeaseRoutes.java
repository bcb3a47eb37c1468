package io.trustfabric.operator.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.trustfabric.operator.budget.LeaseMessages.LeaseReport;
import io.trustfabric.operator.budget.LeaseMessages.LeaseRequest;
import io.trustfabric.operator.control.ControlProblem;
import io.trustfabric.operator.control.ControlRequest;
import io.trustfabric.operator.control.ControlResponse;
import io.trustfabric.operator.control.ControlRoute;
import io.trustfabric.operator.control.ControlRoutes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * The budget lease endpoints of the control API (docs/control-api.md, "Budget leases"). Leader-only: the leader
 * is the single writer of PrivacyBudget.status. Bodies are parsed strictly (integers must be JSON integers).
 */
public final class LeaseRoutes {

    private static final ObjectMapper JSON = strictMapper();

    private LeaseRoutes() {
    }

    public static ControlRoutes register(ControlRoutes routes, LeaseService leases) {
        return routes
                .add(route("POST", "/leases", request -> ControlResponse.json(201,
                        leases.grant(request.namespace(), request.tenant(), parse(request, LeaseRequest.class)))))
                .add(route("POST", "/leases/{leaseId}/renew", request -> ControlResponse.json(200,
                        leases.report(request.namespace(), request.tenant(), request.pathParameter("leaseId"),
                                report(request), true))))
                .add(route("POST", "/leases/{leaseId}/receipts", request -> ControlResponse.json(200,
                        leases.report(request.namespace(), request.tenant(), request.pathParameter("leaseId"),
                                report(request), false))))
                .add(route("DELETE", "/leases/{leaseId}", request -> ControlResponse.json(200,
                        leases.release(request.namespace(), request.tenant(), request.pathParameter("leaseId"),
                                report(request)))));
    }

    /** A refusal as the control API's problem document, with its extension members and Retry-After. */
    static ControlResponse problem(LeaseRefusal refusal) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", ControlProblem.TYPE_PREFIX + refusal.type());
        body.put("title", title(refusal.type()));
        body.put("status", refusal.status());
        body.put("detail", refusal.getMessage());
        refusal.members().forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        ControlResponse response = new ControlResponse(refusal.status(), ControlProblem.CONTENT_TYPE, Map.of(),
                body.toString().getBytes(StandardCharsets.UTF_8));
        return refusal.retryAfterSeconds() == null ? response
                : response.withHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
    }

    private static String title(String type) {
        return switch (type) {
            case "budget-exhausted" -> "Privacy budget exhausted";
            case "no-budget" -> "No privacy budget for this partner";
            case "ambiguous-budget" -> "More than one privacy budget applies";
            case "invalid-budget" -> "The privacy budget cannot be used";
            case "unknown-lease" -> "No such lease";
            case "lease-expired" -> "Lease expired";
            case "invalid-report" -> "Report contradicts the ledger";
            case "lease-limit" -> "Too many live leases";
            case "budget-busy" -> "Budget busy";
            default -> "Invalid lease request";
        };
    }

    private static ControlRoute route(String method, String path, Function<ControlRequest, ControlResponse> handler) {
        return new ControlRoute() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public boolean leaderOnly() {
                return true;
            }

            @Override
            public ControlResponse handle(ControlRequest request) {
                try {
                    return handler.apply(request);
                } catch (LeaseRefusal refusal) {
                    return problem(refusal);
                }
            }
        };
    }

    private static LeaseReport report(ControlRequest request) {
        return request.body().length == 0 ? LeaseReport.NONE : parse(request, LeaseReport.class);
    }

    private static <T> T parse(ControlRequest request, Class<T> type) {
        try {
            T value = JSON.readValue(request.body(), type);
            if (value == null) {
                throw LeaseRefusal.invalidRequest("The body must be a JSON object.");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw LeaseRefusal.invalidRequest("The body is not a valid " + type.getSimpleName() + " JSON object: "
                    + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw LeaseRefusal.invalidRequest("The body cannot be read.");
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }
}
