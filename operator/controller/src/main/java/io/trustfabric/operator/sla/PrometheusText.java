package io.trustfabric.operator.sla;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), as the workers' {@code /metrics} writes
 * it. Keeps the samples of counter, gauge and histogram families; samples of other families (summary, untyped, or no
 * {@code # TYPE} line) are skipped. A malformed line fails the whole scrape: half-read numbers would be worse than
 * none.
 */
public final class PrometheusText {

    /** One sample line: metric name as written (histograms keep their _bucket/_count/_sum suffix). */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        public String label(String key) {
            return labels.get(key);
        }
    }

    /** The exposition is not valid text format. */
    public static final class MalformedExposition extends IllegalArgumentException {
        MalformedExposition(int line, String problem) {
            super("line " + line + ": " + problem);
        }
    }

    private static final List<String> KEPT_TYPES = List.of("counter", "gauge", "histogram");
    private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum");

    private PrometheusText() {
    }

    public static List<Sample> parse(String text) {
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                readComment(line, types, i + 1);
                continue;
            }
            Sample sample = new LineReader(line, i + 1).sample();
            String type = types.get(familyOf(sample.name(), types));
            if (type != null && KEPT_TYPES.contains(type)) {
                samples.add(sample);
            }
        }
        return samples;
    }

    private static void readComment(String line, Map<String, String> types, int number) {
        String[] parts = line.substring(1).trim().split("[ \t]+", 3);
        if (parts.length >= 1 && parts[0].equals("TYPE")) {
            if (parts.length != 3 || !validName(parts[1])) {
                throw new MalformedExposition(number, "a TYPE line needs a metric name and a type");
            }
            if (types.put(parts[1], parts[2].trim()) != null) {
                throw new MalformedExposition(number, "a second TYPE line for " + parts[1]);
            }
        }
    }

    /** The family a sample belongs to: its own name, or for histogram series the name without the suffix. */
    private static String familyOf(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : HISTOGRAM_SUFFIXES) {
            if (name.endsWith(suffix)) {
                String family = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(family))) {
                    return family;
                }
            }
        }
        return name;
    }

    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
                    || i > 0 && c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Reads {@code name{label="value",...} value [timestamp]}. */
    private static final class LineReader {
        private final String line;
        private final int number;
        private int pos;

        LineReader(String line, int number) {
            this.line = line;
            this.number = number;
        }

        Sample sample() {
            String name = identifier(true);
            Map<String, String> labels = new LinkedHashMap<>();
            if (pos < line.length() && line.charAt(pos) == '{') {
                pos++;
                labels(labels);
            }
            if (pos >= line.length() || line.charAt(pos) != ' ' && line.charAt(pos) != '\t') {
                throw fail("expected a space before the value");
            }
            String[] rest = line.substring(pos).trim().split("[ \t]+");
            if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
                throw fail("expected a value and an optional timestamp");
            }
            if (rest.length == 2) {
                try {
                    Long.parseLong(rest[1]);
                } catch (NumberFormatException e) {
                    throw fail("the timestamp '" + rest[1] + "' is not an integer");
                }
            }
            return new Sample(name, labels, value(rest[0]));
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                if (pos < line.length() && line.charAt(pos) == '}') {
                    pos++;
                    return;
                }
                String key = identifier(false);
                expect('=');
                expect('"');
                String value = quoted();
                if (labels.put(key, value) != null) {
                    throw fail("label " + key + " appears twice");
                }
                if (pos < line.length() && line.charAt(pos) == ',') {
                    pos++;
                } else if (pos >= line.length() || line.charAt(pos) != '}') {
                    throw fail("expected ',' or '}' after a label");
                }
            }
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            while (pos < line.length()) {
                char c = line.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (pos >= line.length()) {
                        break;
                    }
                    char escaped = line.charAt(pos++);
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw fail("unknown escape \\" + escaped + " in a label value");
                    }
                } else {
                    value.append(c);
                }
            }
            throw fail("unterminated label value");
        }

        private String identifier(boolean metricName) {
            int start = pos;
            while (pos < line.length()) {
                char c = line.charAt(pos);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || metricName && c == ':'
                        || pos > start && c >= '0' && c <= '9';
                if (!ok) {
                    break;
                }
                pos++;
            }
            if (pos == start) {
                throw fail(metricName ? "expected a metric name" : "expected a label name");
            }
            return line.substring(start, pos);
        }

        private void expect(char c) {
            if (pos >= line.length() || line.charAt(pos) != c) {
                throw fail("expected '" + c + "'");
            }
            pos++;
        }

        private double value(String text) {
            switch (text) {
                case "+Inf", "Inf" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Inf" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                case "NaN" -> {
                    return Double.NaN;
                }
                default -> {
                    try {
                        if (text.chars().anyMatch(Character::isLetter) && !text.matches("[-+0-9.]+[eE][-+]?[0-9]+")) {
                            throw fail("the value '" + text + "' is not a number");
                        }
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw fail("the value '" + text + "' is not a number");
                    }
                }
            }
        }

        private MalformedExposition fail(String problem) {
            return new MalformedExposition(number, problem);
        }
    }

    /** The {@code le} bound of a histogram bucket sample. */
    public static double bound(Sample bucket) {
        String le = bucket.label("le");
        if (le == null) {
            throw new IllegalArgumentException(bucket.name() + " has no le label");
        }
        return switch (le) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            default -> Double.parseDouble(le);
        };
    }
}
