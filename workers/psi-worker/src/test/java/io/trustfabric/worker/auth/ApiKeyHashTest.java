package io.trustfabric.worker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ApiKeyHashTest {
    /** FIPS 180-2, appendix B.1: SHA-256("abc"); here salt "a" and key "bc". */
    private static final byte[] SHA256_ABC =
            HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    @Test
    void hashIsSha256OfSaltThenKey() {
        ApiKeyHash hash = ApiKeyHash.of("a".getBytes(StandardCharsets.UTF_8), "bc");
        assertThat(hash.sha256()).isEqualTo(SHA256_ABC);
        ApiKeyHash fromDocument = new ApiKeyHash("a".getBytes(StandardCharsets.UTF_8), SHA256_ABC);
        assertThat(fromDocument.matches("bc")).isTrue();
        assertThat(fromDocument.matches("bd")).isFalse();
        assertThat(fromDocument.matches("abc")).isFalse();
        assertThat(fromDocument.matches("")).isFalse();
    }

    @Test
    void malformedHashesAreRefusedAndNothingIsPrinted() {
        assertThatThrownBy(() -> new ApiKeyHash(new byte[0], SHA256_ABC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiKeyHash(new byte[1], new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThat(ApiKeyHash.of(new byte[]{1}, "secret").toString()).doesNotContain("secret").contains("redacted");
    }

    @Test
    void credentialsComeFromEitherHeaderAndNeverPrintTheKey() {
        assertThat(PresentedCredentials.fromHeaders("k1", null, null).apiKey()).isEqualTo("k1");
        assertThat(PresentedCredentials.fromHeaders(null, "ApiKey k2", null).apiKey()).isEqualTo("k2");
        assertThat(PresentedCredentials.fromHeaders(null, "apikey   k3 ", null).apiKey()).isEqualTo("k3");
        assertThat(PresentedCredentials.fromHeaders("k1", "ApiKey k2", null).apiKey()).isEqualTo("k1");
        assertThat(PresentedCredentials.fromHeaders(null, "Bearer k4", null).apiKey()).isNull();
        assertThat(PresentedCredentials.fromHeaders(null, "ApiKey ", null).apiKey()).isNull();
        assertThat(PresentedCredentials.fromHeaders("topsecret", null, null).toString()).doesNotContain("topsecret");
    }
}
