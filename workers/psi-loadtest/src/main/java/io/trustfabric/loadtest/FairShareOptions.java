package io.trustfabric.loadtest;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Options of the fair-share driver: a shared pool worker at {@code base}, its tenants (served below
 * {@code /tenants/<name>}), their weights and query sizes, and the rate each tenant is driven at.
 */
record FairShareOptions(URI base, List<String> tenants, double[] weights, int[] elements, double ratePerTenant,
                        Duration warmup, Duration duration, String apiKey) {

    static FairShareOptions parse(String[] args) {
        URI base = URI.create("http://127.0.0.1:8080");
        List<String> tenants = List.of("t1", "t2", "t3", "t4");
        String weights = null;
        String elements = "32";
        double rate = 200;
        Duration warmup = Duration.ofSeconds(10);
        Duration duration = Duration.ofSeconds(30);
        String apiKey = System.getenv("TF_API_KEY");
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in --name value pairs");
        }
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--base" -> base = URI.create(value);
                case "--tenants" -> tenants = List.of(value.split(","));
                case "--weights" -> weights = value;
                case "--elements" -> elements = value;
                case "--rate-per-tenant" -> rate = Double.parseDouble(value);
                case "--warmup-seconds" -> warmup = Duration.ofSeconds(Long.parseLong(value));
                case "--duration-seconds" -> duration = Duration.ofSeconds(Long.parseLong(value));
                case "--api-key" -> apiKey = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        double[] w = weights == null ? filled(tenants.size(), 1)
                : Arrays.stream(weights.split(",")).mapToDouble(Double::parseDouble).toArray();
        int[] e = perTenant(elements, tenants.size());
        if (w.length != tenants.size() || Arrays.stream(w).anyMatch(x -> !(x > 0))) {
            throw new IllegalArgumentException("--weights needs one positive weight per tenant");
        }
        if (!(rate > 0) || Arrays.stream(e).anyMatch(x -> x < 1)) {
            throw new IllegalArgumentException("--rate-per-tenant and --elements must be positive");
        }
        return new FairShareOptions(base, tenants, w, e, rate, warmup, duration, apiKey);
    }

    private static int[] perTenant(String list, int tenants) {
        int[] values = Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
        if (values.length == 1) {
            int[] all = new int[tenants];
            Arrays.fill(all, values[0]);
            return all;
        }
        if (values.length != tenants) {
            throw new IllegalArgumentException("--elements needs one size, or one per tenant");
        }
        return values;
    }

    private static double[] filled(int n, double value) {
        double[] values = new double[n];
        Arrays.fill(values, value);
        return values;
    }

    URI tenantEndpoint(int tenant) {
        return URI.create(base.toString().replaceAll("/+$", "") + "/tenants/" + tenants.get(tenant));
    }
}
