package io.trustfabric.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart's alerts and dashboard query the worker metrics named in helm/trust-fabric/files/metrics.yaml;
 * the worker must expose exactly those names, or the alerts silently never fire.
 */
class ChartMetricNamesTest {

    private static final Path CHART_METRICS = Path.of("../../helm/trust-fabric/files/metrics.yaml");

    @Test
    void theWorkerExposesEveryMetricTheChartQueries() throws Exception {
        WorkerMetrics metrics = new WorkerMetrics(() -> Set.of("trust/acme"), tenant -> 0);
        WorkerMetrics.TenantMetrics acme = metrics.forTenant("trust/acme");
        acme.recordRequest("globex", "psi-ca", "ok", 1_000_000);
        acme.recordElements("psi-ca", 32);
        acme.recordPolicyDecision("allowed", 400_000);

        String exposition = new String(metrics.scrape(), StandardCharsets.UTF_8);

        List<String> names = workerMetricNamesInChart();
        assertThat(names).as("worker metric names in the chart").hasSize(5);
        for (String name : names) {
            String series = name.endsWith("_seconds") ? name + "_bucket{" : name + "{";
            assertThat(exposition.lines()).as(name).anyMatch(line -> line.startsWith(series)
                    && line.contains("tenant=\"trust/acme\""));
        }
    }

    /** The values of the {@code worker:} block of metrics.yaml (a flat key: value list). */
    private static List<String> workerMetricNamesInChart() throws Exception {
        List<String> names = new ArrayList<>();
        boolean inWorker = false;
        Pattern entry = Pattern.compile("^\\s+[A-Za-z]+:\\s*([a-z_]+)\\s*$");
        for (String line : Files.readAllLines(CHART_METRICS)) {
            if (!line.startsWith(" ") && !line.startsWith("#")) {
                inWorker = line.startsWith("worker:");
                continue;
            }
            Matcher m = entry.matcher(line);
            if (inWorker && m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
