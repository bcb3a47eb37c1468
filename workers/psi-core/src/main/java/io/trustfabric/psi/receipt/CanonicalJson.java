package io.trustfabric.psi.receipt;

import io.trustfabric.psi.json.JsonCursor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical JSON of a receipt: one flat object, members in a fixed order, values are strings or
 * integers, no whitespace, strings escaped minimally. Parsing accepts only this form (re-encoding a parsed
 * object must give the same bytes), so two encodings of one receipt can never both carry a valid signature.
 */
final class CanonicalJson {
    private CanonicalJson() {
    }

    static String encode(Map<String, Object> members) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> member : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, member.getKey());
            out.append(':');
            Object value = member.getValue();
            if (value instanceof Long || value instanceof Integer) {
                out.append(value);
            } else if (value instanceof String text) {
                string(out, text);
            } else {
                throw new IllegalArgumentException("member " + member.getKey() + " is neither a string nor an integer");
            }
        }
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** Parses a flat object of strings and integers, in member order; rejects anything not canonical. */
    /** A decoded member that must be a string. */
    static String text(Map<String, Object> members, String name) {
        if (!(members.get(name) instanceof String value)) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value;
    }

    /** A decoded member that must be an integer. */
    static long number(Map<String, Object> members, String name) {
        if (!(members.get(name) instanceof Long value)) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return value;
    }

    static Map<String, Object> decode(String json) {
        Parser parser = new Parser(json);
        Map<String, Object> members = parser.object();
        if (!encode(members).equals(json)) {
            throw new IllegalArgumentException("not in canonical form");
        }
        return members;
    }

    private static final class Parser {
        private final JsonCursor json;

        Parser(String text) {
            this.json = new JsonCursor(text);
        }

        Map<String, Object> object() {
            Map<String, Object> members = new LinkedHashMap<>();
            json.expect('{');
            if (!json.tryConsume('}')) {
                do {
                    String name = json.string();
                    json.expect(':');
                    Object value = json.peek() == '"' ? json.string() : integer();
                    if (members.put(name, value) != null) {
                        throw new IllegalArgumentException("duplicate member " + name);
                    }
                } while (json.tryConsume(','));
                json.expect('}');
            }
            if (!json.atEnd()) {
                throw new IllegalArgumentException("trailing characters at offset " + json.offset());
            }
            return members;
        }

        private Long integer() {
            int start = json.offset();
            try {
                return Long.parseLong(json.token("-0123456789"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a string or an integer at offset " + start);
            }
        }
    }
}
