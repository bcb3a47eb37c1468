package io.trustfabric.worker.auth;

import io.trustfabric.worker.access.Partner;
import io.trustfabric.worker.access.PartnerAllowlist;
import io.trustfabric.worker.control.PartnerDirectory;
import io.trustfabric.worker.http.ProblemException;
import io.trustfabric.worker.http.ProblemType;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stage 1 of a query: who is asking. An API key is tried first, then the client certificate subject.
 * Without an allowlist document nobody is known (fail closed).
 */
public final class PartnerAuthenticator {
    private final PartnerDirectory directory;
    private final AtomicReference<VerifiedApiKeys> verified = new AtomicReference<>();

    public PartnerAuthenticator(PartnerDirectory directory) {
        this.directory = directory;
    }

    public Partner authenticate(PresentedCredentials credentials) {
        PartnerAllowlist allowlist = directory.current().orElseThrow(() -> new ProblemException(
                ProblemType.ALLOWLIST_UNAVAILABLE, "the worker has not loaded its partner allowlist yet; retry shortly"));
        if (credentials.apiKey() == null && credentials.certificateSubject() == null) {
            throw new ProblemException(ProblemType.UNKNOWN_CREDENTIALS, "no credentials: send your API key in the "
                    + PresentedCredentials.API_KEY_HEADER + " header or use your client certificate");
        }
        Optional<Partner> partner = credentials.apiKey() != null
                ? verifiedKeys(allowlist).partner(credentials.apiKey())
                : allowlist.byCertificateSubject(credentials.certificateSubject());
        return partner.orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_CREDENTIALS,
                credentials.apiKey() != null ? "the API key is not known to this tenant"
                        : "the client certificate subject " + credentials.certificateSubject().getName()
                        + " is not known to this tenant"));
    }

    /** The verified keys of exactly this document: a reloaded allowlist forgets every earlier match. */
    private VerifiedApiKeys verifiedKeys(PartnerAllowlist allowlist) {
        VerifiedApiKeys keys = verified.get();
        if (keys == null || keys.allowlist() != allowlist) {
            keys = new VerifiedApiKeys(allowlist);
            verified.set(keys);
        }
        return keys;
    }

    /** Keys remembered for the current document (for tests). */
    int verifiedKeyCount() {
        VerifiedApiKeys keys = verified.get();
        return keys == null ? 0 : keys.size();
    }
}
