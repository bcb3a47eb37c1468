package io.trustfabric.api.validation.realserver;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of kubectl's table output, read by the header's column positions (kubectl aligns each cell under its
 * header, so an empty cell is blanks there).
 */
record KubectlTable(List<String> headers, List<Integer> starts, String row) {

    private static final Pattern HEADER = Pattern.compile("\\S+");

    static KubectlTable parse(String header, String row) {
        List<String> headers = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        Matcher matcher = HEADER.matcher(header);
        while (matcher.find()) {
            headers.add(matcher.group());
            starts.add(matcher.start());
        }
        return new KubectlTable(headers, starts, row);
    }

    String cell(String header) {
        int index = headers.indexOf(header);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + header + " in " + headers);
        }
        int start = Math.min(starts.get(index), row.length());
        int end = index + 1 < starts.size() ? Math.min(starts.get(index + 1), row.length()) : row.length();
        return row.substring(start, end).trim();
    }
}
