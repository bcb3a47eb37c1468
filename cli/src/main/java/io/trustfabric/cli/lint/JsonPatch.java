package io.trustfabric.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.JsonPatchOperation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies RFC 6902 JSON Patch operations (add, remove, replace, move, copy, test) to a JSON tree. One difference
 * that only matters to how YAML looks afterwards: a move between two keys of the same object renames the key in
 * place instead of appending it at the end of the object.
 */
final class JsonPatch {

    /** An operation that cannot be applied (its path does not exist, a test fails, ...). */
    static final class PatchException extends Exception {
        PatchException(String message) {
            super(message);
        }
    }

    private JsonPatch() {
    }

    /** Applies the operations in order to a copy of {@code document}; the document itself is not changed. */
    static JsonNode apply(JsonNode document, List<JsonPatchOperation> operations) throws PatchException {
        JsonNode root = document.deepCopy();
        for (JsonPatchOperation op : operations) {
            root = apply(root, op);
        }
        return root;
    }

    private static JsonNode apply(JsonNode root, JsonPatchOperation op) throws PatchException {
        if (op == null || op.getOp() == null || op.getPath() == null) {
            throw new PatchException("an operation without op or path");
        }
        List<String> path = pointer(op.getPath());
        switch (op.getOp()) {
            case "add":
                return add(root, path, value(op));
            case "remove":
                remove(root, path);
                return root;
            case "replace":
                return replace(root, path, value(op));
            case "move": {
                List<String> from = pointer(require(op.getFrom(), "move"));
                if (from.equals(path)) {
                    get(root, from);
                    return root;
                }
                if (path.size() > from.size() && path.subList(0, from.size()).equals(from)) {
                    throw new PatchException("cannot move " + op.getFrom() + " into itself");
                }
                JsonNode moved = get(root, from);
                if (renameInPlace(root, from, path)) {
                    return root;
                }
                remove(root, from);
                return add(root, path, moved);
            }
            case "copy":
                return add(root, path, get(root, pointer(require(op.getFrom(), "copy"))).deepCopy());
            case "test": {
                JsonNode actual = get(root, path);
                if (actual.equals(NUMERIC, value(op))) {
                    return root;
                }
                throw new PatchException("test failed at " + op.getPath());
            }
            default:
                throw new PatchException("unknown op " + op.getOp());
        }
    }

    /** Numbers are equal when their values are (1 equals 1.0), as RFC 6902 compares them. */
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private static String require(String from, String op) throws PatchException {
        if (from == null) {
            throw new PatchException(op + " without from");
        }
        return from;
    }

    private static JsonNode value(JsonPatchOperation op) throws PatchException {
        if (op.getValue() == null) {
            throw new PatchException(op.getOp() + " " + op.getPath() + " without a value");
        }
        return op.getValue();
    }

    /** RFC 6901: "" is the whole document; ~1 is /, ~0 is ~. */
    static List<String> pointer(String pointer) throws PatchException {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw new PatchException("not a JSON Pointer: " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static JsonNode get(JsonNode root, List<String> path) throws PatchException {
        JsonNode node = root;
        for (int i = 0; i < path.size(); i++) {
            node = child(node, path.get(i), path, i);
        }
        return node;
    }

    private static JsonNode child(JsonNode node, String token, List<String> path, int depth) throws PatchException {
        JsonNode child = null;
        if (node.isObject()) {
            child = node.get(token);
        } else if (node.isArray()) {
            int index = index(token, node.size() - 1);
            child = node.get(index);
        }
        if (child == null) {
            throw new PatchException("no " + render(path.subList(0, depth + 1)));
        }
        return child;
    }

    private static int index(String token, int max) throws PatchException {
        if (!token.matches("0|[1-9][0-9]{0,8}")) {
            throw new PatchException("not an array index: " + token);
        }
        int index = Integer.parseInt(token);
        if (index > max) {
            throw new PatchException("index " + index + " is out of bounds");
        }
        return index;
    }

    private static JsonNode add(JsonNode root, List<String> path, JsonNode value) throws PatchException {
        if (path.isEmpty()) {
            return value.deepCopy();
        }
        JsonNode parent = get(root, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
        } else if (parent instanceof ArrayNode array) {
            if ("-".equals(last)) {
                array.add(value.deepCopy());
            } else {
                array.insert(index(last, array.size()), value.deepCopy());
            }
        } else {
            throw new PatchException(render(path.subList(0, path.size() - 1)) + " is neither an object nor an array");
        }
        return root;
    }

    /** Replaces the value where it is (an object keeps its key order). */
    private static JsonNode replace(JsonNode root, List<String> path, JsonNode value) throws PatchException {
        get(root, path);
        if (path.isEmpty()) {
            return value.deepCopy();
        }
        JsonNode parent = get(root, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
        } else if (parent instanceof ArrayNode array) {
            array.set(index(last, array.size() - 1), value.deepCopy());
        }
        return root;
    }

    private static void remove(JsonNode root, List<String> path) throws PatchException {
        if (path.isEmpty()) {
            throw new PatchException("cannot remove the whole document");
        }
        JsonNode parent = get(root, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(index(last, array.size() - 1));
        } else {
            throw new PatchException("no " + render(path));
        }
    }

    /** A move between two keys of one object keeps the key's place, so a renamed field stays where it was written. */
    private static boolean renameInPlace(JsonNode root, List<String> from, List<String> to) throws PatchException {
        if (from.isEmpty() || to.isEmpty() || from.size() != to.size()
                || !from.subList(0, from.size() - 1).equals(to.subList(0, to.size() - 1))) {
            return false;
        }
        if (!(get(root, from.subList(0, from.size() - 1)) instanceof ObjectNode parent)) {
            return false;
        }
        String oldName = from.get(from.size() - 1);
        String newName = to.get(to.size() - 1);
        ObjectNode renamed = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = parent.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(oldName)) {
                renamed.set(newName, field.getValue());
            } else if (!field.getKey().equals(newName)) {
                renamed.set(field.getKey(), field.getValue());
            }
        }
        parent.removeAll();
        parent.setAll(renamed);
        return true;
    }

    private static String render(List<String> path) {
        StringBuilder out = new StringBuilder();
        path.forEach(token -> out.append('/').append(token.replace("~", "~0").replace("/", "~1")));
        return out.isEmpty() ? "the document" : out.toString();
    }
}
