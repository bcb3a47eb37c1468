package io.trustfabric.psi.protocol;

import io.trustfabric.psi.group.InvalidElementException;
import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.group.Scalar;
import java.util.List;
import java.util.Random;

/**
 * The server's side of ECDH-PSI: it raises the partner's blinded elements H(x)^a to its epoch key b,
 * and evaluates its own items to H(y)^b for the setup.
 */
public final class ServerEvaluator {
    private final PrimeOrderGroup group;

    public ServerEvaluator(PrimeOrderGroup group) {
        this.group = group;
    }

    /**
     * (H(x)^a)^b for each blinded element, in request order for {@link PsiMode#PSI} and shuffled with
     * {@code shuffleRandom} for {@link PsiMode#PSI_CA}.
     *
     * @throws InvalidElementException if any element is not a valid group element; nothing is returned then
     */
    public PackedElements answer(Scalar key, PackedElements blinded, PsiMode mode, Random shuffleRandom) {
        PackedElements evaluated = PackedElements.allocate(blinded.count(), group.elementBytes());
        for (int i = 0; i < blinded.count(); i++) {
            try {
                evaluated.set(i, group.multiply(key, blinded.get(i)));
            } catch (InvalidElementException e) {
                throw new InvalidElementException("element " + i + ": " + e.getMessage());
            }
        }
        if (mode == PsiMode.PSI_CA) {
            SecureShuffle.shuffle(evaluated, shuffleRandom);
        }
        return evaluated;
    }

    /** H(y)^b for items {@code from} (inclusive) to {@code to} (exclusive), written to the same positions of {@code out}. */
    public void evaluateItems(Scalar key, byte[] dst, List<byte[]> items, int from, int to, PackedElements out) {
        for (int i = from; i < to; i++) {
            out.set(i, group.hashAndMultiply(key, items.get(i), dst));
        }
    }

    /** The epoch's secret key b = scalarFromSeed(seed || epoch). */
    public Scalar epochKey(byte[] seed, KeyEpochContext context) {
        return group.scalarFromSeed(context.keyMaterial(seed));
    }
}
