package io.trustfabric.operator.whatif.shadow;

/**
 * Which key seed a shadow worker runs with. The seed itself never appears here: {@link #describe()} is what the
 * manifest shows.
 *
 * @param secretNamespace namespace of the Secret (the scenario's, which is the tenant's)
 * @param secretName      the Secret holding the seed: {@code <tenant>-psi-key} or the referenced one; null for
 *                        {@link Kind#FRESH}, which the worker makes itself at start ({@code key.fresh})
 * @param secretKey       the key inside it
 */
public record KeySeedChoice(Kind kind, String secretNamespace, String secretName, String secretKey) {

    public enum Kind { CURRENT, SECRET, FRESH }

    /** "current", "secret NAMESPACE/NAME KEY" or "fresh". */
    public String describe() {
        return switch (kind) {
            case CURRENT -> "current";
            case SECRET -> "secret " + secretNamespace + "/" + secretName + " " + secretKey;
            case FRESH -> "fresh";
        };
    }
}
