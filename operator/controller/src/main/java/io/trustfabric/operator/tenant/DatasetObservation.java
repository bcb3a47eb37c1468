package io.trustfabric.operator.tenant;

/**
 * What the operator found where a Tenant's data set is supposed to be.
 *
 * @param source where the spec points: INLINE, SECRET or CONFIG_MAP (null when the spec names none or several)
 * @param name   the Secret or ConfigMap name (null for inline)
 * @param key    the key inside it (null for inline)
 * @param state  whether the object and key exist
 * @param digest sha256: of the data set's bytes as stored (null when absent)
 */
public record DatasetObservation(Source source, String name, String key, State state, String digest) {

    public DatasetObservation(Source source, String name, String key, State state) {
        this(source, name, key, state, null);
    }

    public enum Source { INLINE, SECRET, CONFIG_MAP }

    public enum State { PRESENT, OBJECT_MISSING, KEY_MISSING, NOT_EXACTLY_ONE_SOURCE }

    public static DatasetObservation inline() {
        return inline(null);
    }

    public static DatasetObservation inline(String digest) {
        return new DatasetObservation(Source.INLINE, null, null, State.PRESENT, digest);
    }

    public static DatasetObservation notExactlyOneSource() {
        return new DatasetObservation(null, null, null, State.NOT_EXACTLY_ONE_SOURCE);
    }
}
