package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.*;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Decoding of a curve25519 u-coordinate received from a peer. Fails closed with {@link InvalidElementException}:
 * wrong length, non-canonical (high bit set, or u >= p), on the twist rather than the curve, or of small order.
 * Received elements are public, so the checks may take data-dependent time.
 */
final class ReceivedElement {

    static final int BYTES = 32;

    /** The canonical u-coordinates of curve25519's points of order 2, 4 and 8 (the identity has no u). */
    private static final BigInteger[] SMALL_ORDER_U = {
        BigInteger.ZERO,
        BigInteger.ONE,
        new BigInteger("325606250916557431795983626356110631294008115727848805560023387167927233504"),
        new BigInteger("39382357235489614581723060781553021112529911719440698176882885853963445705823"),
    };
    private static final byte[][] SMALL_ORDER_ENCODINGS = encodings(SMALL_ORDER_U);
    private static final byte[] P_LITTLE_ENDIAN = toLittleEndian32(P);

    private ReceivedElement() {
    }

    /** Decodes and validates {@code encoded} into the field element {@code u}. */
    static void decode(byte[] encoded, long[] u) {
        if (encoded == null || encoded.length != BYTES) {
            throw new InvalidElementException("element must be " + BYTES + " bytes, got "
                    + (encoded == null ? "none" : encoded.length));
        }
        if ((encoded[BYTES - 1] & 0x80) != 0) {
            throw new InvalidElementException("element is not canonical: the high bit of byte 31 is set");
        }
        if (!lessThanP(encoded)) {
            throw new InvalidElementException("element is not canonical: u-coordinate is not below 2^255 - 19");
        }
        for (byte[] smallOrder : SMALL_ORDER_ENCODINGS) {
            if (Arrays.equals(smallOrder, encoded)) {
                throw new InvalidElementException("element has small order (u = "
                        + HexFormat.of().formatHex(encoded) + "): it is not in the prime-order group");
            }
        }
        Field25519.decode(encoded, 0, u);
        if (!onCurve(u)) {
            throw new InvalidElementException("element is not on curve25519 (u^3 + 486662 u^2 + u is not a square:"
                    + " the point lies on the twist)");
        }
    }

    /** u^3 + A u^2 + u = u (u (u + A) + 1) is zero or a square. */
    static boolean onCurve(long[] u) {
        long[] rhs = create();
        copy(u, rhs);
        rhs[0] += MONTGOMERY_A;
        mul(rhs, u, rhs);
        addOne(rhs);
        mul(rhs, u, rhs);
        return isSquareVar(rhs);
    }

    private static boolean lessThanP(byte[] littleEndian) {
        for (int i = BYTES - 1; i >= 0; i--) {
            int a = littleEndian[i] & 0xFF;
            int b = P_LITTLE_ENDIAN[i] & 0xFF;
            if (a != b) {
                return a < b;
            }
        }
        return false;
    }

    private static byte[][] encodings(BigInteger[] values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = toLittleEndian32(values[i]);
        }
        return out;
    }
}
