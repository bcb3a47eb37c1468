package io.trustfabric.operator.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.JsonPatchOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an object into its Java model the way the API server would see it: fields the kind does not have become
 * {@link FindingCode#UNKNOWN_FIELD} (the server drops them), a field of the wrong type {@link FindingCode#INVALID_OBJECT}.
 */
final class ObjectReader {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int MAX_UNKNOWN = 20;

    private ObjectReader() {
    }

    static <T> Optional<T> read(JsonNode object, Class<T> type, Findings findings) {
        JsonNode copy = object.deepCopy();
        for (int attempt = 0; attempt <= MAX_UNKNOWN; attempt++) {
            try {
                return Optional.of(STRICT.treeToValue(copy, type));
            } catch (UnrecognizedPropertyException e) {
                String path = path(e);
                List<String> known = new ArrayList<>();
                e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
                Optional<String> meant = DidYouMean.closest(e.getPropertyName(), known);
                String pointer = FieldPath.pointer(path);
                if (path.startsWith("status")) {
                    // written by the operator (perhaps an older version), not by the author: read past it quietly
                    if (!remove(copy, FieldPath.segments(path))) {
                        return Optional.empty();
                    }
                    continue;
                }
                if (meant.isPresent()) {
                    String target = pointer.substring(0, pointer.lastIndexOf('/') + 1) + meant.get();
                    findings.add(FindingCode.UNKNOWN_FIELD, path, "unknown field '" + e.getPropertyName()
                            + "'; did you mean '" + meant.get() + "'? The API server drops it", "rename it to '"
                            + meant.get() + "'", JsonPatchOperation.move(pointer, target));
                } else {
                    findings.add(FindingCode.UNKNOWN_FIELD, path, "unknown field '" + e.getPropertyName()
                            + "'; the API server drops it", "remove it, or use one of " + known,
                            JsonPatchOperation.remove(pointer));
                }
                if (!remove(copy, FieldPath.segments(path))) {
                    return Optional.empty();
                }
            } catch (JsonMappingException e) {
                String path = path(e);
                findings.add(FindingCode.INVALID_OBJECT, path.isEmpty() ? "." : path, "cannot be read: "
                        + e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", "").lines().findFirst().orElse(""),
                        "give the field the type docs/api-reference.md shows for it");
                return Optional.empty();
            } catch (JsonProcessingException | IllegalArgumentException e) {
                findings.add(FindingCode.INVALID_OBJECT, ".", "cannot be read: " + e.getMessage(),
                        "write the object as docs/api-reference.md shows");
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static boolean remove(JsonNode root, List<String> segments) {
        JsonNode parent = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            parent = parent.isArray() ? parent.path(Integer.parseInt(segments.get(i))) : parent.path(segments.get(i));
        }
        if (parent instanceof ObjectNode object && !segments.isEmpty()
                && object.remove(segments.get(segments.size() - 1)) != null) {
            return true;
        }
        return false;
    }
}
