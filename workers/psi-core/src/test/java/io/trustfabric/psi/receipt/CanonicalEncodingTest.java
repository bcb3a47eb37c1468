package io.trustfabric.psi.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * Only the compact form docs/receipts.md defines verifies: unpadded base64url with zero unused bits. Every
 * other spelling of the same bytes (padding, the standard alphabet, non-zero trailing bits) is refused, so a
 * receipt has exactly one valid encoding and one hash.
 */
class CanonicalEncodingTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private final ReceiptChainVerifier verifier = new ReceiptChainVerifier(
            new ReceiptVerifier(new Ed25519PublicKeyParameters(ReceiptTestKeys.PUBLIC, 0)));

    /** A one-receipt chain whose JSON length modulo 3 is {@code remainder}. */
    private static String receiptWithJsonLength(int remainder) {
        for (int elements = 1; elements < 1000; elements *= 10) {
            for (String partner : List.of("globex", "globex1", "globex12")) {
                SignedReceipt signed = ReceiptTestKeys.SIGNER.sign(new Receipt("trust/acme", partner, "acme-globex", "e3-a", 3, 1,
                        "q1", "psi-ca", elements, 100, 900, Instant.parse("2026-11-25T09:00:00Z"),
                        ReceiptTestKeys.SIGNER.keyId(), Receipt.GENESIS));
                if (signed.receipt().canonicalBytes().length % 3 == remainder) {
                    return signed.compact();
                }
            }
        }
        throw new AssertionError("no receipt with that JSON length");
    }

    private static String payload(String compact) {
        return compact.substring(0, compact.indexOf('.'));
    }

    private static String signature(String compact) {
        return compact.substring(compact.indexOf('.') + 1);
    }

    /** The same bytes, spelled with non-zero unused low bits in the last character. */
    private static String dirtyTrailingBits(String part) {
        char last = part.charAt(part.length() - 1);
        int unusedBits = part.length() % 4 == 2 ? 4 : 2;
        int value = ALPHABET.indexOf(last);
        assertThat(value & ((1 << unusedBits) - 1)).as("canonical encoding has zero unused bits").isZero();
        return part.substring(0, part.length() - 1) + ALPHABET.charAt(value | 1);
    }

    private void assertRefused(String variant, String reason) {
        assertThatThrownBy(() -> SignedReceipt.parseCompact(variant)).as(variant)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
        ReceiptChainVerifier.Result result = verifier.verify(List.of(variant));
        assertThat(result.valid()).as(variant).isFalse();
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.message()).contains(reason));
    }

    @Test
    void theCanonicalFormVerifies() {
        for (int remainder = 0; remainder < 3; remainder++) {
            String compact = receiptWithJsonLength(remainder);
            assertThat(verifier.verify(List.of(compact)).valid()).isTrue();
            assertThat(SignedReceipt.parseCompact(compact).compact()).isEqualTo(compact);
        }
    }

    @Test
    void paddingOnTheSignatureIsRefused() {
        String compact = receiptWithJsonLength(0);
        assertThat(signature(compact)).hasSize(86);
        assertRefused(compact + "==", "padding");
    }

    @Test
    void paddingOnTheJsonPartIsRefused() {
        String twoPad = receiptWithJsonLength(1);
        assertRefused(payload(twoPad) + "==." + signature(twoPad), "padding");
        String onePad = receiptWithJsonLength(2);
        assertRefused(payload(onePad) + "=." + signature(onePad), "padding");
    }

    @Test
    void nonZeroTrailingBitsAreRefused() {
        String compact = receiptWithJsonLength(0);
        assertRefused(payload(compact) + "." + dirtyTrailingBits(signature(compact)), "unused bits");
        for (int remainder = 1; remainder < 3; remainder++) {
            String other = receiptWithJsonLength(remainder);
            assertRefused(dirtyTrailingBits(payload(other)) + "." + signature(other), "unused bits");
        }
    }

    @Test
    void theStandardAlphabetIsRefused() {
        List<String> spelled = new ArrayList<>();
        for (SignedReceipt signed : ReceiptTestKeys.chain("e3-std", 40, 1, 1000)) {
            String compact = signed.compact();
            String standard = compact.replace('-', '+').replace('_', '/');
            if (!standard.equals(compact)) {
                spelled.add(standard);
            }
        }
        assertThat(spelled).isNotEmpty();
        for (String standard : spelled) {
            assertThatThrownBy(() -> SignedReceipt.parseCompact(standard)).hasMessageContaining("base64url");
        }
    }

    @Test
    void whitespaceOrLengthsNoEncoderProducesAreRefused() {
        String compact = receiptWithJsonLength(0);
        String sig = signature(compact);
        assertRefused(payload(compact) + "." + sig.substring(0, 40) + " " + sig.substring(40), "base64url");
        assertRefused(payload(compact) + "." + sig.substring(0, 85), "length no base64url encoder produces");
        assertRefused(payload(compact) + "." + sig + "A", "64 bytes");
    }
}
