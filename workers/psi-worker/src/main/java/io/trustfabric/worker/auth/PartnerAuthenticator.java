package io.trustfabric.worker.auth;

import io.trustfabric.worker.access.Partner;
import io.trustfabric.worker.access.PartnerAllowlist;
import io.trustfabric.worker.control.PartnerDirectory;
import io.trustfabric.worker.http.ProblemException;
import io.trustfabric.worker.http.ProblemType;
import java.util.Optional;

/**
 * Stage 1 of a query: who is asking. An API key is tried first, then the client certificate subject.
 * Without an allowlist document nobody is known (fail closed).
 */
public final class PartnerAuthenticator {
    private final PartnerDirectory directory;

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
                ? allowlist.byApiKey(credentials.apiKey())
                : allowlist.byCertificateSubject(credentials.certificateSubject());
        return partner.orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_CREDENTIALS,
                credentials.apiKey() != null ? "the API key is not known to this tenant"
                        : "the client certificate subject " + credentials.certificateSubject().getName()
                        + " is not known to this tenant"));
    }
}
