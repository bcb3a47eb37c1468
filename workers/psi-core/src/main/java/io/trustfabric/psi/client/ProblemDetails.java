package io.trustfabric.psi.client;

import java.util.HashMap;
import java.util.Map;

/**
 * An RFC 9457 problem body as the worker sends it: a flat JSON object. Only string and number members
 * are kept; anything that is not such an object yields a problem of type {@code about:blank} with the
 * raw body as detail.
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

    /** Reads a JSON object whose members are strings, numbers, booleans or null. */
    static final class FlatJsonReader {
        private final String text;
        private int pos;

        private FlatJsonReader(String text) {
            this.text = text;
        }

        static Map<String, String> readObject(String text) {
            FlatJsonReader reader = new FlatJsonReader(text);
            Map<String, String> members = reader.object();
            reader.skipSpace();
            if (reader.pos != text.length()) {
                throw new IllegalArgumentException("trailing characters");
            }
            return members;
        }

        private Map<String, String> object() {
            Map<String, String> members = new HashMap<>();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                pos++;
                return members;
            }
            do {
                skipSpace();
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                members.put(name, value());
                skipSpace();
            } while (tryConsume(','));
            expect('}');
            return members;
        }

        private String value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            int start = pos;
            while (pos < text.length() && "+-.0123456789eEtruefalsn".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("unsupported value at " + pos);
            }
            return text.substring(start, pos);
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw new IllegalArgumentException("short unicode escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> out.append(escaped);
                }
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private boolean tryConsume(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + (pos - 1));
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return text.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }
    }
}
