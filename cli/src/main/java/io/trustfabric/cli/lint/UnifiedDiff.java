package io.trustfabric.cli.lint;

import java.util.ArrayList;
import java.util.List;

/** A unified diff (as diff -u prints it) of the edits {@link Rewriter} makes to a file's lines. */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    static String of(String name, List<String> lines, List<Rewriter.Edit> edits) {
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(name).append('\n');
        out.append("+++ ").append(name).append('\n');
        int delta = 0;
        int i = 0;
        while (i < edits.size()) {
            int j = i;
            while (j + 1 < edits.size() && edits.get(j + 1).start() - end(edits.get(j)) <= 2 * CONTEXT) {
                j++;
            }
            int from = Math.max(0, edits.get(i).start() - CONTEXT);
            int to = Math.min(lines.size(), end(edits.get(j)) + CONTEXT);
            List<String> body = new ArrayList<>();
            int at = from;
            int added = 0;
            for (int k = i; k <= j; k++) {
                Rewriter.Edit edit = edits.get(k);
                for (; at < edit.start(); at++) {
                    body.add(" " + lines.get(at));
                }
                edit.oldLines().forEach(l -> body.add("-" + l));
                edit.newLines().forEach(l -> body.add("+" + l));
                added += edit.newLines().size() - edit.oldLines().size();
                at = end(edit);
            }
            for (; at < to; at++) {
                body.add(" " + lines.get(at));
            }
            int oldCount = to - from;
            int newCount = oldCount + added;
            out.append("@@ -").append(start(from, oldCount)).append(',').append(oldCount)
                    .append(" +").append(start(from + delta, newCount)).append(',').append(newCount).append(" @@\n");
            for (String line : body) {
                boolean complete = line.endsWith("\n");
                out.append(line.replaceAll("\r?\n$", "")).append('\n');
                if (!complete) {
                    out.append("\\ No newline at end of file\n");
                }
            }
            delta += added;
            i = j + 1;
        }
        return out.toString();
    }

    private static int end(Rewriter.Edit edit) {
        return edit.start() + edit.oldLines().size();
    }

    /** 1-based; an empty range names the line before it. */
    private static int start(int index, int count) {
        return count == 0 ? index : index + 1;
    }
}
