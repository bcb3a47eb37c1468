package io.trustfabric.operator.allowlist;

/** What the operator decided about one allowlist entry. */
public enum PartnerState {
    /** Served: may query now. */
    ACTIVE,
    /** Served as expired, so workers answer 403 partner-expired instead of 401. */
    EXPIRED,
    /** Not served: the entry cannot be used (credential missing, no mode the tenant allows, bad expiry). */
    INVALID,
    /** Not served: another allowlist of the same tenant names the same partner id (fail closed, no merge). */
    DUPLICATE;

    public boolean served() {
        return this == ACTIVE || this == EXPIRED;
    }
}
