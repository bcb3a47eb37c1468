package io.trustfabric.operator.whatif;

import java.util.List;

/**
 * One table of a what-if report (plain text cells; the renderer escapes them). Rows beyond what the report keeps are
 * cut by the renderer, which says how many it left out; {@code totalRows} counts rows before any cut by the runner.
 */
public record ReportTable(String title, List<String> columns, List<List<String>> rows, long totalRows) {

    public ReportTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row of '" + title + "' has " + row.size() + " cells for "
                        + columns.size() + " columns");
            }
        }
    }

    public ReportTable(String title, List<String> columns, List<List<String>> rows) {
        this(title, columns, rows, rows.size());
    }
}
