package io.trustfabric.cli.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The subset of kubectl's JSONPath that printer columns use: {@code .a.b}, {@code [0]}, {@code [*]} and
 * {@code [?(@.type=="Ready")]}. A template such as {@code {.status.ready}/{.status.desired}} substitutes each
 * {@code {path}}. Missing values read as empty.
 */
public final class JsonPathLite {

    private static final Pattern FILTER = Pattern.compile("\\?\\(@\\.([A-Za-z0-9_]+)\\s*==\\s*[\"']([^\"']*)[\"']\\)");
    private static final Pattern TEMPLATE_PART = Pattern.compile("\\{([^}]*)}");

    private JsonPathLite() {
    }

    /** Evaluates a path or template against a JSON-like tree of maps and lists; multiple matches join with ",". */
    public static String render(Object root, String expression) {
        if (!expression.contains("{")) {
            return join(select(root, expression));
        }
        Matcher m = TEMPLATE_PART.matcher(expression);
        StringBuilder out = new StringBuilder();
        boolean anyValue = false;
        while (m.find()) {
            String value = join(select(root, m.group(1)));
            anyValue |= !value.isEmpty();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return anyValue ? out.toString() : "";
    }

    public static List<Object> select(Object root, String path) {
        List<Object> current = new ArrayList<>();
        current.add(root);
        for (String step : steps(path.trim())) {
            List<Object> next = new ArrayList<>();
            for (Object node : current) {
                apply(step, node, next);
            }
            current = next;
        }
        return current;
    }

    private static void apply(String step, Object node, List<Object> out) {
        if (step.startsWith("[")) {
            applyBracket(step.substring(1, step.length() - 1), node, out);
        } else if (node instanceof Map<?, ?> map && map.get(step) != null) {
            out.add(map.get(step));
        }
    }

    private static void applyBracket(String inner, Object node, List<Object> out) {
        if (!(node instanceof List<?> list)) {
            return;
        }
        if (inner.equals("*")) {
            out.addAll(list);
            return;
        }
        Matcher filter = FILTER.matcher(inner);
        if (filter.matches()) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m && filter.group(2).equals(String.valueOf(m.get(filter.group(1))))) {
                    out.add(item);
                }
            }
            return;
        }
        int index = Integer.parseInt(inner.trim());
        int resolved = index < 0 ? list.size() + index : index;
        if (resolved >= 0 && resolved < list.size()) {
            out.add(list.get(resolved));
        }
    }

    static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        int i = path.startsWith("$") ? 1 : 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '[' in JSONPath " + path);
                }
                steps.add(path.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                steps.add(path.substring(i, end));
                i = end;
            }
        }
        return steps;
    }

    private static String join(List<Object> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
