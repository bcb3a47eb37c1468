package io.trustfabric.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

class ReceiptSigningKeyTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032, section 7.1, TEST 1. */
    private static final byte[] RFC8032_SECRET = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC8032_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @Test
    void refusesAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> ReceiptSigningKey.fromPrivate(new byte[31])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ReceiptSigningKey.fromPrivate(new byte[33])).hasMessageContaining("32 bytes");
    }

    @Test
    void derivesThePublicKeyOfTheRfc8032TestVectorAndItsSignatureVerifies() {
        ReceiptSigningKey key = ReceiptSigningKey.fromPrivate(RFC8032_SECRET);
        assertThat(HEX.formatHex(key.publicKey())).isEqualTo(RFC8032_PUBLIC);

        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(key.privateKey(), 0));
        assertThat(HEX.formatHex(signer.generateSignature())).isEqualTo(RFC8032_SIGNATURE);
    }

    @Test
    void aGeneratedKeyPairSignsAndVerifiesAndTheKeyIdFollowsThePublicKey() {
        ReceiptSigningKey key = ReceiptSigningKey.generate(new SecureRandom());
        byte[] message = "receipt".getBytes();
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(key.privateKey(), 0));
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key.publicKey(), 0));
        verifier.update(message, 0, message.length);
        assertThat(verifier.verifySignature(signature)).isTrue();

        assertThat(key.keyId("acme")).matches("acme-[0-9a-f]{16}");
        assertThat(ReceiptSigningKey.generate(new SecureRandom()).keyId("acme")).isNotEqualTo(key.keyId("acme"));
        assertThat(key.toString()).doesNotContain(HEX.formatHex(key.privateKey()));
    }
}
