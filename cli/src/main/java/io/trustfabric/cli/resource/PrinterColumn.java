package io.trustfabric.cli.resource;

/** A column of `tfctl get`: a header and a JSONPath into the object, as in a CRD's additionalPrinterColumns. */
public record PrinterColumn(String name, String jsonPath, String type) {

    public static PrinterColumn of(String name, String jsonPath) {
        return new PrinterColumn(name, jsonPath, "string");
    }

    public boolean isDate() {
        return "date".equals(type);
    }
}
