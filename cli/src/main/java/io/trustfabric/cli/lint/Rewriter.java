package io.trustfabric.cli.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.events.CommentEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * Writes fixed documents back into their file's text. Only the fixed documents change: every other document stays
 * byte for byte, and so do the lines before a fixed document's first field (its {@code ---}, the modeline and other
 * leading comments) and the comment lines at its end. The fixed document itself is written anew, so comments inside
 * it are lost (counted, so tfctl can say so). A JSON file is written anew as a whole.
 */
final class Rewriter {

    private static final Pattern DOCUMENT_START = Pattern.compile("---(?:[ \\t].*)?");
    private static final Pattern DOCUMENT_END = Pattern.compile("\\.\\.\\.(?:[ \\t].*)?");
    /** Quoted beyond Jackson's own rules: anything its parser could read back as a number (1e3, .5, 0x1F). */
    /** The indentation and key a line starts with ("  - name:"), to match an old line with its new version. */
    private static final Pattern KEY = Pattern.compile("\\s*(?:- )?[^\\s:#\"'][^:#]*?:(?=\\s|$)");
    private static final Pattern NUMBER_LIKE = Pattern.compile("[-+.0-9].*");

    static final ObjectMapper YAML_OUT = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .stringQuotingChecker(new StringQuotingChecker.Default() {
                @Override
                public boolean needToQuoteValue(String value) {
                    return super.needToQuoteValue(value) || NUMBER_LIKE.matcher(value).matches();
                }
            })
            .build());
    static final ObjectMapper JSON_OUT = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The fixed documents could not be written back safely. */
    static final class RewriteException extends Exception {
        RewriteException(String message) {
            super(message);
        }
    }

    /** Lines {@code [start, start + oldLines.size())} of the old text (0-based) become {@code newLines}. */
    record Edit(int start, List<String> oldLines, List<String> newLines) {
    }

    /** The new text, the edits that make it from the old one, how many comments they dropped, the text as read. */
    record Result(String text, List<Edit> edits, int commentsLost, SourceFile after) {
    }

    private Rewriter() {
    }

    /**
     * Rewrites the fixed documents and checks that the new text reads back as exactly the fixed documents (and the
     * others unchanged). Lines a fix leaves alone are kept as written, comments included; a fixed line keeps its
     * trailing comment. Should keeping comments change what the text means, the fixed documents are written without
     * them; should even that not read back right, nothing is rewritten.
     *
     * @param roots the new root of each fixed document, by document index; the other documents are kept
     */
    static Result rewrite(SourceFile file, Map<Integer, JsonNode> roots) throws RewriteException {
        for (boolean keepComments : new boolean[] {true, false}) {
            Result result = file.json() ? json(file, roots) : yaml(file, roots, keepComments);
            SourceFile after = SourceFile.parse(file.path(), result.text());
            if (readsBackAs(file, roots, after)) {
                return new Result(result.text(), result.edits(), result.commentsLost(), after);
            }
        }
        throw new RewriteException("the rewritten text would not read back as the fixed documents");
    }

    /** Every document reads back as the fixed or unchanged document it should be. */
    private static boolean readsBackAs(SourceFile before, Map<Integer, JsonNode> roots, SourceFile after) {
        if (before.documents().size() != after.documents().size()
                || after.problems().size() != before.problems().size()) {
            return false;
        }
        for (int d = 0; d < before.documents().size(); d++) {
            SourceFile.Document original = before.documents().get(d);
            JsonNode expected = roots.getOrDefault(original.index(), original.root());
            if (!expected.equals(after.documents().get(d).root())) {
                return false;
            }
        }
        return true;
    }

    private static Result json(SourceFile file, Map<Integer, JsonNode> roots) throws RewriteException {
        if (file.documents().size() != 1 || !roots.containsKey(1)) {
            throw new RewriteException("a JSON file with more than one document");
        }
        List<String> lines = lines(file.text());
        String eol = file.text().contains("\r\n") ? "\r\n" : "\n";
        Alignment alignment = align(0, lines, withEol(json(roots.get(1)), eol), Comments.NONE, false);
        return apply(lines, alignment.edits(), 0);
    }

    private static Result yaml(SourceFile file, Map<Integer, JsonNode> roots, boolean keepComments)
            throws RewriteException {
        List<String> lines = lines(file.text());
        String eol = file.text().contains("\r\n") ? "\r\n" : "\n";
        Comments comments = Comments.of(file.text(), lines);
        List<Edit> edits = new ArrayList<>();
        int lost = 0;
        for (Map.Entry<Integer, JsonNode> fixed : new TreeMap<>(roots).entrySet()) {
            SourceFile.Document document = file.document(fixed.getKey())
                    .orElseThrow(() -> new RewriteException("no document " + fixed.getKey()));
            int first = document.start().line() - 1;
            int end = lines.size();
            for (int i = first + 1; i < lines.size(); i++) {
                if (marker(lines.get(i), DOCUMENT_START) || marker(lines.get(i), DOCUMENT_END)) {
                    end = i;
                    break;
                }
            }
            for (SourceFile.Document other : file.documents()) {
                int line = other.start().line() - 1;
                if (other != document && !other.empty() && line >= first && line < end) {
                    throw new RewriteException("document " + other.index() + " shares lines with document "
                            + document.index());
                }
            }
            int last = end;
            while (last - 1 > first && keptAtEnd(lines.get(last - 1))) {
                last--;
            }
            List<String> replacement = new ArrayList<>();
            if (marker(lines.get(first), DOCUMENT_START)) {
                replacement.add("---" + eol); // the document began on its --- line: keep the marker, not the rest
            }
            replacement.addAll(withEol(yaml(fixed.getValue()), eol));
            Alignment alignment = align(first, lines.subList(first, last), replacement, comments, keepComments);
            edits.addAll(alignment.edits());
            lost += alignment.commentsLost();
        }
        return apply(lines, edits, lost);
    }

    /** Comment lines at a document's end (at the line start: they cannot be part of a block scalar) and blanks. */
    private static boolean keptAtEnd(String line) {
        return line.isBlank() || line.startsWith("#");
    }

    private static boolean marker(String line, Pattern pattern) {
        return pattern.matcher(line.stripTrailing()).matches();
    }

    static String yaml(JsonNode root) throws RewriteException {
        try {
            return YAML_OUT.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new RewriteException("cannot write YAML: " + e.getOriginalMessage());
        }
    }

    private static String json(JsonNode root) throws RewriteException {
        try {
            return JSON_OUT.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new RewriteException("cannot write JSON: " + e.getOriginalMessage());
        }
    }

    /** Edits that turn the old lines into the new ones, and how many comments they drop. */
    private record Alignment(List<Edit> edits, int commentsLost) {
    }

    /**
     * The edits that turn {@code before} (lines from {@code start} of the file) into {@code after}, leaving alone
     * the lines both have in common (a longest common subsequence). With {@code keepComments}, a line that differs
     * from a new one only by its trailing comment is kept as written, a comment line of its own is kept where it is,
     * and a replaced line's trailing comment is carried over to the line replacing it.
     */
    private static Alignment align(int start, List<String> before, List<String> after, Comments comments,
                                   boolean keepComments) {
        int n = before.size();
        int m = after.size();
        if ((long) (n + 1) * (m + 1) > 4_000_000L) {
            return run(start, before, after, comments, false);
        }
        int[][] best = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            best[i][m] = best[i + 1][m] + (keepComments && comments.ownLine(start + i) ? 1 : 0);
            for (int j = m - 1; j >= 0; j--) {
                int value = Math.max(best[i + 1][j], best[i][j + 1]);
                if (matches(start + i, before.get(i), after.get(j), comments, keepComments)) {
                    value = Math.max(value, best[i + 1][j + 1] + 1);
                }
                if (keepComments && comments.ownLine(start + i)) {
                    value = Math.max(value, best[i + 1][j] + 1);
                }
                best[i][j] = value;
            }
        }
        List<Edit> edits = new ArrayList<>();
        int lost = 0;
        int i = 0;
        int j = 0;
        int fromI = -1;
        int fromJ = -1;
        while (i < n || j < m) {
            boolean keep = false;
            int nextI = i;
            int nextJ = j;
            if (i < n && j < m && matches(start + i, before.get(i), after.get(j), comments, keepComments)
                    && best[i][j] == best[i + 1][j + 1] + 1) {
                keep = true;
                nextI = i + 1;
                nextJ = j + 1;
            } else if (i < n && keepComments && comments.ownLine(start + i) && best[i][j] == best[i + 1][j] + 1) {
                keep = true;
                nextI = i + 1;
            }
            if (keep) {
                if (fromI >= 0) {
                    Alignment part = run(start + fromI, before.subList(fromI, i), after.subList(fromJ, j),
                            comments, keepComments);
                    edits.addAll(part.edits());
                    lost += part.commentsLost();
                    fromI = -1;
                }
                i = nextI;
                j = nextJ;
                continue;
            }
            if (fromI < 0) {
                fromI = i;
                fromJ = j;
            }
            if (j < m && (i == n || best[i][j] == best[i][j + 1])) {
                j++;
            } else {
                i++;
            }
        }
        if (fromI >= 0) {
            Alignment part = run(start + fromI, before.subList(fromI, n), after.subList(fromJ, m), comments,
                    keepComments);
            edits.addAll(part.edits());
            lost += part.commentsLost();
        }
        return new Alignment(edits, lost);
    }

    /** Whether an old line can stay for a new one: the same, or the same but for its trailing comment. */
    private static boolean matches(int line, String old, String neu, Comments comments, boolean keepComments) {
        if (old.equals(neu)) {
            return true;
        }
        int hash = keepComments ? comments.trailing(line) : -1;
        return hash > 0 && old.substring(0, hash).stripTrailing().equals(neu.stripTrailing());
    }

    /**
     * One edit replacing old lines by new ones (file lines from {@code start}). A replaced line's trailing comment
     * moves to the new line with the same key (same indentation and key); failing that, when the edit replaces as
     * many lines as it adds, to the new line in the same place unless that line's key is another old line's (a
     * renamed field keeps its comment, a removed one loses it).
     */
    private static Alignment run(int start, List<String> before, List<String> after, Comments comments,
                                 boolean keepComments) {
        int[] target = new int[before.size()];
        Arrays.fill(target, -1);
        if (keepComments) {
            Set<Integer> taken = new HashSet<>();
            Set<String> oldKeys = new HashSet<>();
            before.forEach(line -> key(line).ifPresent(oldKeys::add));
            for (int k = 0; k < before.size(); k++) {
                String key = comments.trailing(start + k) > 0 ? key(before.get(k)).orElse(null) : null;
                for (int j = 0; key != null && j < after.size() && target[k] < 0; j++) {
                    if (!taken.contains(j) && key.equals(key(after.get(j)).orElse(null))) {
                        target[k] = j;
                        taken.add(j);
                    }
                }
            }
            for (int k = 0; k < before.size() && before.size() == after.size(); k++) {
                String newKey = key(after.get(k)).orElse(null);
                if (comments.trailing(start + k) > 0 && target[k] < 0 && !taken.contains(k)
                        && (newKey == null || !oldKeys.contains(newKey))) {
                    target[k] = k;
                    taken.add(k);
                }
            }
        }
        List<String> replaced = new ArrayList<>(after);
        int lost = 0;
        for (int k = 0; k < before.size(); k++) {
            int hash = comments.trailing(start + k);
            if (target[k] >= 0) {
                String content = after.get(target[k]).replaceAll("\\r?\\n$", "");
                String eol = after.get(target[k]).substring(content.length());
                String comment = before.get(k).substring(hash).replaceAll("\\s+$", "");
                replaced.set(target[k], content + " ".repeat(Math.max(1, hash - content.length())) + comment + eol);
            } else if (comments.any(start + k, before.get(k))) {
                lost++;
            }
        }
        return new Alignment(List.of(new Edit(start, List.copyOf(before), List.copyOf(replaced))), lost);
    }

    /** The indentation and key a line starts with, e.g. "  - name:". */
    private static Optional<String> key(String line) {
        Matcher key = KEY.matcher(line);
        return key.lookingAt() ? Optional.of(key.group()) : Optional.empty();
    }

    private static Result apply(List<String> lines, List<Edit> edits, int lost) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Edit edit : edits) {
            lines.subList(at, edit.start()).forEach(out::append);
            edit.newLines().forEach(out::append);
            at = edit.start() + edit.oldLines().size();
        }
        lines.subList(at, lines.size()).forEach(out::append);
        return new Result(out.toString(), edits, lost, null);
    }

    /** The lines of a text, each with its line break (the last may have none). */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static List<String> withEol(String text, String eol) {
        List<String> out = new ArrayList<>();
        for (String line : lines(text)) {
            String bare = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            out.add(bare + eol);
        }
        return out;
    }

    /** Where the original text has comments, by the comment-aware YAML parser's account (0-based lines). */
    private record Comments(Map<Integer, Integer> trailingAt, Set<Integer> ownLines, boolean known) {

        static final Comments NONE = new Comments(Map.of(), Set.of(), true);

        static Comments of(String text, List<String> lines) {
            LoaderOptions options = new LoaderOptions();
            options.setProcessComments(true);
            Map<Integer, Integer> trailing = new HashMap<>();
            Set<Integer> own = new HashSet<>();
            try {
                for (Event event : new Yaml(options).parse(new StringReader(text))) {
                    if (!(event instanceof CommentEvent comment) || comment.getStartMark() == null) {
                        continue;
                    }
                    int line = comment.getStartMark().getLine();
                    if (line < 0 || line >= lines.size()) {
                        continue;
                    }
                    String written = lines.get(line);
                    if (comment.getCommentType() == CommentType.IN_LINE) {
                        int column = comment.getStartMark().getColumn();
                        int hash = column < written.length() && written.charAt(column) == '#' ? column
                                : written.indexOf(" #") + 1;
                        if (hash > 0) {
                            trailing.put(line, hash);
                        }
                    } else if (comment.getCommentType() == CommentType.BLOCK && written.strip().startsWith("#")) {
                        own.add(line);
                    }
                }
                return new Comments(trailing, own, true);
            } catch (RuntimeException e) {
                return new Comments(Map.of(), Set.of(), false); // lines are then only guessed at (any())
            }
        }

        /** The column of the line's trailing comment's #, or -1. */
        int trailing(int line) {
            return trailingAt.getOrDefault(line, -1);
        }

        /** A line that is only a comment (never a block scalar's content). */
        boolean ownLine(int line) {
            return ownLines.contains(line);
        }

        /** Whether the line holds a comment (guessed from the text when the parser could not tell). */
        boolean any(int line, String written) {
            if (known) {
                return trailingAt.containsKey(line) || ownLines.contains(line);
            }
            return written.strip().startsWith("#") || written.contains(" #");
        }
    }
}
