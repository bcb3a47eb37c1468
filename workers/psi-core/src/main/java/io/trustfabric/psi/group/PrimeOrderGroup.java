package io.trustfabric.psi.group;

import java.security.SecureRandom;

/**
 * The prime-order group PSI blinds items in. Elements travel as fixed-size canonical encodings.
 *
 * <p>Contract shared by the protocol, the worker and the partner client:
 * <ul>
 *   <li>{@link #hashToElement} is RFC 9380 hash_to_curve (random-oracle suite) with the given DST;
 *       its output lies in the prime-order subgroup.</li>
 *   <li>Secret scalars are multiples of the cofactor, so multiplying a point with a small-order
 *       component never reveals key bits; {@link #multiply} also rejects non-canonical encodings,
 *       points on the twist and small-order points with {@link InvalidElementException}.</li>
 *   <li>{@code multiply(inverse(s), multiply(s, P)) == P} for every P in the prime-order subgroup.</li>
 * </ul>
 */
public interface PrimeOrderGroup {

    /** Size of an encoded element in bytes. */
    int elementBytes();

    /** hash_to_curve(message) under the domain separation tag {@code dst}, encoded. */
    byte[] hashToElement(byte[] message, byte[] dst);

    /** {@code s · hashToElement(message, dst)}: the hot path of setup and of the client's blinding. */
    byte[] hashAndMultiply(Scalar s, byte[] message, byte[] dst);

    /** {@code s · P} after validating P; throws {@link InvalidElementException} for a bad encoding. */
    byte[] multiply(Scalar s, byte[] element);

    /** A fresh secret scalar: a non-zero multiple of the cofactor, uniformly random modulo the group order. */
    Scalar randomScalar(SecureRandom random);

    /** A secret scalar derived deterministically from key material (e.g. a key seed and epoch). */
    Scalar scalarFromSeed(byte[] seed);

    /** The scalar t with {@code t · (s · P) == P} on the prime-order subgroup; again a multiple of the cofactor. */
    Scalar inverse(Scalar s);

    /**
     * {@code s · P} for every element, validating each like {@link #multiply}; an {@link InvalidElementException}
     * names the index of the first bad element. Implementations may share work across the batch.
     */
    default byte[][] multiplyAll(Scalar s, byte[][] elements) {
        byte[][] out = new byte[elements.length][];
        for (int i = 0; i < elements.length; i++) {
            try {
                out[i] = multiply(s, elements[i]);
            } catch (InvalidElementException e) {
                throw new InvalidElementException("element " + i + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** {@code hashAndMultiply(s, m, dst)} for every message; implementations may share work across the batch. */
    default byte[][] hashAndMultiplyAll(Scalar s, byte[][] messages, byte[] dst) {
        byte[][] out = new byte[messages.length][];
        for (int i = 0; i < messages.length; i++) {
            out[i] = hashAndMultiply(s, messages[i], dst);
        }
        return out;
    }
}
