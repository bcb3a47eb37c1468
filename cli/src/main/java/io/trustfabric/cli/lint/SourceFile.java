package io.trustfabric.cli.lint;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One manifest file as tfctl lint reads it: the text, each document with the line and column of every field and
 * array element (so a finding's path can be shown where it is in the file), and the first problem that stopped the
 * reading, if any. Documents are read the way {@code tfctl apply -f} reads them (multi-document YAML or JSON, a
 * {@code kind: List} counts as its items); documents before a syntax error are kept.
 */
final class SourceFile {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path path;
    private final String text;
    private final List<Document> documents;
    private final List<Problem> problems;

    private SourceFile(Path path, String text, List<Document> documents, List<Problem> problems) {
        this.path = path;
        this.text = text;
        this.documents = documents;
        this.problems = problems;
    }

    /** A position in the file, both 1-based. */
    record Position(int line, int column) {
        static Position of(JsonLocation location) {
            return new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
        }
    }

    /** Something in the file that kept (part of) it from being linted. */
    record Problem(FileProblem kind, int document, Position position, String message) {
    }

    /** One YAML document: its root ({@link NullNode} when empty), where it starts and where each path is. */
    static final class Document {
        private final int index;
        private final JsonNode root;
        private final Position start;
        private final Map<List<String>, Position> positions;

        Document(int index, JsonNode root, Position start, Map<List<String>, Position> positions) {
            this.index = index;
            this.root = root;
            this.start = start;
            this.positions = positions;
        }

        /** 1-based, counting every document of the file, empty ones too. */
        int index() {
            return index;
        }

        JsonNode root() {
            return root;
        }

        Position start() {
            return start;
        }

        boolean empty() {
            return root == null || root.isNull() || (root.isContainerNode() && root.isEmpty());
        }

        /**
         * Where the field or element at {@code segments} (below {@code prefix}) is written, or the nearest ancestor
         * that is written when it is absent (a missing argument points at its {@code with:}).
         */
        Position position(List<String> prefix, List<String> segments) {
            List<String> full = new ArrayList<>(prefix);
            full.addAll(segments);
            for (int n = full.size(); n >= 0; n--) {
                Position found = positions.get(full.subList(0, n));
                if (found != null) {
                    return found;
                }
            }
            return start;
        }
    }

    Path path() {
        return path;
    }

    String text() {
        return text;
    }

    List<Document> documents() {
        return documents;
    }

    List<Problem> problems() {
        return problems;
    }

    boolean json() {
        return path.getFileName() != null && path.getFileName().toString().toLowerCase().endsWith(".json");
    }

    Optional<Document> document(int index) {
        return documents.stream().filter(d -> d.index() == index).findFirst();
    }

    /** A file that could not be read at all. */
    static SourceFile unreadable(Path path, String message) {
        return new SourceFile(path, "", List.of(), List.of(new Problem(FileProblem.UNREADABLE_FILE, 0,
                new Position(1, 1), message)));
    }

    static SourceFile parse(Path path, String text) {
        List<Document> documents = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Position start = Position.of(parser.currentTokenLocation());
                Map<List<String>, Position> positions = new HashMap<>();
                positions.put(List.of(), start);
                JsonNode root = read(parser, token, new ArrayList<>(), positions);
                Document document = new Document(documents.size() + 1, root, start, positions);
                documents.add(document);
                checkManifest(document, problems);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new Problem(FileProblem.INVALID_YAML, documents.size() + 1,
                    at == null ? new Position(1, 1) : Position.of(at), syntaxMessage(e)));
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(FileProblem.INVALID_YAML, documents.size() + 1, new Position(1, 1),
                    String.valueOf(e.getMessage())));
        }
        return new SourceFile(path, text, documents, problems);
    }

    /** What tfctl apply refuses: a document that is not a mapping with apiVersion and kind. */
    private static void checkManifest(Document document, List<Problem> problems) {
        if (document.empty()) {
            return;
        }
        JsonNode root = document.root();
        if (!root.isObject()) {
            problems.add(new Problem(FileProblem.NOT_A_MANIFEST, document.index(), document.start(),
                    "document " + document.index() + " is not a mapping"));
            return;
        }
        boolean list = LintTarget.isList(root);
        List<JsonNode> objects = new ArrayList<>();
        if (list) {
            root.get("items").forEach(objects::add);
        } else {
            objects.add(root);
        }
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            if (!object.isObject() || !object.path("apiVersion").isTextual() || !object.path("kind").isTextual()) {
                boolean item = list;
                List<String> at = item ? List.of("items", String.valueOf(i)) : List.of();
                problems.add(new Problem(FileProblem.NOT_A_MANIFEST, document.index(),
                        document.position(at, List.of()), (item ? "item " + i + " of document " : "document ")
                        + document.index() + " has no apiVersion or kind"));
            }
        }
    }

    private static JsonNode read(JsonParser parser, JsonToken token, List<String> path,
                                 Map<List<String>, Position> positions) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                Position at = Position.of(parser.currentTokenLocation());
                path.add(name);
                positions.put(List.copyOf(path), at);
                object.set(name, read(parser, parser.nextToken(), path, positions));
                path.remove(path.size() - 1);
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_ARRAY && next != null) {
                path.add(String.valueOf(array.size()));
                positions.put(List.copyOf(path), Position.of(parser.currentTokenLocation()));
                array.add(read(parser, next, path, positions));
                path.remove(path.size() - 1);
            }
            return array;
        }
        JsonNode scalar = YAML.readTree(parser);
        return scalar == null ? NullNode.getInstance() : scalar;
    }

    /** The parser's message without the quoted source lines: "while parsing ...; expected ..., but got ...". */
    private static String syntaxMessage(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        List<String> parts = new ArrayList<>();
        for (String line : original.split("\\R")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.strip().equals("^")) {
                continue;
            }
            parts.add(line.strip());
        }
        return parts.isEmpty() ? original.strip() : String.join("; ", parts);
    }
}
