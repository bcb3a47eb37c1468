package io.trustfabric.worker.auth;

import io.trustfabric.worker.access.Partner;
import io.trustfabric.worker.access.PartnerAllowlist;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API keys that already matched a partner of one allowlist document, so a returning partner costs one
 * hash instead of one per partner ({@link PartnerAllowlist#byApiKey} hashes the key under every partner's
 * salt). Keys are remembered only by a fingerprint under a secret of this instance, never in the clear;
 * only keys that matched are remembered (an unknown key always takes the full scan and is never stored),
 * so there is at most one entry per partner. Valid for its allowlist only: a new document starts empty,
 * which is how a removed or rotated key stops working.
 */
final class VerifiedApiKeys {
    private final PartnerAllowlist allowlist;
    private final byte[] secret = new byte[32];
    private final Map<String, Partner> byFingerprint = new ConcurrentHashMap<>();

    VerifiedApiKeys(PartnerAllowlist allowlist) {
        this.allowlist = allowlist;
        new SecureRandom().nextBytes(secret);
    }

    PartnerAllowlist allowlist() {
        return allowlist;
    }

    /** The partner whose key is {@code presented}, as {@link PartnerAllowlist#byApiKey} would find it. */
    Optional<Partner> partner(String presented) {
        String fingerprint = fingerprint(presented);
        Partner known = byFingerprint.get(fingerprint);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Partner> found = allowlist.byApiKey(presented);
        found.ifPresent(partner -> byFingerprint.put(fingerprint, partner));
        return found;
    }

    int size() {
        return byFingerprint.size();
    }

    private String fingerprint(String presented) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(secret);
            return java.util.HexFormat.of().formatHex(sha.digest(presented.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
