package io.trustfabric.psi.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a set of items from a file: one item per line, or one column of a CSV file (RFC 4180 quoting).
 * Blank lines are skipped; normalization is applied later, identically on both sides.
 */
public final class ItemFile {
    private ItemFile() {
    }

    public static List<String> readLines(Path path) throws IOException {
        List<String> items = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    items.add(line);
                }
            }
        }
        return items;
    }

    /** Column {@code column} (0-based) of every row; skips the first row if {@code header}. */
    public static List<String> readCsvColumn(Path path, int column, boolean header) throws IOException {
        if (column < 0) {
            throw new IllegalArgumentException("CSV column must be 0 or more, got " + column);
        }
        List<String> items = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if ((header && lineNumber == 1) || line.isBlank()) {
                    continue;
                }
                List<String> fields = splitCsvLine(line, lineNumber);
                if (column >= fields.size()) {
                    throw new IllegalArgumentException(path + " line " + lineNumber + " has " + fields.size()
                            + " columns, column " + column + " requested");
                }
                items.add(fields.get(column));
            }
        }
        return items;
    }

    static List<String> splitCsvLine(String line, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + lineNumber + ": unterminated quoted field");
        }
        fields.add(field.toString());
        return fields;
    }
}
