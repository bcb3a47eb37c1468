package io.trustfabric.operator.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ApiKeyHashTest {

    private static final HexFormat HEX = HexFormat.of();

    /** FIPS 180-2, appendix B.1 and B.2: the SHA-256 the salted hash is built on. */
    @Test
    void sha256MatchesThePublishedTestVectors() {
        assertThat(HEX.formatHex(ApiKeyHash.sha256("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(HEX.formatHex(ApiKeyHash.sha256(
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    /** The salted hash is SHA-256 over salt || key: with salt "ab" and key "c" it is the vector for "abc". */
    @Test
    void theSaltedHashIsSha256OfSaltThenKey() {
        ApiKeyHash hash = ApiKeyHash.of("ab".getBytes(StandardCharsets.US_ASCII), "c");
        assertThat(HEX.formatHex(hash.sha256()))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theSaltIsDerivedFromTenantAndPartnerAsDocumented() {
        byte[] salt = ApiKeyHash.salt("trust", "acme", "globex");
        byte[] expected = java.util.Arrays.copyOf(ApiKeyHash.sha256(
                "trustfabric.io/partner-api-key/v1\ntrust\nacme\nglobex".getBytes(StandardCharsets.UTF_8)), 16);
        assertThat(salt).hasSize(ApiKeyHash.SALT_BYTES).isEqualTo(expected);
        assertThat(ApiKeyHash.salt("trust", "acme", "globex")).isEqualTo(salt);
        assertThat(ApiKeyHash.salt("trust", "acme", "initech")).isNotEqualTo(salt);
        assertThat(ApiKeyHash.salt("trust", "umbrella", "globex")).isNotEqualTo(salt);
    }

    @Test
    void matchesOnlyTheKeyItWasMadeFrom() {
        ApiKeyHash hash = ApiKeyHash.of(ApiKeyHash.salt("trust", "acme", "globex"), "gx-live-7f3a9c");
        assertThat(hash.matches("gx-live-7f3a9c")).isTrue();
        assertThat(hash.matches("gx-live-7f3a9d")).isFalse();
        assertThat(hash.matches("")).isFalse();
        assertThat(hash.toString()).doesNotContain(hash.sha256Base64());
    }
}
