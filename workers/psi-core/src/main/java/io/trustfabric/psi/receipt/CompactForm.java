package io.trustfabric.psi.receipt;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The compact form of a signed receipt or chain head: {@code base64url(canonical JSON) "." base64url(signature)},
 * both without padding. Only the canonical spelling parses, so one signed object has one compact form and one hash.
 */
final class CompactForm {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private CompactForm() {
    }

    static String encode(byte[] json, byte[] signature) {
        return B64.encodeToString(json) + "." + B64.encodeToString(signature);
    }

    /** The two decoded parts of a compact form. */
    record Parts(String json, byte[] signature) {
    }

    /** Splits and decodes; {@code what} names the object in messages ("receipt", "chain head"). */
    static Parts parse(String compact, String what) {
        String text = compact.strip();
        int dot = text.indexOf('.');
        if (dot <= 0 || dot != text.lastIndexOf('.')) {
            throw new IllegalArgumentException("not a valid " + what
                    + ": expected two base64url parts separated by one '.'");
        }
        return new Parts(new String(decodeCanonical(text.substring(0, dot), "the JSON part"), StandardCharsets.UTF_8),
                decodeCanonical(text.substring(dot + 1), "the signature"));
    }

    /**
     * Decodes one part, accepting only its canonical spelling: the base64url alphabet, no padding, and zero unused
     * bits in the last character. Every other spelling of the same bytes is refused.
     */
    static byte[] decodeCanonical(String part, String what) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '=') {
                throw new IllegalArgumentException(what + " carries base64 padding '='; the compact form is unpadded base64url");
            }
            boolean urlSafe = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!urlSafe) {
                throw new IllegalArgumentException(what + " holds '" + (c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c)
                        : String.valueOf(c)) + "', which is not in the base64url alphabet (A-Z a-z 0-9 - _)");
            }
        }
        if (part.length() % 4 == 1) {
            throw new IllegalArgumentException(what + " has a length no base64url encoder produces");
        }
        byte[] bytes = B64_DECODER.decode(part);
        if (!B64.encodeToString(bytes).equals(part)) {
            throw new IllegalArgumentException(what + " is not canonical base64url: the unused bits of its last character are not zero");
        }
        return bytes;
    }
}
