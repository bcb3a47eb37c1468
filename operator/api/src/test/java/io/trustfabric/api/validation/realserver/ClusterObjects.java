package io.trustfabric.api.validation.realserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.trustfabric.api.validation.GeneratedCrds;
import io.trustfabric.testsupport.TestCluster;
import java.util.Optional;

/** trustfabric.io objects on the test cluster, addressed by kind through the generated CRDs. */
final class ClusterObjects {

    private final TestCluster cluster;
    private final String namespace;

    /** Objects of namespaced kinds go to the namespace; cluster-scoped ones to the cluster. */
    ClusterObjects(TestCluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    static boolean namespaced(String kind) {
        return "Namespaced".equals(GeneratedCrds.of(kind).at("/spec/scope").asText());
    }

    static String resourceName(String kind) {
        return GeneratedCrds.of(kind).at("/metadata/name").asText();
    }

    String namespace() {
        return namespace;
    }

    GenericKubernetesResource create(ObjectNode object) {
        return resources(kind(object)).resource(placed(object)).create();
    }

    /** Creates the object the way kubectl does: unknown fields refused instead of pruned. */
    GenericKubernetesResource createStrictly(ObjectNode object) {
        return resources(kind(object)).resource(placed(object)).fieldValidation(FieldValidateable.Validation.STRICT).create();
    }

    /** Writes the object's status through the status subresource; the object must carry its resourceVersion. */
    GenericKubernetesResource updateStatus(ObjectNode object) {
        return resources(kind(object)).resource(placed(object)).updateStatus();
    }

    Optional<GenericKubernetesResource> get(ObjectNode object) {
        return Optional.ofNullable(resources(kind(object)).withName(name(object)).get());
    }

    /** Deletes the object if it exists; namespaced ones also go with the test's namespace. */
    void deleteIfPresent(ObjectNode object) {
        resources(kind(object)).withName(name(object)).delete();
    }

    /** A write's refusal, or null when the API server accepted it. */
    static KubernetesClientException refusalOf(Runnable write) {
        try {
            write.run();
            return null;
        } catch (KubernetesClientException refusal) {
            return refusal;
        }
    }

    static ObjectNode json(GenericKubernetesResource resource) {
        return Serialization.jsonMapper().convertValue(resource, ObjectNode.class);
    }

    private GenericKubernetesResource placed(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = copy.with("metadata");
        if (namespaced(kind(object))) {
            metadata.put("namespace", namespace);
        } else {
            metadata.remove("namespace");
        }
        return Serialization.jsonMapper().convertValue(copy, GenericKubernetesResource.class);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            resources(String kind) {
        var all = cluster.admin().genericKubernetesResources(context(kind));
        return namespaced(kind) ? all.inNamespace(namespace) : all;
    }

    private static ResourceDefinitionContext context(String kind) {
        JsonNode crd = GeneratedCrds.of(kind);
        return new ResourceDefinitionContext.Builder().withGroup(crd.at("/spec/group").asText())
                .withVersion(crd.at("/spec/versions/0/name").asText()).withKind(kind)
                .withPlural(crd.at("/spec/names/plural").asText()).withNamespaced(namespaced(kind)).build();
    }

    private static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    private static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }
}
