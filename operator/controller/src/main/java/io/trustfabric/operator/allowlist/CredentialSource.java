package io.trustfabric.operator.allowlist;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/** Where partner credential Secrets are read from (the API server in the operator, a map in tests). */
@FunctionalInterface
public interface CredentialSource {

    Optional<Secret> secret(String namespace, String name);
}
