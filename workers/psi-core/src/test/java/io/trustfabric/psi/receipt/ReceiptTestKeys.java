package io.trustfabric.psi.receipt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** RFC 8032 section 7.1 TEST 2's key pair, and helpers that build valid receipt chains with it. */
final class ReceiptTestKeys {
    static final byte[] SECRET = HexFormat.of().parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    static final byte[] PUBLIC = HexFormat.of().parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    static final ReceiptSigner SIGNER = new ReceiptSigner(new Ed25519PrivateKeyParameters(SECRET, 0), "acme-2026-11");

    private ReceiptTestKeys() {
    }

    /** {@code count} receipts of one lease granted {@code remainingAtGrant}, each costing {@code cost}. */
    static List<SignedReceipt> chain(String leaseId, int count, long cost, long remainingAtGrant) {
        List<SignedReceipt> receipts = new ArrayList<>();
        String prev = Receipt.GENESIS;
        long remaining = remainingAtGrant;
        for (int seq = 1; seq <= count; seq++) {
            remaining -= cost;
            SignedReceipt signed = SIGNER.sign(new Receipt("trust/acme", "globex", "acme-globex", leaseId, 3, seq,
                    leaseId + "-q" + seq, "psi-ca", 10, cost, remaining, Instant.parse("2026-11-25T09:00:00Z").plusSeconds(seq),
                    SIGNER.keyId(), prev));
            receipts.add(signed);
            prev = signed.hash();
        }
        return receipts;
    }

    static List<String> compact(List<SignedReceipt> receipts) {
        return new ArrayList<>(receipts.stream().map(SignedReceipt::compact).toList());
    }
}
