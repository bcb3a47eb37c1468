package io.trustfabric.worker.control;

import io.trustfabric.worker.access.PartnerAllowlist;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The allowlist a tenant currently enforces. Empty until a document was loaded: then every query is
 * refused (fail closed). A newer document replaces the old one atomically; a failed load keeps the old one.
 */
public final class PartnerDirectory {
    private final AtomicReference<PartnerAllowlist> current = new AtomicReference<>();

    public Optional<PartnerAllowlist> current() {
        return Optional.ofNullable(current.get());
    }

    public void install(PartnerAllowlist allowlist) {
        current.set(allowlist);
    }
}
