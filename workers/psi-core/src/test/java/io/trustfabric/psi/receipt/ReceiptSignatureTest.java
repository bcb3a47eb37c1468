package io.trustfabric.psi.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptSignatureTest {
    @TempDir
    Path dir;

    @Test
    void signsTheRfc8032Test2VectorExactly() {
        byte[] signature = ReceiptTestKeys.SIGNER.signature(HexFormat.of().parseHex("72"));
        assertThat(HexFormat.of().formatHex(signature)).isEqualTo(
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                        + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    }

    @Test
    void readsTheKeyPairInEveryDocumentedForm() throws Exception {
        Path raw = Files.write(dir.resolve("raw"), ReceiptTestKeys.SECRET);
        Path b64 = Files.writeString(dir.resolve("b64"), Base64.getEncoder().encodeToString(ReceiptTestKeys.SECRET) + "\n");
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + HexFormat.of().formatHex(ReceiptTestKeys.SECRET));
        Path pem = Files.writeString(dir.resolve("pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n");
        for (Path file : new Path[] {raw, b64, pem}) {
            assertThat(ReceiptKeys.readPrivateKey(file).generatePublicKey().getEncoded()).isEqualTo(ReceiptTestKeys.PUBLIC);
        }
        String spki = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(
                "302a300506032b6570032100" + HexFormat.of().formatHex(ReceiptTestKeys.PUBLIC)));
        assertThat(ReceiptKeys.parsePublicKey(spki).getEncoded()).isEqualTo(ReceiptTestKeys.PUBLIC);
        assertThat(ReceiptKeys.parsePublicKey(Base64.getEncoder().encodeToString(ReceiptTestKeys.PUBLIC)).getEncoded())
                .isEqualTo(ReceiptTestKeys.PUBLIC);
    }

    @Test
    void refusesSomethingThatIsNotAKey() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk"), "not a key at all!");
        assertThatThrownBy(() -> ReceiptKeys.readPrivateKey(junk)).hasMessageContaining("Ed25519");
        assertThatThrownBy(() -> ReceiptKeys.parsePublicKey(Base64.getEncoder().encodeToString(new byte[31])))
                .hasMessageContaining("31 bytes");
    }

    @Test
    void aSignedReceiptRoundTripsThroughItsCompactForm() {
        SignedReceipt signed = ReceiptTestKeys.chain("e3-a", 1, 100_000, 1_000_000).get(0);
        SignedReceipt parsed = SignedReceipt.parseCompact(signed.compact());
        assertThat(parsed.receipt()).isEqualTo(signed.receipt());
        assertThat(parsed.hash()).isEqualTo(signed.hash()).startsWith("sha256:");
        assertThat(new ReceiptVerifier(new Ed25519PublicKeyParameters(ReceiptTestKeys.PUBLIC, 0)).signatureValid(parsed)).isTrue();
        assertThat(signed.receipt().canonicalJson()).startsWith("{\"v\":1,\"tenant\":\"trust/acme\",\"partner\":\"globex\"")
                .contains("\"costMicroEpsilon\":100000,\"remainingAfterMicroEpsilon\":900000");
    }

    @Test
    void nonCanonicalJsonIsRefusedEvenWithTheSameMembers() {
        String json = ReceiptTestKeys.chain("e3-a", 1, 1, 10).get(0).receipt().canonicalJson();
        assertThatThrownBy(() -> Receipt.parse(json.replace(",\"tenant\"", ", \"tenant\""))).hasMessageContaining("expected");
        assertThatThrownBy(() -> Receipt.parse(json.replace("\"elements\":10", "\"elements\":010")))
                .hasMessageContaining("canonical");
        assertThatThrownBy(() -> Receipt.parse(json.replace("}", ",\"extra\":1}"))).hasMessageContaining("canonical");
    }
}
