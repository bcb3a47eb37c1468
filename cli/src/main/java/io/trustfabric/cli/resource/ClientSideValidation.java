package io.trustfabric.cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.trustfabric.api.validation.CrdObjectValidator;
import io.trustfabric.api.validation.ValidationResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * tfctl apply's check of trustfabric.io objects against the CRDs packaged in the CLI, before anything is sent: the
 * schema and CEL rules as the API server evaluates them, and the fields the schema does not know. Other kinds (and
 * kinds without a packaged CRD) pass unchecked: the API server checks them.
 */
public final class ClientSideValidation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FieldValidation mode;
    private final Map<String, CrdObjectValidator> byGroupVersionKind = new HashMap<>();

    public ClientSideValidation(FieldValidation mode, List<JsonNode> crds) {
        this.mode = mode;
        for (JsonNode crd : crds) {
            JsonNode spec = crd.path("spec");
            String key = spec.path("group").asText() + "/" + spec.path("versions").path(0).path("name").asText() + "/"
                    + spec.path("names").path("kind").asText();
            byGroupVersionKind.put(key, new CrdObjectValidator(crd));
        }
    }

    /** With the CRDs packaged in the CLI. */
    public static ClientSideValidation packaged(FieldValidation mode) {
        return new ClientSideValidation(mode, mode == FieldValidation.IGNORE ? List.of() : PackagedCrds.all());
    }

    /**
     * What to send for one object: unchanged, or without its unknown fields (with a warning for each); or why it is
     * refused.
     */
    public record Checked(GenericKubernetesResource toSend, List<String> warnings, Optional<String> refusal) {
    }

    public Checked check(GenericKubernetesResource object) {
        CrdObjectValidator validator = byGroupVersionKind.get(object.getApiVersion() + "/" + object.getKind());
        if (mode == FieldValidation.IGNORE || validator == null) {
            return new Checked(object, List.of(), Optional.empty());
        }
        ValidationResult result = validator.validate(JSON.valueToTree(object));
        String group = object.getApiVersion().substring(0, object.getApiVersion().indexOf('/'));
        if (!result.valid()) {
            return refused(object, result.invalidMessage(object.getKind(), group,
                    object.getMetadata() == null ? "" : object.getMetadata().getName()));
        }
        if (result.unknownFields().isEmpty()) {
            return new Checked(object, List.of(), Optional.empty());
        }
        if (mode == FieldValidation.STRICT) {
            return refused(object, object.getKind() + " in version \"" + version(object) + "\" cannot be handled as a "
                    + object.getKind() + ": " + result.unknownFieldsMessage());
        }
        List<String> warnings = result.unknownFields().stream().map(f -> "unknown field \"" + f + "\"").toList();
        return new Checked(JSON.convertValue(result.pruned(), GenericKubernetesResource.class), warnings, Optional.empty());
    }

    private static Checked refused(GenericKubernetesResource object, String message) {
        return new Checked(object, List.of(), Optional.of(message));
    }

    private static String version(GenericKubernetesResource object) {
        return object.getApiVersion().substring(object.getApiVersion().indexOf('/') + 1);
    }
}
