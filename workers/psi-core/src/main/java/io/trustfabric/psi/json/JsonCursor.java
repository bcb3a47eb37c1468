package io.trustfabric.psi.json;

/**
 * A cursor over a small, flat JSON text: the tokens the problem-body reader and the receipt parser share.
 * Each caller keeps its own grammar; every error is an {@link IllegalArgumentException} naming the offset.
 */
public final class JsonCursor {
    private final String text;
    private int at;

    public JsonCursor(String text) {
        this.text = text;
    }

    public boolean atEnd() {
        return at >= text.length();
    }

    public int offset() {
        return at;
    }

    public char peek() {
        if (atEnd()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return text.charAt(at);
    }

    public char next() {
        char c = peek();
        at++;
        return c;
    }

    public void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at offset " + (at - 1));
        }
    }

    public boolean tryConsume(char c) {
        if (!atEnd() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    public void skipSpace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    /** A quoted string with its escapes resolved. */
    public String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            out.append(c == '\\' ? escaped() : c);
        }
    }

    /** The longest run of characters from {@code allowed} (a number or a literal); never empty. */
    public String token(String allowed) {
        int start = at;
        while (!atEnd() && allowed.indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw new IllegalArgumentException("unsupported value at offset " + start);
        }
        return text.substring(start, at);
    }

    /**
     * The raw text of the object or array starting here (nested values and strings included), for readers that
     * keep a nested member as JSON rather than interpreting it.
     */
    public String rawComposite() {
        int start = at;
        char open = peek();
        if (open != '{' && open != '[') {
            throw new IllegalArgumentException("expected an object or array at offset " + at);
        }
        int depth = 0;
        do {
            char c = next();
            if (c == '"') {
                at--;
                string();
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        } while (depth > 0);
        return text.substring(start, at);
    }

    private char escaped() {
        char escaped = next();
        return switch (escaped) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'u' -> unicodeEscape();
            default -> escaped;
        };
    }

    private char unicodeEscape() {
        if (at + 4 > text.length()) {
            throw new IllegalArgumentException("truncated unicode escape at offset " + at);
        }
        try {
            char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
            at += 4;
            return c;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad unicode escape at offset " + at);
        }
    }
}
