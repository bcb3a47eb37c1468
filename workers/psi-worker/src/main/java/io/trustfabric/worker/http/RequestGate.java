package io.trustfabric.worker.http;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.worker.access.Partner;
import io.trustfabric.worker.auth.PresentedCredentials;
import io.trustfabric.worker.metrics.WorkerMetrics;
import io.trustfabric.worker.ratelimit.PartnerRateLimiter;
import io.trustfabric.worker.ratelimit.Rate;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * The stages every partner request passes before any work: identify the request, authenticate the
 * partner, authorize the question, take a token from the partner's rate limit. Each stage either passes
 * or throws a {@link ProblemException}; none changes anything but the partner's token bucket.
 */
final class RequestGate {
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String PARTNER_HEADER = "X-TrustFabric-Partner";
    static final String CONTRACT_FLAGS_HEADER = "X-TrustFabric-Contract-Flags";
    static final String TENANT_HEADER = "X-TrustFabric-Tenant";
    private static final String REQUEST_ID = "tf.requestId";
    private static final String PARTNER = "tf.partner";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final TenantRuntime tenant;
    /** The tenant's own flags as the header carries them (sorted, comma-separated), null if none. */
    private final String tenantFlags;

    RequestGate(TenantRuntime tenant) {
        this.tenant = tenant;
        this.tenantFlags = flagsHeader(new TreeSet<>(tenant.config().tenant().contractFlags()));
    }

    /** Stage 0: request id (the caller's if well-formed, else a new one) and tenant headers on the answer. */
    void identify(RoutingContext ctx) {
        String given = ctx.request().getHeader(REQUEST_ID_HEADER);
        String id = given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.put(REQUEST_ID, id);
        HttpServerResponse response = ctx.response();
        response.putHeader(REQUEST_ID_HEADER, id).putHeader(TENANT_HEADER, tenant.config().tenant().id());
        putFlags(response, List.of());
    }

    /** Stage 1: who is asking (401 unknown-credentials, 503 allowlist-unavailable). */
    Partner authenticate(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        PresentedCredentials credentials = PresentedCredentials.fromHeaders(
                request.getHeader(PresentedCredentials.API_KEY_HEADER), request.getHeader("Authorization"), null);
        if (credentials.apiKey() == null) { // the certificate only counts without a key: look only then (it costs)
            credentials = new PresentedCredentials(null, clientCertificateSubject(request));
        }
        Partner partner = tenant.authenticator().authenticate(credentials);
        ctx.put(PARTNER, partner);
        ctx.response().putHeader(PARTNER_HEADER, partner.id());
        putFlags(ctx.response(), partner.contractFlags());
        return partner;
    }

    /** Stage 2: may the partner ask this (403 tenant-not-enabled, partner-expired, mode-not-served, mode-not-allowed). */
    void authorize(Partner partner, PsiMode mode) {
        tenant.authorizer().authorizeQuery(partner, mode);
    }

    /** Stage 3: the partner's token bucket (429 rate-limited with Retry-After). */
    void rateLimit(Partner partner) {
        Rate rate = partner.rate() != null ? partner.rate() : tenant.config().tenant().defaultPartnerRate();
        long waitNanos = tenant.rateLimiter().tryAcquire(partner.id(), rate);
        if (waitNanos > 0) {
            long seconds = PartnerRateLimiter.retryAfterSeconds(waitNanos);
            throw new ProblemException(ProblemType.RATE_LIMITED, "partner " + partner.id() + " may send "
                    + rate.requestsPerSecond() + " requests per second (burst " + rate.burst() + "); retry in "
                    + seconds + " s", Map.of(ProblemException.RETRY_AFTER_SECONDS, seconds));
        }
    }

    static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID);
        return id == null ? "" : id;
    }

    /** The authenticated partner (set by {@link #authenticate}), or null. */
    static Partner partner(RoutingContext ctx) {
        return ctx.get(PARTNER);
    }

    /** The authenticated partner's id, or {@code unauthenticated}. */
    static String partnerId(RoutingContext ctx) {
        Partner partner = ctx.get(PARTNER);
        return partner == null ? WorkerMetrics.UNAUTHENTICATED : partner.id();
    }

    private void putFlags(HttpServerResponse response, List<String> partnerFlags) {
        String header = tenantFlags;
        if (!partnerFlags.isEmpty()) {
            TreeSet<String> flags = new TreeSet<>(tenant.config().tenant().contractFlags());
            flags.addAll(partnerFlags);
            header = flagsHeader(flags);
        }
        if (header == null) {
            response.headers().remove(CONTRACT_FLAGS_HEADER);
        } else {
            response.putHeader(CONTRACT_FLAGS_HEADER, header);
        }
    }

    private static String flagsHeader(TreeSet<String> flags) {
        return flags.isEmpty() ? null : String.join(",", flags);
    }

    private static X500Principal clientCertificateSubject(HttpServerRequest request) {
        SSLSession session = request.isSSL() ? request.sslSession() : null;
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509.getSubjectX500Principal() : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
