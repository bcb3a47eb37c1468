package io.trustfabric.psi.receipt;

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
    static Map<String, Object> decode(String json) {
        Parser parser = new Parser(json);
        Map<String, Object> members = parser.object();
        if (!encode(members).equals(json)) {
            throw new IllegalArgumentException("not in canonical form");
        }
        return members;
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Map<String, Object> object() {
            Map<String, Object> members = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                at++;
            } else {
                do {
                    String name = string();
                    expect(':');
                    Object value = peek() == '"' ? string() : integer();
                    if (members.put(name, value) != null) {
                        throw new IllegalArgumentException("duplicate member " + name);
                    }
                } while (next() == ',');
                at--;
                expect('}');
            }
            if (at != text.length()) {
                throw new IllegalArgumentException("trailing characters at offset " + at);
            }
            return members;
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char escaped = next();
                    if (escaped == 'u') {
                        if (at + 4 > text.length()) {
                            throw new IllegalArgumentException("truncated escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    } else {
                        out.append(escaped);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private Long integer() {
            int start = at;
            if (peek() == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a string or an integer at offset " + start);
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at offset " + (at - 1));
            }
        }
    }
}
