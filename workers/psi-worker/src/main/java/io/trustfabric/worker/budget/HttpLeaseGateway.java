package io.trustfabric.worker.budget;

import io.trustfabric.psi.protocol.PsiMode;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** The lease endpoints of the operator's control API over HTTP, with the tenant's worker token. */
public final class HttpLeaseGateway implements LeaseGateway {
    static final String PROBLEM_BASE = "https://trustfabric.io/problems/control/";
    private static final int ATTEMPTS = 3;

    private final URI leases;
    private final Supplier<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** @param tokenFile the worker token file, re-read on every call (the Secret may rotate); null: no token */
    public HttpLeaseGateway(URI controlUrl, String namespace, String tenant, Path tokenFile) {
        String base = controlUrl.toString().replaceAll("/+$", "");
        this.leases = URI.create(base + "/control/v1/namespaces/" + namespace + "/tenants/" + tenant + "/leases");
        this.token = () -> readToken(tokenFile);
    }

    @Override
    public LeaseGrant acquire(String holder, String partner, long requestMicroEpsilon) throws BudgetRefusedException {
        JsonObject body = new JsonObject().put("holder", holder).put("partner", partner);
        if (requestMicroEpsilon > 0) {
            body.put("requestMicroEpsilon", requestMicroEpsilon);
        }
        HttpResponse<String> response;
        try {
            response = send("POST", leases, body);
        } catch (ControlUnavailableException e) {
            throw new BudgetRefusedException(BudgetRefusedException.Reason.UNAVAILABLE, e.getMessage(), null,
                    e.retryAfter());
        }
        Duration retryAfter = retryAfter(response);
        JsonObject json = json(response);
        String type = json.getString("type", "");
        if (response.statusCode() == 201 || response.statusCode() == 200) {
            try {
                return grant(json);
            } catch (RuntimeException e) {
                throw new BudgetRefusedException(BudgetRefusedException.Reason.UNAVAILABLE,
                        "the control API sent a malformed lease: " + e.getMessage(), null);
            }
        }
        if (response.statusCode() == 429 && type.equals(PROBLEM_BASE + "budget-exhausted")) {
            throw new BudgetRefusedException(BudgetRefusedException.Reason.EXHAUSTED, "the privacy budget for partner "
                    + partner + " is exhausted this period", instant(json.getString("periodEnd")), retryAfter);
        }
        if (response.statusCode() == 404 && type.equals(PROBLEM_BASE + "no-budget")) {
            throw new BudgetRefusedException(BudgetRefusedException.Reason.NO_BUDGET,
                    "no privacy budget applies to partner " + partner, null, retryAfter);
        }
        throw new BudgetRefusedException(BudgetRefusedException.Reason.UNAVAILABLE, "the control API refused a lease: "
                + response.statusCode() + " " + json.getString("detail", type), null, retryAfter);
    }

    /** The {@code Retry-After} header in seconds (the control API never sends a date), or null. */
    static Duration retryAfter(HttpResponse<String> response) {
        try {
            return response.headers().firstValue("Retry-After").map(String::strip).map(Long::parseLong)
                    .filter(seconds -> seconds >= 0).map(Duration::ofSeconds).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void report(String leaseId, LeaseReport report) throws LeaseGoneException, ControlUnavailableException {
        settle(send("POST", URI.create(leases + "/" + leaseId + "/receipts"), reportJson(report)), leaseId);
    }

    @Override
    public Instant renew(String leaseId, LeaseReport report) throws LeaseGoneException, ControlUnavailableException {
        JsonObject json = settle(send("POST", URI.create(leases + "/" + leaseId + "/renew"), reportJson(report)), leaseId);
        Instant expires = instant(json.getString("expires"));
        if (expires == null) {
            throw new ControlUnavailableException("the renew answer has no expires");
        }
        return expires;
    }

    @Override
    public void release(String leaseId, LeaseReport report) throws LeaseGoneException, ControlUnavailableException {
        settle(send("DELETE", URI.create(leases + "/" + leaseId), reportJson(report)), leaseId);
    }

    private JsonObject settle(HttpResponse<String> response, String leaseId)
            throws LeaseGoneException, ControlUnavailableException {
        JsonObject json = json(response);
        int status = response.statusCode();
        if (status == 200) {
            return json;
        }
        if (status == 404 || status == 410) {
            throw new LeaseGoneException("lease " + leaseId + ": " + status + " " + json.getString("type", ""));
        }
        throw new ControlUnavailableException("lease " + leaseId + ": " + status + " " + json.getString("detail", ""));
    }

    static JsonObject reportJson(LeaseReport report) {
        JsonObject receipts = new JsonObject().put("count", report.receiptCount())
                .put("chainHead", report.chainHead()).put("last", new JsonArray(report.last()));
        if (!report.sample().isEmpty()) {
            receipts.put("sample", new JsonArray(report.sample()));
        }
        return new JsonObject().put("spentMicroEpsilon", report.spentMicroEpsilon()).put("receipts", receipts);
    }

    /**
     * Retries what the contract says to retry: not-leader, budget-busy, lease-limit (503) and connection errors,
     * at most {@value #ATTEMPTS} times in all, pausing only between attempts.
     */
    private HttpResponse<String> send(String method, URI uri, JsonObject body) throws ControlUnavailableException {
        String problem = "";
        Duration retryAfter = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
                String bearer = token.get();
                if (bearer != null) {
                    request.header("Authorization", "Bearer " + bearer);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503) {
                    return response;
                }
                problem = "503 " + json(response).getString("type", "");
                retryAfter = retryAfter(response);
            } catch (IOException e) {
                problem = "cannot reach " + uri.getHost() + ":" + uri.getPort() + ": " + e;
                retryAfter = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ControlUnavailableException("interrupted");
            }
            if (attempt < ATTEMPTS) {
                pause(attempt * 200L);
            }
        }
        throw new ControlUnavailableException("the control API is unavailable (" + problem + ")", retryAfter);
    }

    private static void pause(long millis) throws ControlUnavailableException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlUnavailableException("interrupted");
        }
    }

    static LeaseGrant grant(JsonObject json) {
        JsonObject cost = json.getJsonObject("cost", new JsonObject());
        Map<PsiMode, Long> flat = new EnumMap<>(PsiMode.class);
        for (PsiMode mode : PsiMode.values()) {
            if (cost.getValue(mode.wireName()) != null) {
                flat.put(mode, wholeNumber(cost, mode.wireName()));
            }
        }
        return new LeaseGrant(required(json, "leaseId"), required(json, "budget"), required(json, "partner"),
                wholeNumber(json, "grantedMicroEpsilon"), instant(required(json, "expires")),
                instant(required(json, "periodEnd")), wholeNumber(json, "epoch"),
                wholeNumber(json, "remainingMicroEpsilon"), flat,
                cost.getValue("perElement") == null ? 0 : wholeNumber(cost, "perElement"),
                json.getValue("spendMarginSeconds") == null ? 10 : wholeNumber(json, "spendMarginSeconds"));
    }

    private static String required(JsonObject json, String field) {
        String value = json.getString(field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static long wholeNumber(JsonObject json, String field) {
        if (!(json.getValue(field) instanceof Number n) || n instanceof Double || n instanceof Float) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return n.longValue();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an instant: " + text);
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        try {
            return response.body() == null || response.body().isBlank() ? new JsonObject() : new JsonObject(response.body());
        } catch (DecodeException | ClassCastException e) {
            return new JsonObject();
        }
    }

    private static String readToken(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
