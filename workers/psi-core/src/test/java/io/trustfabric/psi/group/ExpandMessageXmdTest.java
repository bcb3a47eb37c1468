package io.trustfabric.psi.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** RFC 9380 Appendix K.3: expand_message_xmd(SHA-512) test vectors. */
class ExpandMessageXmdTest {

    static Stream<Arguments> rfc9380AppendixK3() {
        JsonNode file = TestVectors.load("rfc9380-expand_message_xmd_SHA512.json");
        String dst = file.get("DST").asText();
        return StreamSupport.stream(file.get("tests").spliterator(), false)
                .map(t -> Arguments.of(dst, t.get("msg").asText(),
                        Integer.decode(t.get("len_in_bytes").asText()), t.get("uniform_bytes").asText()));
    }

    @ParameterizedTest(name = "len={2} msg={1}")
    @MethodSource("rfc9380AppendixK3")
    void matchesPublishedVector(String dst, String msg, int length, String uniformBytes) {
        byte[] out = new ExpandMessageXmd().expand(msg.getBytes(StandardCharsets.US_ASCII),
                dst.getBytes(StandardCharsets.US_ASCII), length);
        assertThat(out).isEqualTo(TestVectors.hex(uniformBytes));
    }

    @Test
    void vectorFileHasTheTenPublishedCases() {
        assertThat(rfc9380AppendixK3()).hasSize(10);
    }

    @Test
    void rejectsLengthsTheRfcForbids() {
        byte[] dst = "DST".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new ExpandMessageXmd().expand(new byte[0], dst, 255 * 64 + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExpandMessageXmd().expand(new byte[0], dst, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tagsLongerThan255BytesAreReplacedByTheirOversizeHash() throws Exception {
        byte[] longDst = new byte[300];
        java.util.Arrays.fill(longDst, (byte) 'x');
        java.security.MessageDigest sha512 = java.security.MessageDigest.getInstance("SHA-512");
        sha512.update("H2C-OVERSIZE-DST-".getBytes(StandardCharsets.US_ASCII));
        byte[] shortDst = sha512.digest(longDst);
        assertThat(new ExpandMessageXmd().expand(new byte[] {1}, longDst, 96))
                .isEqualTo(new ExpandMessageXmd().expand(new byte[] {1}, shortDst, 96));
    }
}
