package io.trustfabric.loadtest;

import java.net.URI;
import java.time.Duration;

/** Command-line options of the load driver: {@code --name value} pairs, all with defaults. */
record LoadOptions(URI endpoint, String mode, double rate, Duration warmup, Duration duration,
                   int elementsPerRequest, int distinctRequests, int overlap, String apiKey) {

    static LoadOptions parse(String[] args) {
        URI endpoint = URI.create("http://127.0.0.1:8080");
        String mode = "psi-ca";
        double rate = 600;
        Duration warmup = Duration.ofSeconds(15);
        Duration duration = Duration.ofSeconds(60);
        int elements = 32;
        int distinct = 128;
        int overlap = 8;
        String apiKey = System.getenv("TF_API_KEY");
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--endpoint" -> endpoint = URI.create(value);
                case "--mode" -> mode = value;
                case "--rate" -> rate = Double.parseDouble(value);
                case "--warmup-seconds" -> warmup = Duration.ofSeconds(Long.parseLong(value));
                case "--duration-seconds" -> duration = Duration.ofSeconds(Long.parseLong(value));
                case "--elements" -> elements = Integer.parseInt(value);
                case "--distinct-requests" -> distinct = Integer.parseInt(value);
                case "--overlap" -> overlap = Integer.parseInt(value);
                case "--api-key" -> apiKey = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in --name value pairs");
        }
        if (rate <= 0 || elements <= 0 || distinct <= 0 || overlap < 0 || overlap > elements) {
            throw new IllegalArgumentException("rate, elements and distinct-requests must be positive; "
                    + "overlap between 0 and elements");
        }
        return new LoadOptions(endpoint, mode, rate, warmup, duration, elements, distinct, overlap, apiKey);
    }
}
