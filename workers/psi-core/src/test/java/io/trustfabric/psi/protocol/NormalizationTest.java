package io.trustfabric.psi.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    private static String applied(Normalization n, String item) {
        return new String(n.apply(item), StandardCharsets.UTF_8);
    }

    @Test
    void eachNormalizationDoesWhatItsNameSays() {
        assertThat(applied(Normalization.NONE, " Alice@Example.COM ")).isEqualTo(" Alice@Example.COM ");
        assertThat(applied(Normalization.TRIM, " Alice@Example.COM ")).isEqualTo("Alice@Example.COM");
        assertThat(applied(Normalization.EMAIL_LOWERCASE, " Alice@Example.COM ")).isEqualTo("alice@example.com");
        // sha256("alice@example.com") computed independently with Python's hashlib
        assertThat(applied(Normalization.EMAIL_LOWERCASE_SHA256, " Alice@Example.COM "))
                .isEqualTo("ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976");
    }

    @Test
    void lowerCasingIgnoresTheDefaultLocale() {
        assertThat(applied(Normalization.EMAIL_LOWERCASE, "TITLE@I.COM")).isEqualTo("title@i.com");
    }

    @Test
    void namesRoundTripAndUnknownNamesAreRefused() {
        for (Normalization n : Normalization.values()) {
            assertThat(Normalization.fromConfigName(n.configName())).isEqualTo(n);
            assertThat(Normalization.fromWireCode(n.wireCode())).isEqualTo(n);
        }
        assertThatThrownBy(() -> Normalization.fromConfigName("upper"))
                .hasMessageContaining("expected one of none, trim, email-lowercase, email-lowercase-sha256");
    }

    @Test
    void domainSeparationTagNamesTenantAndEpoch() {
        KeyEpochContext context = new KeyEpochContext("trust", "acme", 7);
        assertThat(new String(context.dst(), StandardCharsets.UTF_8))
                .isEqualTo("TrustFabric-PSI-V01-CS01-with-curve25519_XMD:SHA-512_ELL2_RO_:trust/acme:epoch:7");
        assertThat(context.keyMaterial(new byte[] {1, 2}))
                .containsExactly(1, 2, 0, 0, 0, 0, 0, 0, 0, 7);
        assertThatThrownBy(() -> new KeyEpochContext("trust", "x".repeat(300), 1))
                .hasMessageContaining("too long");
    }
}
