package io.trustfabric.operator.policy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BundleSigningKeyTest {

    @Test
    void pemRoundTripsAndPublicPemIsSubjectPublicKeyInfo() {
        BundleSigningKey key = BundleSigningKey.generate();
        BundleSigningKey again = BundleSigningKey.fromPem(key.privateKeyPem(), key.publicKeyPem());
        assertThat(again.publicKeyPem()).isEqualTo(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(again.privateKeyPem()).isEqualTo(key.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(TestKeys.fixed().publicKeyPem()).isEqualTo(TestKeys.P256_PUBLIC);
    }

    @Test
    void refusesAPublicKeyOfAnotherPair() {
        assertThatThrownBy(() -> BundleSigningKey.fromPem(TestKeys.P256_PRIVATE,
                BundleSigningKey.generate().publicKeyPem()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
    }

    @Test
    void refusesOtherCurvesAndGarbage() {
        assertThatThrownBy(() -> BundleSigningKey.fromPem(TestKeys.P384_PRIVATE, TestKeys.P384_PUBLIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
        assertThatThrownBy(() -> BundleSigningKey.fromPem("not a pem", TestKeys.P256_PUBLIC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BundleSigningKey.fromPem(TestKeys.P256_PUBLIC, TestKeys.P256_PUBLIC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BundleSigningKey.fromPem(TestKeys.P256_PRIVATE.replace("MIGH", "MIGG"),
                TestKeys.P256_PUBLIC)).isInstanceOf(IllegalArgumentException.class);
    }
}
