package io.trustfabric.psi.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HexFormat;

/** Loads the published test vectors shipped in src/test/resources/vectors. */
final class TestVectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestVectors() {
    }

    static JsonNode load(String name) {
        try (InputStream in = TestVectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector file " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** "0x..." big-endian field element from the RFC 9380 JSON. */
    static BigInteger bigEndianHex(String value) {
        return new BigInteger(value.startsWith("0x") ? value.substring(2) : value, 16);
    }

    /** The 32-byte little-endian encoding of a field element. */
    static byte[] littleEndian(BigInteger value) {
        return Field25519.toLittleEndian32(value);
    }
}
