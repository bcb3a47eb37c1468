package io.trustfabric.operator.whatif.shadow;

import io.trustfabric.api.common.SecretKeyRef;
import io.trustfabric.api.v1alpha1.DatasetSource;
import io.trustfabric.operator.whatif.golden.ComparisonRule;
import java.util.Map;

/**
 * What the candidate side changes against the tenant's current workers, and how answers are compared.
 *
 * @param image            the candidate's image, or null for the current one
 * @param env              TF_* settings on top of the rendered worker.json
 * @param keySeedSecretRef a Secret in the scenario's namespace with the candidate's key seed, or null
 * @param freshKeySeed     a random key seed made for this run (and deleted with its shadow)
 * @param dataset          the candidate's data set, or null for the current one
 */
public record ShadowCandidate(String image, Map<String, String> env, SecretKeyRef keySeedSecretRef,
                              boolean freshKeySeed, DatasetSource dataset, ComparisonRule rule) {

    public ShadowCandidate {
        env = Map.copyOf(env);
    }
}
