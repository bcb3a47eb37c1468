package io.trustfabric.psi.client;

import io.trustfabric.psi.json.JsonCursor;
import java.util.HashMap;
import java.util.Map;

/**
 * An RFC 9457 problem body as the worker sends it. String, number and literal members are kept as text, objects
 * and arrays (e.g. the {@code denials} of policy-denied) as their raw JSON; anything that is not a JSON object
 * yields a problem of type {@code about:blank} with the raw body as detail.
 */
public record ProblemDetails(int status, String type, String title, String detail, Map<String, String> members) {

    public static ProblemDetails parse(int status, String body) {
        Map<String, String> members;
        try {
            members = FlatJsonReader.readObject(body);
        } catch (IllegalArgumentException e) {
            return new ProblemDetails(status, "about:blank", "", truncate(body), Map.of());
        }
        return new ProblemDetails(status,
                members.getOrDefault("type", "about:blank"),
                members.getOrDefault("title", ""),
                members.getOrDefault("detail", ""),
                Map.copyOf(members));
    }

    private static String truncate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    /** Reads a JSON object: strings, numbers, booleans and null as text, objects and arrays as raw JSON. */
    static final class FlatJsonReader {
        private FlatJsonReader() {
        }

        static Map<String, String> readObject(String text) {
            JsonCursor json = new JsonCursor(text);
            json.skipSpace();
            Map<String, String> members = readMembers(json);
            json.skipSpace();
            if (!json.atEnd()) {
                throw new IllegalArgumentException("trailing characters");
            }
            return members;
        }

        /** Reads one object at the cursor. */
        static Map<String, String> readMembers(JsonCursor json) {
            Map<String, String> members = new HashMap<>();
            json.expect('{');
            json.skipSpace();
            if (!json.tryConsume('}')) {
                do {
                    json.skipSpace();
                    String name = json.string();
                    json.skipSpace();
                    json.expect(':');
                    json.skipSpace();
                    char first = json.peek();
                    members.put(name, first == '"' ? json.string()
                            : first == '{' || first == '[' ? json.rawComposite()
                            : json.token("+-.0123456789eEtruefalsn"));
                    json.skipSpace();
                } while (json.tryConsume(','));
                json.expect('}');
            }
            return members;
        }
    }
}
