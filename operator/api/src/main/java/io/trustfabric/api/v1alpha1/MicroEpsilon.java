package io.trustfabric.api.v1alpha1;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Converts the API's epsilon decimal strings (e.g. "10.0", "0.000001") to integer micro-epsilon and back.
 * The budget ledger is kept in micro-epsilon so spending never rounds.
 */
public final class MicroEpsilon {

    public static final long PER_EPSILON = 1_000_000L;

    private static final Pattern DECIMAL = Pattern.compile(ApiPatterns.DECIMAL_MICRO);

    private MicroEpsilon() {
    }

    /** Parses a decimal string as the CRD accepts it; anything else is an IllegalArgumentException. */
    public static long parse(String decimal) {
        if (decimal == null || !DECIMAL.matcher(decimal).matches()) {
            throw new IllegalArgumentException("'" + decimal + "' is not an epsilon decimal (up to 6 digits, optionally '.' and up to 6 digits)");
        }
        return new BigDecimal(decimal).movePointRight(6).longValueExact();
    }

    /** Formats micro-epsilon as the shortest decimal string that parses back to it, e.g. 100000 -> "0.1". */
    public static String format(long microEpsilon) {
        if (microEpsilon < 0) {
            throw new IllegalArgumentException("micro-epsilon cannot be negative: " + microEpsilon);
        }
        BigDecimal epsilon = BigDecimal.valueOf(microEpsilon, 6).stripTrailingZeros();
        return epsilon.scale() <= 0 ? epsilon.setScale(1).toPlainString() : epsilon.toPlainString();
    }
}
