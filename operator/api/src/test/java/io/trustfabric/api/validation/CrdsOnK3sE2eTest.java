package io.trustfabric.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.trustfabric.api.crds.CrdDocuments;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The checked-in CRDs on a real API server (k3s): they install (so the CEL rules compile within the API server's
 * cost limits), the documented examples are accepted, and broken ones are refused with our messages.
 * Runs with -Pe2e where Docker exists; skipped without Docker.
 */
@Tag("e2e")
@Testcontainers(disabledWithoutDocker = true)
class CrdsOnK3sE2eTest {

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    private static KubernetesClient client;
    private static final Map<String, ResourceDefinitionContext> CONTEXTS = new TreeMap<>();

    @BeforeAll
    static void installCrds() {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
        CrdDocuments.readDirectory(Path.of("..", "..", "crds")).values().forEach(text -> {
            CustomResourceDefinition crd = Serialization.unmarshal(text, CustomResourceDefinition.class);
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(CrdsOnK3sE2eTest::established, 2, TimeUnit.MINUTES);
            CONTEXTS.put(crd.getSpec().getNames().getKind(), contextOf(crd));
        });
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("trust").endMetadata().build()).create();
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void allSevenKindsAreEstablished() {
        assertThat(CONTEXTS.keySet()).hasSize(7);
    }

    @Test
    void everyDocumentedExampleIsAccepted() {
        for (JsonNode example : ApiReferenceExamples.all()) {
            GenericKubernetesResource created = create(example);
            assertThat(created.getMetadata().getUid()).isNotBlank();
        }
    }

    @Test
    void brokenObjectsAreRefusedWithTheModelsMessages() {
        assertRefused("PartnerAllowlist", o -> ((ObjectNode) o.at("/spec/partners/1")).put("id", "globex"),
                "partner ids must be unique within the list");
        assertRefused("PartnerAllowlist", o -> ((ObjectNode) o.at("/spec/partners/0/credentials")).putObject("clientCertificate")
                .put("subject", "CN=x"), "set exactly one of credentials.apiKeySecretRef or credentials.clientCertificate");
        assertRefused("PrivacyBudget", o -> ((ObjectNode) o.get("spec")).put("epsilonPerPeriod", "0.0"),
                "epsilonPerPeriod must be greater than 0");
        assertRefused("PrivacyBudget", o -> ((ObjectNode) o.get("spec")).putArray("alertThresholds").add(80).add(50),
                "alertThresholds must be strictly ascending");
        assertRefused("PrivacyBudget", o -> ((ObjectNode) o.at("/spec/period")).put("every", "720h"),
                "set exactly one of period.calendar or period.every");
        assertRefused("WhatIfScenario", o -> ((ObjectNode) o.get("spec")).put("template", "worker-pin"),
                "set workerPin exactly when template is worker-pin");
        assertRefused("TrustPolicy", o -> ((ObjectNode) o.at("/spec/rules/2")).put("name", "eu-only"),
                "rule names must be unique within the policy");
        assertRefused("PolicyMacro", o -> o.with("metadata").put("name", "residency-v7"),
                "a PolicyMacro must be named <spec.macro>-v<spec.version>");
        assertRefused("CanaryLane", o -> ((ObjectNode) o.at("/spec/candidate")).put("image", "trust-fabric-worker:1.3.0"),
                "candidate.image must differ from baseline.image");
    }

    private static void assertRefused(String kind, Consumer<ObjectNode> breakIt, String message) {
        ObjectNode object = (ObjectNode) ApiReferenceExamples.first(kind);
        object.with("metadata").put("name", object.path("metadata").path("name").asText() + "-broken");
        breakIt.accept(object);
        assertThatThrownBy(() -> create(object)).isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
                .hasMessageContaining(message);
    }

    private static GenericKubernetesResource create(JsonNode object) {
        GenericKubernetesResource resource = Serialization.jsonMapper().convertValue(object, GenericKubernetesResource.class);
        ResourceDefinitionContext context = CONTEXTS.get(resource.getKind());
        var resources = client.genericKubernetesResources(context);
        return context.isNamespaceScoped()
                ? resources.inNamespace(resource.getMetadata().getNamespace()).resource(resource).create()
                : resources.resource(resource).create();
    }

    private static ResourceDefinitionContext contextOf(CustomResourceDefinition crd) {
        return new ResourceDefinitionContext.Builder().withGroup(crd.getSpec().getGroup())
                .withVersion(crd.getSpec().getVersions().get(0).getName()).withKind(crd.getSpec().getNames().getKind())
                .withPlural(crd.getSpec().getNames().getPlural()).withNamespaced("Namespaced".equals(crd.getSpec().getScope()))
                .build();
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
