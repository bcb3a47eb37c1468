package io.trustfabric.operator.control;

/** Decides what a presented worker token is worth for a tenant (docs/control-api.md, "Transport and authentication"). */
public interface WorkerTokens {

    /** What a token proves. */
    enum Verdict {
        /** The token of the tenant in the request path. */
        THIS_TENANT,
        /** A valid token, but of another tenant: 403. */
        OTHER_TENANT,
        /** No tenant has this token: 401. */
        UNKNOWN
    }

    Verdict check(String namespace, String tenant, String presentedToken);
}
