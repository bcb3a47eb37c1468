package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.*;

/**
 * RFC 9380 hash_to_curve for the suite curve25519_XMD:SHA-512_ELL2_RO_:
 * expand_message_xmd(SHA-512) to 96 bytes, two field elements (L = 48), Elligator 2 on each,
 * the sum of both points, and clear_cofactor (multiplication by h = 8). Holds scratch state: one instance
 * per thread.
 */
final class HashToCurve25519 {

    static final String SUITE = "curve25519_XMD:SHA-512_ELL2_RO_";
    private static final int L = 48;

    private final ExpandMessageXmd expander = new ExpandMessageXmd();
    private final Elligator2 elligator2 = new Elligator2();
    private final long[][] fieldElements = {create(), create()};
    private final long[] xn = create();
    private final long[] xd = create();
    private final long[] yM = create();
    private final EdwardsPoint q0 = new EdwardsPoint();
    private final EdwardsPoint q1 = new EdwardsPoint();

    /** RFC 9380 hash_to_field with count = 2; returns this object's scratch arrays. */
    long[][] hashToField(byte[] message, byte[] dst) {
        byte[] uniform = expander.expand(message, dst, 2 * L);
        reduceBigEndian48(uniform, 0, fieldElements[0]);
        reduceBigEndian48(uniform, L, fieldElements[1]);
        return fieldElements;
    }

    /** Maps one field element with Elligator 2 into {@code out} (edwards25519 coordinates). */
    void mapToCurve(long[] u, EdwardsPoint out) {
        elligator2.map(u, xn, xd, yM);
        out.setFromMontgomery(xn, xd, yM);
    }

    /** hash_to_curve(message); the result (in the prime-order subgroup) is left in the returned point. */
    EdwardsPoint hash(byte[] message, byte[] dst) {
        long[][] u = hashToField(message, dst);
        mapToCurve(u[0], q0);
        mapToCurve(u[1], q1);
        q0.addPoint(q1);
        q0.twice();
        q0.twice();
        q0.twice();
        return q0;
    }

    /** hash_to_curve(message) as an affine curve25519 u-coordinate (normalized). */
    void hashToU(byte[] message, byte[] dst, long[] u) {
        EdwardsPoint p = hash(message, dst);
        long[] num = xn;
        long[] den = xd;
        p.montgomeryU(num, den);
        inv(den, den);
        mul(num, den, u);
        normalize(u);
    }
}
