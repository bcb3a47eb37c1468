package io.trustfabric.operator.admission;

import java.util.List;
import java.util.Objects;

/**
 * The validating admission webhook of one operator process (docs/operator-guide.md, "Lint as you type").
 *
 * @param port              HTTPS port of {@code POST /validate}; 0 turns the webhook off
 * @param configurationName the ValidatingWebhookConfiguration whose {@code caBundle} the operator keeps current;
 *                          null: none (the caller registers the webhook itself)
 * @param serviceName       the Service in the operator's namespace the API server calls the webhook through; its DNS
 *                          names go into the serving certificate
 * @param extraSans         further DNS names or IP addresses for the serving certificate (tests and local mode:
 *                          127.0.0.1)
 * @param lifetimes         certificate validities and how often they are checked
 */
public record WebhookSettings(int port, String configurationName, String serviceName, List<String> extraSans,
                              CertificateLifetimes lifetimes) {

    public static final int DEFAULT_PORT = 9443;
    /** The ValidatingWebhookConfiguration of a Helm release named trust-fabric. */
    public static final String DEFAULT_CONFIGURATION = "trust-fabric";
    /** The webhook Service of a Helm release named trust-fabric. */
    public static final String DEFAULT_SERVICE = "trust-fabric-webhook";

    public WebhookSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Webhook port must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(serviceName, "serviceName");
        extraSans = List.copyOf(extraSans);
        extraSans.forEach(SubjectNames::requireValid);
        Objects.requireNonNull(lifetimes, "lifetimes");
    }

    /** No webhook (tests and local mode on the mock API server). */
    public static WebhookSettings off() {
        return new WebhookSettings(0, null, DEFAULT_SERVICE, List.of(), CertificateLifetimes.DEFAULT);
    }

    /**
     * The webhook on a loopback port, as tests and local mode on the real API server run it: the API server calls it
     * at {@code https://127.0.0.1:<port>/validate}.
     */
    public static WebhookSettings loopback(int port, String configurationName) {
        return new WebhookSettings(port, configurationName, DEFAULT_SERVICE, List.of("127.0.0.1"),
                CertificateLifetimes.DEFAULT);
    }

    public boolean enabled() {
        return port > 0;
    }

    public WebhookSettings withLifetimes(CertificateLifetimes newLifetimes) {
        return new WebhookSettings(port, configurationName, serviceName, extraSans, newLifetimes);
    }
}
