package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.trustfabric.cli.resource.KindCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Local mode's mock API server validates trustfabric.io objects against their registered CRDs like a real API server:
 * 422 Invalid with a Status naming each field for a create, update or patch that fails the schema or a CEL rule
 * (nothing stored); unknown fields pruned from what is stored, or 400 under strict field validation; a status write to
 * an object keeps working; other kinds are stored as sent.
 */
class MockApiServerValidationTest {

    private static final String TENANT = """
            apiVersion: trustfabric.io/v1alpha1
            kind: Tenant
            metadata: {name: acme, namespace: trust}
            spec:
              modes: [MODES]
              dataset:
                configMapRef: {name: acme-customers, key: emails-sha256.txt}
                normalization: email-lowercase-sha256
              workers: {replicas: 1}
            """;

    private MockApiServer server;

    @BeforeEach
    void start() {
        server = MockApiServer.start(0);
        CrdInstaller.install(server.client());
        server.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("trust").endMetadata()
                .build()).create();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createOfAnInvalidObjectIsRefusedWith422AndTheFieldPaths() {
        KubernetesClientException refusal = catchThrowableOfType(
                () -> tenants().resource(tenant("psi-everything")).create(), KubernetesClientException.class);

        assertThat(refusal).isNotNull();
        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getStatus().getReason()).isEqualTo("Invalid");
        assertThat(refusal.getStatus().getMessage()).startsWith("Tenant.trustfabric.io \"acme\" is invalid: ")
                .contains("spec.modes[0]: Unsupported value: \"psi-everything\": supported values: \"psi\", \"psi-ca\"");
        assertThat(refusal.getStatus().getDetails().getKind()).isEqualTo("Tenant");
        assertThat(refusal.getStatus().getDetails().getCauses()).extracting(StatusCause::getField, StatusCause::getReason)
                .contains(org.assertj.core.groups.Tuple.tuple("spec.modes[0]", "FieldValueNotSupported"));
        assertThat(tenants().withName("acme").get()).isNull();
    }

    @Test
    void celRuleViolationIsRefused() {
        GenericKubernetesResource tenant = tenant("psi-ca");
        dataset(tenant).put("inline", "a@example.com");
        KubernetesClientException refusal = catchThrowableOfType(() -> tenants().resource(tenant).create(),
                KubernetesClientException.class);
        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getStatus().getMessage()).contains("spec.dataset: Invalid value: \"object\": set exactly one of");
    }

    @Test
    void unknownFieldsArePrunedOrRefusedUnderStrictFieldValidation() {
        GenericKubernetesResource misspelt = tenant("psi-ca");
        workers(misspelt).put("replcas", 2);
        GenericKubernetesResource created = tenants().resource(misspelt).create();
        assertThat(workers(created)).doesNotContainKey("replcas").containsEntry("replicas", 1);
        assertThat(workers(tenants().withName("acme").get())).doesNotContainKey("replcas");

        misspelt.getMetadata().setName("acme-strict");
        KubernetesClientException refusal = catchThrowableOfType(() -> tenants().resource(misspelt)
                .fieldValidation(FieldValidateable.Validation.STRICT).create(), KubernetesClientException.class);
        assertThat(refusal.getCode()).isEqualTo(400);
        assertThat(refusal.getStatus().getMessage()).contains("strict decoding error: unknown field \"spec.workers.replcas\"");
        assertThat(tenants().withName("acme-strict").get()).isNull();
    }

    @Test
    void updatesAndPatchesAreValidatedAndARefusedOneChangesNothing() {
        tenants().resource(tenant("psi-ca")).create();

        GenericKubernetesResource update = tenants().withName("acme").get();
        spec(update).put("modes", List.of("psi-everything"));
        KubernetesClientException refusedUpdate = catchThrowableOfType(() -> tenants().resource(update).update(),
                KubernetesClientException.class);
        assertThat(refusedUpdate.getCode()).isEqualTo(422);

        KubernetesClientException refusedPatch = catchThrowableOfType(() -> tenants().withName("acme").patch(
                PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"workers\":{\"replicas\":-1}}}"),
                KubernetesClientException.class);
        assertThat(refusedPatch.getCode()).isEqualTo(422);
        assertThat(refusedPatch.getStatus().getMessage()).contains("spec.workers.replicas: Invalid value: -1: "
                + "spec.workers.replicas in body should be greater than or equal to 0");

        GenericKubernetesResource stored = tenants().withName("acme").get();
        assertThat(spec(stored).get("modes")).isEqualTo(List.of("psi-ca"));
        assertThat(workers(stored)).containsEntry("replicas", 1);

        GenericKubernetesResource patched = tenants().withName("acme").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"workers\":{\"replicas\":2,\"replcas\":3}}}");
        assertThat(workers(patched)).containsEntry("replicas", 2).doesNotContainKey("replcas");
    }

    @Test
    void statusWritesPassAndOtherKindsAreNotValidated() {
        GenericKubernetesResource created = tenants().resource(tenant("psi-ca")).create();
        created.getAdditionalProperties().put("status", Map.of("observedGeneration", 1, "conditions", List.of(Map.of(
                "type", "Ready", "status", "False", "reason", "WorkersNotReady", "message", "0/1",
                "lastTransitionTime", "2026-01-01T00:00:00Z"))));
        GenericKubernetesResource written = tenants().resource(created).updateStatus();
        assertThat(Serialization.asJson(written.getAdditionalProperties().get("status"))).contains("WorkersNotReady");

        server.client().configMaps().inNamespace("trust").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("anything").endMetadata().addToData("modes", "psi-everything").build()).create();
        assertThat(server.client().configMaps().inNamespace("trust").withName("anything").get()).isNotNull();
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> tenants0() {
        return server.client().genericKubernetesResources(KindCatalog.builtIn().require("tenants").context());
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> tenants() {
        return tenants0().inNamespace("trust");
    }

    private static GenericKubernetesResource tenant(String modes) {
        return Serialization.unmarshal(TENANT.replace("MODES", modes), GenericKubernetesResource.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource object) {
        return (Map<String, Object>) object.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dataset(GenericKubernetesResource object) {
        return (Map<String, Object>) spec(object).get("dataset");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> workers(GenericKubernetesResource object) {
        return (Map<String, Object>) spec(object).get("workers");
    }
}
