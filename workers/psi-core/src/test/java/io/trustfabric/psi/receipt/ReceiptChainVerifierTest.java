package io.trustfabric.psi.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.Test;

class ReceiptChainVerifierTest {
    private final ReceiptChainVerifier verifier =
            new ReceiptChainVerifier(new ReceiptVerifier(new Ed25519PublicKeyParameters(ReceiptTestKeys.PUBLIC, 0)));

    private List<String> validFile() {
        List<String> lines = ReceiptTestKeys.compact(ReceiptTestKeys.chain("e3-a", 5, 100_000, 3_000_000));
        lines.addAll(ReceiptTestKeys.compact(ReceiptTestKeys.chain("e3-b", 3, 100_000, 2_000_000)));
        return lines;
    }

    @Test
    void aTamperedReceiptFailsAndIsNamed() {
        List<String> lines = validFile();
        String[] parts = lines.get(2).split("\\.");
        String json = new String(Base64.getUrlDecoder().decode(parts[0]));
        String cheaper = json.replace("\"costMicroEpsilon\":100000", "\"costMicroEpsilon\":1");
        lines.set(2, Base64.getUrlEncoder().withoutPadding().encodeToString(cheaper.getBytes()) + "." + parts[1]);
        ReceiptChainVerifier.Result result = verifier.verify(lines);
        assertThat(result.valid()).isFalse();
        assertThat(result.failures().get(0).toString()).contains("line 3").contains("seq 3").contains("bad signature");
    }

    @Test
    void reorderedReceiptsFail() {
        List<String> lines = validFile();
        Collections.swap(lines, 1, 2);
        ReceiptChainVerifier.Result result = verifier.verify(lines);
        assertThat(result.valid()).isFalse();
        assertThat(result.failures().get(0).toString()).startsWith("line 2 (lease e3-a seq 3")
                .contains("gap: sequence 3 follows 1");
    }

    @Test
    void aDroppedReceiptIsAGap() {
        List<String> lines = validFile();
        lines.remove(3);
        ReceiptChainVerifier.Result result = verifier.verify(lines);
        assertThat(result.failures()).extracting(Object::toString).containsExactly(
                "line 4 (lease e3-a seq 5, query e3-a-q5): gap: sequence 5 follows 3; receipt(s) 4 are missing");
    }

    @Test
    void droppingTheFirstReceiptOfALeaseIsAGap() {
        List<String> lines = validFile();
        lines.remove(5);
        assertThat(verifier.verify(lines).failures().get(0).message()).contains("receipts 1..1 are missing");
    }

    @Test
    void aReplayedReceiptFails() {
        List<String> lines = validFile();
        lines.add(lines.get(4));
        ReceiptChainVerifier.Result result = verifier.verify(lines);
        assertThat(result.failures()).singleElement().extracting(Object::toString).asString()
                .contains("line 9").contains("duplicate");
    }

    @Test
    void aReceiptSignedByAnotherKeyFails() {
        ReceiptSigner other = new ReceiptSigner(new Ed25519PrivateKeyParameters(new java.security.SecureRandom()), "x");
        List<String> lines = validFile();
        SignedReceipt original = SignedReceipt.parseCompact(lines.get(0));
        lines.set(0, other.sign(original.receipt()).compact());
        assertThat(verifier.verify(lines).failures().get(0).message()).contains("bad signature");
    }

    @Test
    void aCorrectlySignedReceiptWithWrongArithmeticFails() {
        List<SignedReceipt> chain = ReceiptTestKeys.chain("e3-a", 2, 100_000, 1_000_000);
        Receipt second = chain.get(1).receipt();
        Receipt inflated = new Receipt(second.tenant(), second.partner(), second.budget(), second.leaseId(), second.epoch(),
                second.sequence(), second.queryId(), second.mode(), second.elements(), second.costMicroEpsilon(),
                second.remainingAfterMicroEpsilon() + 1, second.time(), second.keyId(), second.previousHash());
        List<String> lines = List.of(chain.get(0).compact(), ReceiptTestKeys.SIGNER.sign(inflated).compact());
        assertThat(verifier.verify(lines).failures().get(0).message()).contains("do not add up");
    }

    @Test
    void garbageAndEmptyFilesFail() {
        assertThat(verifier.verify(List.of("hello")).failures().get(0).message()).contains("not a valid receipt");
        assertThat(verifier.verify(List.of()).valid()).isFalse();
    }

    @Test
    void aValidFilePassesWithExactIntegerTotals() {
        ReceiptChainVerifier.Result result = verifier.verify(validFile());
        assertThat(result.failures()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.totals()).containsExactly(new ReceiptChainVerifier.BudgetTotal("acme-globex", 3, 8, 800_000, 2));
    }

    @Test
    void totalsStayExactOverManyCharges() {
        List<String> lines = new ArrayList<>(ReceiptTestKeys.compact(ReceiptTestKeys.chain("e3-big", 2_000, 7, 1_000_000)));
        ReceiptChainVerifier.Result result = verifier.verify(lines);
        assertThat(result.failures()).isEmpty();
        assertThat(result.totals().get(0).costMicroEpsilon()).isEqualTo(14_000L);
    }
}
