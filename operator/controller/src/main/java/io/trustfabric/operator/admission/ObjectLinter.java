package io.trustfabric.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.operator.lint.ClusterLintEnvironment;
import io.trustfabric.operator.lint.PolicyLinter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** What the webhook asks about an object: its lint findings. Tests substitute their own. */
@FunctionalInterface
public interface ObjectLinter {

    /**
     * @param object the object as it would be stored
     * @param stored the object it replaces on an update; null on create
     */
    List<PolicyFinding> lint(JsonNode object, JsonNode stored);

    /**
     * The {@link PolicyLinter} on a view of the live cluster taken for each request (PolicyMacros listed once per
     * request, so one answer sees one consistent catalog).
     */
    static ObjectLinter cluster(KubernetesClient client, Clock clock, Duration dryrunMaxAge) {
        ClusterLintEnvironment environment = new ClusterLintEnvironment(client, clock, dryrunMaxAge);
        return (object, stored) -> new PolicyLinter(environment.refreshed()).lint(object, stored);
    }
}
