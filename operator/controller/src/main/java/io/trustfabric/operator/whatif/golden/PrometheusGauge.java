package io.trustfabric.operator.whatif.golden;

import java.util.OptionalDouble;

/** Reads one sample of a gauge with a {@code tenant} label from Prometheus text format. */
final class PrometheusGauge {

    private PrometheusGauge() {
    }

    static OptionalDouble read(String text, String metric, String tenantId) {
        String label = "tenant=\"" + tenantId + "\"";
        for (String line : text.split("\n")) {
            if (!line.startsWith(metric + "{") || !line.contains(label)) {
                continue;
            }
            int end = line.lastIndexOf('}');
            String[] value = line.substring(end + 1).strip().split("\\s+");
            try {
                return OptionalDouble.of(Double.parseDouble(value[0]));
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
