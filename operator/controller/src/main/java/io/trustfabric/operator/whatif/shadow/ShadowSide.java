package io.trustfabric.operator.whatif.shadow;

import io.trustfabric.api.v1alpha1.DatasetSource;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one shadow worker runs: its image, the TF_* settings on top of the rendered worker.json, its key seed and its
 * data set (in the scenario's namespace).
 */
public record ShadowSide(ShadowRole role, String image, Map<String, String> env, KeySeedChoice keySeed,
                         DatasetSource dataset) {

    public ShadowSide {
        env = new TreeMap<>(env);
    }
}
