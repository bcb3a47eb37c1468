package io.trustfabric.worker.auth;

import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * What a request offers to prove who sent it: an API key (header {@code X-TrustFabric-Api-Key: <key>} or
 * {@code Authorization: ApiKey <key>}) and/or the subject of a verified TLS client certificate.
 * {@link #toString()} never shows the key.
 */
public record PresentedCredentials(String apiKey, X500Principal certificateSubject) {
    public static final String API_KEY_HEADER = "X-TrustFabric-Api-Key";
    private static final String AUTHORIZATION_SCHEME = "apikey ";

    public static PresentedCredentials fromHeaders(String apiKeyHeader, String authorization,
                                                   X500Principal certificateSubject) {
        String key = apiKeyHeader != null && !apiKeyHeader.isBlank() ? apiKeyHeader.strip() : null;
        if (key == null && authorization != null
                && authorization.strip().toLowerCase(Locale.ROOT).startsWith(AUTHORIZATION_SCHEME)) {
            key = authorization.strip().substring(AUTHORIZATION_SCHEME.length()).strip();
        }
        return new PresentedCredentials(key == null || key.isEmpty() ? null : key, certificateSubject);
    }

    @Override
    public String toString() {
        return "PresentedCredentials[apiKey=" + (apiKey == null ? "none" : "redacted")
                + ", certificateSubject=" + certificateSubject + "]";
    }
}
