package io.trustfabric.api.crds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditorSchemasTest {

    private static final String GADGET = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: { name: gadgets.trustfabric.io }
            spec:
              group: trustfabric.io
              names: { kind: Gadget, plural: gadgets, shortNames: [gd] }
              scope: Namespaced
              versions:
              - name: v1alpha1
                served: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        required: [size]
                        x-kubernetes-validations:
                        - { rule: "self.size > 1 || !has(self.colour)", message: "a colour needs a size above 1" }
                        properties:
                          size: { type: integer, minimum: 1.0, maximum: 10.0, default: 2, description: "How big." }
                          colour: { type: string, enum: [red, green], x-kubernetes-list-type: atomic }
                          quantity: { x-kubernetes-int-or-string: true, anyOf: [{ type: integer }, { type: string }] }
                          ratio: { type: number, minimum: 0.5, exclusiveMinimum: true, nullable: true }
                          extra: { type: object, x-kubernetes-preserve-unknown-fields: true, properties: { known: { type: string } } }
                          anything: { x-kubernetes-preserve-unknown-fields: true, description: "Any value." }
                          labels: { type: object, additionalProperties: { type: string } }
                          args: { type: object, additionalProperties: { x-kubernetes-preserve-unknown-fields: true } }
                      status:
                        type: object
                        properties:
                          ready: { type: boolean }
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private Path crds;
    private Path schemas;
    private EditorSchemas editorSchemas;

    @BeforeEach
    void setUp() throws IOException {
        crds = Files.createDirectories(root.resolve("target/generated-crds"));
        schemas = root.resolve("schemas");
        editorSchemas = new EditorSchemas(crds, schemas);
        Files.writeString(crds.resolve("gadgets.trustfabric.io-v1.yml"), GADGET);
    }

    @Test
    void theWholeObjectIsDescribedWithApiVersionKindAndMetadata() throws IOException {
        JsonNode schema = gadget();
        assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(schema.path("$id").asText()).isEqualTo("urn:trustfabric.io:schemas:gadget-v1alpha1");
        assertThat(schema.path("title").asText()).isEqualTo("Gadget (trustfabric.io/v1alpha1)");
        assertThat(schema.path("description").asText()).contains("namespaced (kubectl short names: gd)");
        assertThat(schema.at("/properties/apiVersion/const").asText()).isEqualTo("trustfabric.io/v1alpha1");
        assertThat(schema.at("/properties/kind/const").asText()).isEqualTo("Gadget");
        assertThat(schema.at("/properties/metadata/properties").fieldNames())
                .toIterable().contains("name", "namespace", "labels", "annotations");
        assertThat(schema.path("required").toString()).isEqualTo("[\"apiVersion\",\"kind\",\"metadata\"]");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.at("/properties/status/description").asText()).contains("Written by the operator");
    }

    @Test
    void objectsListingTheirPropertiesRefuseOthersUnlessTheyPreserveUnknownFields() throws IOException {
        JsonNode spec = gadget().at("/properties/spec");
        assertThat(spec.path("additionalProperties").isBoolean()).isTrue();
        assertThat(spec.path("additionalProperties").asBoolean()).isFalse();
        assertThat(spec.at("/properties/extra").has("additionalProperties")).as("preserves unknown fields").isFalse();
        assertThat(spec.at("/properties/anything").toString()).isEqualTo("{\"description\":\"Any value.\"}");
        assertThat(spec.at("/properties/labels/additionalProperties").toString()).isEqualTo("{\"type\":\"string\"}");
        assertThat(spec.at("/properties/args/additionalProperties").toString()).isEqualTo("{}");
    }

    @Test
    void constraintsAreKeptAndKubernetesExtensionsTranslated() throws IOException {
        JsonNode spec = gadget().at("/properties/spec");
        assertThat(spec.path("required").toString()).isEqualTo("[\"size\"]");
        assertThat(spec.at("/properties/size").toString())
                .isEqualTo("{\"default\":2,\"description\":\"How big.\",\"maximum\":10,\"minimum\":1,\"type\":\"integer\"}");
        assertThat(spec.at("/properties/colour").toString()).isEqualTo("{\"enum\":[\"red\",\"green\"],\"type\":\"string\"}");
        assertThat(spec.at("/properties/quantity").toString())
                .isEqualTo("{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"string\"}]}");
        assertThat(spec.at("/properties/ratio").toString())
                .as("OpenAPI's boolean exclusiveMinimum and nullable in draft-07 form")
                .isEqualTo("{\"exclusiveMinimum\":0.5,\"type\":[\"number\",\"null\"]}");
        assertThat(spec.path("description").asText()).isEqualTo("Rule: a colour needs a size above 1");
        assertThat(gadgetText()).doesNotContain("x-kubernetes");
    }

    @Test
    void anUnknownSchemaKeywordFailsInsteadOfBeingDropped() throws IOException {
        Files.writeString(crds.resolve("gadgets.trustfabric.io-v1.yml"),
                GADGET.replace("ready: { type: boolean }", "ready: { type: boolean, discriminator: kind }"));
        assertThatThrownBy(editorSchemas::expected).hasMessageContaining("'discriminator'");
    }

    @Test
    void outputIsSortedIndentedByTwoSpacesAndEndsWithANewline() throws IOException {
        String text = gadgetText();
        assertThat(text).startsWith("{\n  \"$comment\": \"Generated from crds/gadgets.trustfabric.io-v1.yml")
                .contains("\n  \"$id\": ").contains("      \"colour\": {\n          \"enum\": [\n            \"red\",\n            \"green\"\n          ],\n")
                .endsWith("}\n").doesNotContain("\t");
        assertThat(text.indexOf("\"additionalProperties\"")).isLessThan(text.indexOf("\"description\""));
        assertThat(new EditorSchemas(crds, schemas).expected()).isEqualTo(editorSchemas.expected());
    }

    @Test
    void allJsonChecksTrustFabricKindsByApiVersionAndKind() throws IOException {
        editorSchemas.update();
        JsonNode all = JSON.readTree(Files.readString(schemas.resolve("all.json")));
        assertThat(all.at("/definitions/gadget-v1alpha1/title").asText()).isEqualTo("Gadget (trustfabric.io/v1alpha1)");
        assertThat(all.at("/definitions/gadget-v1alpha1").has("$schema")).isFalse();
        assertThat(all.at("/allOf/0/if/properties/kind/const").asText()).isEqualTo("Gadget");
        assertThat(all.at("/allOf/0/then/$ref").asText()).isEqualTo("#/definitions/gadget-v1alpha1");
    }

    @Test
    void checkFailsWithTheRegenerateCommandUntilUpdateWritesTheSchemas() throws IOException {
        assertThatThrownBy(editorSchemas::check).isInstanceOf(CrdSyncException.class)
                .hasMessageContaining("gadget-v1alpha1.json is missing")
                .hasMessageContaining("./mvnw -B -pl operator/api process-test-classes -Dcrds.update=true");
        assertThat(editorSchemas.update()).isEqualTo("schemas: 2 file(s) updated");
        editorSchemas.check();
        assertThat(editorSchemas.update()).isEqualTo("schemas: 0 file(s) updated");
    }

    @Test
    void checkFailsWhenASchemaWasEditedOrNoCrdGivesItAndUpdateDeletesIt() throws IOException {
        editorSchemas.update();
        Path gadget = schemas.resolve("gadget-v1alpha1.json");
        Files.writeString(gadget, Files.readString(gadget).replace("How big.", "How large."));
        assertThatThrownBy(editorSchemas::check).hasMessageContaining(gadget + " differs from the schema the CRD gives");

        editorSchemas.update();
        Files.writeString(schemas.resolve("widget-v1alpha1.json"), "{}\n");
        assertThatThrownBy(editorSchemas::check).hasMessageContaining("widget-v1alpha1.json is not generated from a CRD");
        assertThat(editorSchemas.update()).isEqualTo("schemas: 1 file(s) updated");
        assertThat(schemas.resolve("widget-v1alpha1.json")).doesNotExist();
    }

    @Test
    void noCrdsIsAnError() throws IOException {
        Files.delete(crds.resolve("gadgets.trustfabric.io-v1.yml"));
        assertThatThrownBy(editorSchemas::check).hasMessageContaining("no CRDs in");
    }

    @Test
    void theCheckedInSchemasAreTheOnesTheCheckedInCrdsGive() {
        new EditorSchemas(Path.of("..", "..", "crds"), Path.of("..", "..", "schemas")).check();
    }

    private JsonNode gadget() throws IOException {
        return JSON.readTree(gadgetText());
    }

    private String gadgetText() {
        return editorSchemas.expected().get("gadget-v1alpha1.json");
    }
}
