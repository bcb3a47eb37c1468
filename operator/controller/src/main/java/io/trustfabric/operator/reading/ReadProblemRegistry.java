package io.trustfabric.operator.reading;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link TolerantSerialization} could not read of each object version it read, keyed by the object's identity
 * and resourceVersion. JOSDK hands a reconciler a clone of the informer's object, and a clone cannot carry the
 * parts the model dropped; the identity can, so the reconciler finds the problems of exactly the version it got.
 */
final class ReadProblemRegistry {

    /** Bounds the memory of objects deleted while unreadable; a live one is recorded again on its next read. */
    private static final int MAX_VERSIONS = 4096;

    private record Key(Class<?> type, String namespace, String name, String uid, String resourceVersion) {
        static Key of(HasMetadata resource) {
            ObjectMeta meta = resource.getMetadata();
            return meta == null ? null : new Key(resource.getClass(), meta.getNamespace(), meta.getName(),
                    meta.getUid(), meta.getResourceVersion());
        }
    }

    private final Map<Key, List<ReadProblem>> problems = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, List<ReadProblem>> eldest) {
            return size() > MAX_VERSIONS;
        }
    };

    synchronized void record(HasMetadata resource, List<ReadProblem> found) {
        Key key = Key.of(resource);
        if (key != null && !found.isEmpty()) {
            problems.put(key, List.copyOf(found));
        }
    }

    synchronized List<ReadProblem> of(HasMetadata resource) {
        Key key = Key.of(resource);
        return key == null ? List.of() : problems.getOrDefault(key, List.of());
    }
}
