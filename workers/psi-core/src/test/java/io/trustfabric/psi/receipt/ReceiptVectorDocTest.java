package io.trustfabric.psi.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.Test;

/** The test vector published in docs/receipts.md verifies, and its non-canonical spellings do not. */
class ReceiptVectorDocTest {
    private static final Path DOC = Path.of("../../docs/receipts.md");

    private static String block(String doc, String name) {
        String marker = "<!-- receipt-vector:" + name + " -->\n```\n";
        int start = doc.indexOf(marker);
        assertThat(start).as("docs/receipts.md has the " + name + " block").isNotNegative();
        start += marker.length();
        return doc.substring(start, doc.indexOf("\n```", start));
    }

    @Test
    void thePublishedVectorVerifiesAndOnlyInItsCanonicalSpelling() throws Exception {
        String doc = Files.readString(DOC);
        String compact = block(doc, "compact");
        SignedReceipt signed = SignedReceipt.parseCompact(compact);
        assertThat(signed.receipt().canonicalJson()).isEqualTo(block(doc, "json"));
        assertThat(signed.hash()).isEqualTo(block(doc, "hash"));
        ReceiptVerifier verifier = new ReceiptVerifier(new Ed25519PublicKeyParameters(ReceiptTestKeys.PUBLIC, 0));
        assertThat(verifier.signatureValid(signed)).isTrue();
        assertThat(ReceiptTestKeys.SIGNER.sign(signed.receipt()).compact()).isEqualTo(compact);
        ReceiptChainVerifier chain = new ReceiptChainVerifier(verifier);
        assertThat(chain.verify(List.of(compact)).valid()).isTrue();
        assertThat(compact).endsWith("Q");
        for (String variant : List.of(compact + "==", compact.substring(0, compact.length() - 1) + "R")) {
            assertThatThrownBy(() -> SignedReceipt.parseCompact(variant)).hasMessageContaining("not a valid receipt");
            assertThat(chain.verify(List.of(variant)).valid()).isFalse();
        }
    }
}
