package io.trustfabric.api.crds;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.util.Arrays;
import java.util.List;

/**
 * The order kubectl should show a kind's printer columns in: the order of the {@link AdditionalPrinterColumn}
 * annotations on its class (the generator sorts them by JSON path). Age always goes last, as for built-in kinds.
 */
public final class PrinterColumnOrder {

    private static final String MODEL_PACKAGE = "io.trustfabric.api.";

    private PrinterColumnOrder() {
    }

    /** Declared column names of a kind, or an empty list when no model class declares any. */
    public static List<String> declared(String version, String kind) {
        try {
            Class<?> type = Class.forName(MODEL_PACKAGE + version + "." + kind);
            return Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class)).map(AdditionalPrinterColumn::name).toList();
        } catch (ClassNotFoundException e) {
            return List.of();
        }
    }

    /** Sort key of a column: its declared position, undeclared columns after those, Age last. */
    public static int rank(List<String> declared, String column) {
        if ("Age".equals(column)) {
            return Integer.MAX_VALUE;
        }
        int index = declared.indexOf(column);
        return index < 0 ? declared.size() : index;
    }
}
