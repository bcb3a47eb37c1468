package io.trustfabric.psi.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.Test;

class ChainHeadTest {
    private final ReceiptVerifier verifier = new ReceiptVerifier(new Ed25519PublicKeyParameters(ReceiptTestKeys.PUBLIC, 0));
    private final List<SignedReceipt> chain = ReceiptTestKeys.chain("e3-a", 4, 100, 1000);

    private String head(ReceiptSigner signer, int seq) {
        return signer.sign(new ChainHead("trust/acme", "globex", "acme-globex", "e3-a", 3, seq, chain.get(seq - 1).hash(),
                Instant.parse("2026-11-25T10:00:00Z"), signer.keyId())).compact();
    }

    @Test
    void aHeadAndAReceiptNeverPassForEachOther() {
        String head = head(ReceiptTestKeys.SIGNER, 4);
        assertThat(SignedChainHead.parseCompact(head).compact()).isEqualTo(head);
        assertThatThrownBy(() -> SignedReceipt.parseCompact(head)).hasMessageContaining("not a valid receipt");
        assertThatThrownBy(() -> SignedChainHead.parseCompact(chain.get(0).compact())).hasMessageContaining("not a valid chain head");
        assertThatThrownBy(() -> SignedChainHead.parseCompact(head + "==")).hasMessageContaining("padding");
    }

    @Test
    void truncatedCompleteAndForged() {
        ReceiptChainVerifier.Result all = new ReceiptChainVerifier(verifier).verify(ReceiptTestKeys.compact(chain));
        ReceiptChainVerifier.Result cut = new ReceiptChainVerifier(verifier).verify(ReceiptTestKeys.compact(chain.subList(0, 1)));
        ChainHeadCheck check = new ChainHeadCheck(verifier);
        List<String> heads = List.of(head(ReceiptTestKeys.SIGNER, 4));
        assertThat(check.compare(all, heads, "h")).singleElement().satisfies(f -> assertThat(f.problem()).isFalse());
        assertThat(check.compare(cut, heads, "h")).singleElement().satisfies(f -> assertThat(f.message())
                .contains("your file ends at #1, the chain is at #4: 3 receipt(s) missing"));
        ReceiptSigner forger = new ReceiptSigner(new Ed25519PrivateKeyParameters(new SecureRandom()), "acme-2026-11");
        List<ChainHeadCheck.Finding> forged = check.compare(cut, List.of(head(forger, 1)), "h");
        assertThat(forged).anySatisfy(f -> assertThat(f.message()).contains("bad signature"));
        assertThat(forged).noneSatisfy(f -> assertThat(f.message()).contains("complete"));
    }
}
