package io.trustfabric.worker.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.receipt.Receipt;
import io.trustfabric.psi.receipt.ReceiptSigner;
import io.trustfabric.psi.receipt.SignedReceipt;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

class LeaseReceiptChainTest {

    private final ReceiptSigner signer = new ReceiptSigner(new Ed25519PrivateKeyParameters(new SecureRandom()), "k");

    private SignedReceipt next(LeaseReceiptChain chain) {
        long seq = chain.nextSequence();
        SignedReceipt signed = signer.sign(new Receipt("trust/acme", "globex", "b", "e1-0123456789abcdef", 1, seq,
                "q" + seq, "psi-ca", 1, 1, 1, Instant.parse("2026-12-03T10:00:00Z"), "k", chain.head()));
        chain.append(signed);
        return signed;
    }

    @Test
    void samplesUpToFourReceiptsSignedSinceThePreviousSampleEachOnce() {
        LeaseReceiptChain chain = new LeaseReceiptChain();
        List<String> signed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            signed.add(0, next(chain).compact());
        }
        assertThat(chain.takeSample()).containsExactlyElementsOf(signed.subList(0, LeaseReceiptChain.SAMPLED));
        assertThat(chain.takeSample()).isEmpty();
        String seventh = next(chain).compact();
        assertThat(chain.takeSample()).containsExactly(seventh);
    }
}
