package io.trustfabric.operator.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.receipt.Receipt;
import io.trustfabric.psi.receipt.ReceiptSigner;
import io.trustfabric.psi.receipt.SignedReceipt;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

class SampledReceiptCheckTest {

    private static final String LEASE = "e3-5f1c2a9b7d04e6a1";
    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    private final Ed25519PrivateKeyParameters otherKey = new Ed25519PrivateKeyParameters(new SecureRandom());

    private static String publicKey(Ed25519PrivateKeyParameters key) {
        return Base64.getEncoder().encodeToString(key.generatePublicKey().getEncoded());
    }

    private static SignedReceipt receipt(Ed25519PrivateKeyParameters key, String tenant, long sequence) {
        Receipt receipt = new Receipt(tenant, "globex", "acme-globex", LEASE, 3, sequence, "q-" + sequence, "psi-ca",
                250, 100_000, 43_900_000, Instant.parse("2026-12-03T09:14:02.118Z"), "acme-3f1a9c0d22b7e481",
                Receipt.GENESIS);
        return new ReceiptSigner(key, "acme-3f1a9c0d22b7e481").sign(receipt);
    }

    @Test
    void aReceiptSignedWithTheTenantsKeyVerifies() {
        SignedReceipt signed = receipt(key, "trust/acme", 2);
        assertThat(SampledReceiptCheck.check(signed.compact(), publicKey(key), "trust/acme", LEASE, 5L, "sha256:ff")
                .verified()).isTrue();
        assertThat(SampledReceiptCheck.check(signed.compact(), publicKey(key), "trust/acme", LEASE, 2L, signed.hash())
                .verified()).as("the newest receipt is the chain head").isTrue();
    }

    @Test
    void aForgedSignatureDoesNotVerify() {
        String compact = receipt(key, "trust/acme", 1).compact();
        String json = compact.substring(0, compact.indexOf('.'));
        String forged = receipt(otherKey, "trust/acme", 1).compact();
        String forgedSignature = forged.substring(forged.indexOf('.') + 1);
        SampledReceiptCheck.Outcome outcome = SampledReceiptCheck.check(json + "." + forgedSignature, publicKey(key),
                "trust/acme", LEASE, 1L, null);
        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.problem()).contains("signature");
        // a changed byte in the signed JSON: another receipt under the original signature
        String changed = receipt(key, "trust/acme", 7).compact();
        String tampered = changed.substring(0, changed.indexOf('.')) + compact.substring(compact.indexOf('.'));
        assertThat(SampledReceiptCheck.check(tampered, publicKey(key), "trust/acme", LEASE, 9L, null).verified())
                .isFalse();
    }

    @Test
    void aReceiptSignedWithAnotherKeyDoesNotVerify() {
        String compact = receipt(otherKey, "trust/acme", 1).compact();
        assertThat(SampledReceiptCheck.check(compact, publicKey(key), "trust/acme", LEASE, 1L, null).verified())
                .isFalse();
    }

    @Test
    void garbageAndMissingKeysFailClosed() {
        assertThat(SampledReceiptCheck.check("not a receipt", publicKey(key), "trust/acme", LEASE, 1L, null)
                .verified()).isFalse();
        assertThat(SampledReceiptCheck.check("", publicKey(key), "trust/acme", LEASE, 1L, null).verified()).isFalse();
        String compact = receipt(key, "trust/acme", 1).compact();
        assertThat(SampledReceiptCheck.check(compact, null, "trust/acme", LEASE, 1L, null).verified()).isFalse();
        assertThat(SampledReceiptCheck.check(compact, "/etc/hostname", "trust/acme", LEASE, 1L, null).verified())
                .as("a key that is a path is not read").isFalse();
    }

    @Test
    void aReceiptOfAnotherTenantLeaseOrChainPlaceDoesNotVerify() {
        SignedReceipt other = receipt(key, "trust/globex", 1);
        assertThat(SampledReceiptCheck.check(other.compact(), publicKey(key), "trust/acme", LEASE, 1L, null)
                .verified()).isFalse();
        SignedReceipt mine = receipt(key, "trust/acme", 3);
        assertThat(SampledReceiptCheck.check(mine.compact(), publicKey(key), "trust/acme", "e3-0000000000000000", 3L,
                null).verified()).isFalse();
        assertThat(SampledReceiptCheck.check(mine.compact(), publicKey(key), "trust/acme", LEASE, 2L, null)
                .problem()).contains("beyond the reported chain length 2");
        assertThat(SampledReceiptCheck.check(mine.compact(), publicKey(key), "trust/acme", LEASE, 3L,
                "sha256:" + "1".repeat(64)).problem()).contains("chain head");
    }
}
