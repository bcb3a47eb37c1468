package io.trustfabric.psi.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How an item is turned into the bytes that are hashed to the curve. Server and partner must use the
 * same normalization, or equal items will not match; the server announces its choice in the setup.
 */
public enum Normalization {
    /** The item's UTF-8 bytes as they are. */
    NONE("none", 0),
    /** Leading and trailing white space removed. */
    TRIM("trim", 1),
    /** Trimmed and lower-cased (locale-independent), for e-mail addresses. */
    EMAIL_LOWERCASE("email-lowercase", 2),
    /**
     * Trimmed, lower-cased, then SHA-256 as 64 lower-case hex digits. Applied to both sides' items, so both hold raw
     * e-mails: a data set of already hashed e-mails would be hashed a second time and match no raw e-mail.
     */
    EMAIL_LOWERCASE_SHA256("email-lowercase-sha256", 3);

    private final String configName;
    private final int wireCode;

    Normalization(String configName, int wireCode) {
        this.configName = configName;
        this.wireCode = wireCode;
    }

    public String configName() {
        return configName;
    }

    public int wireCode() {
        return wireCode;
    }

    /** The bytes hashed to the curve for {@code item}. */
    public byte[] apply(String item) {
        return switch (this) {
            case NONE -> item.getBytes(StandardCharsets.UTF_8);
            case TRIM -> item.strip().getBytes(StandardCharsets.UTF_8);
            case EMAIL_LOWERCASE -> lowerEmail(item).getBytes(StandardCharsets.UTF_8);
            case EMAIL_LOWERCASE_SHA256 -> HexFormat.of().formatHex(sha256(lowerEmail(item)))
                    .getBytes(StandardCharsets.US_ASCII);
        };
    }

    private static String lowerEmail(String item) {
        return item.strip().toLowerCase(Locale.ROOT);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    public static Normalization fromConfigName(String name) {
        return Arrays.stream(values())
                .filter(n -> n.configName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown normalization '" + name
                        + "', expected one of none, trim, email-lowercase, email-lowercase-sha256"));
    }

    public static Normalization fromWireCode(int code) {
        return Arrays.stream(values())
                .filter(n -> n.wireCode == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown normalization code " + code));
    }
}
