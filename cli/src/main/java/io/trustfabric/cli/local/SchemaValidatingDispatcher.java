package io.trustfabric.cli.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.trustfabric.api.validation.CrdObjectValidator;
import io.trustfabric.api.validation.ValidationResult;
import io.trustfabric.cli.resource.KindCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fabric8's CRUD dispatcher that validates trustfabric.io objects like a real API server: a create, update or patch
 * (also of the status subresource) whose resulting object fails the schema or CEL rules of the CRD registered for
 * its kind is refused with 422 Invalid and a Status naming each field; fields the schema does not know are pruned
 * from what is stored, with a Warning header each, or refused with 400 under {@code fieldValidation=Strict}. An
 * update is checked with ratcheting (a violation at a value it leaves as it was is not held against it). A kind
 * whose CRD has no schema (a stand-in preserving unknown fields) is stored as sent. Defaults are not applied.
 */
class SchemaValidatingDispatcher extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** /apis/trustfabric.io/VERSION[/namespaces/NS]/PLURAL[/NAME[/status]][?query] */
    private static final Pattern OUR_PATH = Pattern.compile(
            "^/apis/" + Pattern.quote(KindCatalog.GROUP) + "/[^/]+/(?:namespaces/[^/]+/)?([^/?]+)(?:/([^/?]+))?(/status)?/?(\\?.*)?$");

    /** Compiled validators by CRD name and resourceVersion: a replaced CRD gets a new one. */
    private final Map<String, CrdObjectValidator> validators = new ConcurrentHashMap<>();
    /** The update or patch being handled on this thread, for the hook that sees the object about to be stored. */
    private final ThreadLocal<Write> current = new ThreadLocal<>();

    /** A write to a trustfabric.io kind that has a schema. */
    private record Write(CrdObjectValidator validator, String kind, boolean strict, List<String> warnings) {
    }

    /** Thrown out of the store hook to refuse the write; turned into the response by the handle method. */
    private static final class Refused extends RuntimeException {
        final transient MockResponse response;

        Refused(MockResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        Optional<Write> write = writeOf(request);
        if (write.isEmpty()) {
            return super.handleCreate(request);
        }
        String text = request.getUtf8Body(); // reading consumes the request's body: pass on a copy
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return super.handleCreate(withBody(request, text)); // the mock's own answer to a body that is not JSON
        }
        ValidationResult result = write.get().validator().validate(body);
        Optional<MockResponse> refusal = refusal(write.get(), body.path("metadata").path("name").asText(), result);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        RecordedRequest toStore = withBody(request, result.unknownFields().isEmpty() ? text : result.pruned().toString());
        return withWarnings(super.handleCreate(toStore), result.unknownFields());
    }

    private static RecordedRequest withBody(RecordedRequest request, String body) {
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
                new Buffer().writeUtf8(body));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return storingWith(request, () -> super.handleUpdate(request));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return storingWith(request, () -> super.handlePatch(request));
    }

    private MockResponse storingWith(RecordedRequest request, java.util.function.Supplier<MockResponse> store) {
        Optional<Write> write = writeOf(request);
        if (write.isEmpty()) {
            return store.get();
        }
        current.set(write.get());
        try {
            return withWarnings(store.get(), write.get().warnings());
        } catch (Refused refused) {
            return refused.response;
        } finally {
            current.remove();
        }
    }

    /** Called by the PUT and PATCH handlers with the object about to be stored; validates and prunes it in place. */
    @Override
    public void preserveMetadata(JsonNode stored, JsonNode updated) {
        super.preserveMetadata(stored, updated);
        Write write = current.get();
        if (write == null || !(updated instanceof ObjectNode object)) {
            return;
        }
        ValidationResult result = write.validator().validateUpdate(updated, stored);
        refusal(write, updated.path("metadata").path("name").asText(), result).ifPresent(response -> {
            throw new Refused(response);
        });
        if (!result.unknownFields().isEmpty()) {
            write.warnings().addAll(result.unknownFields());
            object.removeAll();
            object.setAll((ObjectNode) result.pruned());
        }
    }

    private Optional<MockResponse> refusal(Write write, String name, ValidationResult result) {
        if (!result.valid()) {
            return Optional.of(invalid(write.kind(), name, result));
        }
        if (write.strict() && !result.unknownFields().isEmpty()) {
            return Optional.of(status(new StatusBuilder().withStatus("Failure").withReason("BadRequest").withCode(400)
                    .withMessage(write.kind() + " in version \"" + KindCatalog.VERSION + "\" cannot be handled as a "
                            + write.kind() + ": " + result.unknownFieldsMessage()).build()));
        }
        return Optional.empty();
    }

    /** The API server's 422 for an object its CRD refuses. */
    private static MockResponse invalid(String kind, String name, ValidationResult result) {
        List<StatusCause> causes = result.violations().stream().map(v -> new StatusCauseBuilder()
                .withReason(v.type().causeReason()).withMessage(v.message()).withField(v.field()).build()).toList();
        return status(new StatusBuilder().withStatus("Failure").withReason("Invalid").withCode(422)
                .withMessage(result.invalidMessage(kind, KindCatalog.GROUP, name))
                .withNewDetails().withName(name).withGroup(KindCatalog.GROUP).withKind(kind).withCauses(causes).endDetails()
                .build());
    }

    private static MockResponse status(Status status) {
        status.setApiVersion("v1");
        status.setKind("Status");
        try {
            return new MockResponse().setResponseCode(status.getCode()).setBody(JSON.writeValueAsString(status));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockResponse withWarnings(MockResponse response, List<String> unknownFields) {
        for (String field : unknownFields) {
            response.addHeader("Warning", "299 - \"unknown field \\\"" + field + "\\\"\"");
        }
        return response;
    }

    /** The write's kind and validator when it targets a trustfabric.io kind whose registered CRD has a schema. */
    private Optional<Write> writeOf(RecordedRequest request) {
        Matcher path = OUR_PATH.matcher(request.getPath());
        if (!path.matches()) {
            return Optional.empty();
        }
        var crdEntry = findResource(getKey("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + path.group(1)
                + "." + KindCatalog.GROUP));
        if (crdEntry == null) {
            return Optional.empty();
        }
        JsonNode crd;
        try {
            crd = JSON.readTree(crdEntry.getValue());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        JsonNode schema = crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !schema.has("properties")) {
            return Optional.empty();
        }
        String key = crd.path("metadata").path("name").asText() + "@" + crd.path("metadata").path("resourceVersion").asText();
        CrdObjectValidator validator = validators.computeIfAbsent(key, k -> new CrdObjectValidator(crd));
        String query = path.group(4) == null ? "" : path.group(4);
        return Optional.of(new Write(validator, crd.path("spec").path("names").path("kind").asText(),
                query.matches(".*[?&]fieldValidation=Strict(&.*)?"), new java.util.ArrayList<>()));
    }
}
