package io.trustfabric.operator;

import io.trustfabric.operator.admission.CertificateLifetimes;
import io.trustfabric.operator.admission.SubjectNames;
import io.trustfabric.operator.admission.WebhookSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How one operator process runs. {@link #fromEnvironment(Map)} reads the process contract (TF_* variables);
 * tests and local mode build settings directly.
 *
 * @param serverSideApply         use server-side apply for dependents and status (off only for API servers without SSA, e.g. the Fabric8 mock)
 * @param workerImage             worker image used when a Tenant does not name one
 * @param watchNamespaces         namespaces to watch; empty means all namespaces
 * @param httpBindAddress         address of the health and metrics server
 * @param httpPort                port of the health and metrics server; 0 picks a free port
 * @param leaderElection          whether replicas elect a leader through a Lease before reconciling
 * @param leaderElectionNamespace namespace of the Lease; null means the client's namespace
 * @param identity                this replica's name in the Lease (the pod name in a cluster)
 * @param exitOnLostLeadership    exit the process when leadership is lost (so the pod restarts as a follower)
 * @param controlPort             port of the worker control API (docs/control-api.md); 0 picks a free port
 * @param controlUrl              URL the workers reach the control API at, rendered into worker.json
 * @param opaImage                image of the OPA sidecar next to every worker
 * @param opaUrl                  the operator's own OPA (checks user-written PolicyMacros); null: only built-in
 *                                macros are accepted
 * @param operatorNamespace       where the operator keeps its own objects (the bundle signing key Secret, the
 *                                webhook's TLS Secret)
 * @param webhook                 the validating admission webhook (off in {@link #local()})
 * @param lintDryrunMaxAge        how long a rule may stay in dryrun before the linter warns (dryrun-too-long)
 * @param scrapeInterval          how often the operator scrapes the workers' /metrics for the tenants' SLA
 * @param whatIfConcurrency       how many what-if replays run at a time (the others wait, Pending)
 */
public record OperatorSettings(boolean serverSideApply, String workerImage, Set<String> watchNamespaces,
                               String httpBindAddress, int httpPort, boolean leaderElection,
                               String leaderElectionNamespace, String identity, boolean exitOnLostLeadership,
                               int controlPort, String controlUrl, String opaImage, String opaUrl,
                               String operatorNamespace, WebhookSettings webhook, Duration lintDryrunMaxAge,
                               Duration scrapeInterval, int whatIfConcurrency) {

    public static final String DEFAULT_WORKER_IMAGE = "ghcr.io/trustfabric/psi-worker:0.1.0";
    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final String LEASE_NAME = "trust-fabric-operator";
    public static final int DEFAULT_CONTROL_PORT = 8090;
    public static final String DEFAULT_OPERATOR_NAMESPACE = "trust-system";
    /** OPA's static image of the version the build tests against (build-tools/test-binaries.sh). */
    public static final String DEFAULT_OPA_IMAGE = "openpolicyagent/opa:1.22.4-static";
    public static final int DEFAULT_LINT_DRYRUN_MAX_DAYS = 14;
    public static final int DEFAULT_SCRAPE_INTERVAL_SECONDS = 30;
    public static final int DEFAULT_WHATIF_CONCURRENCY = 2;

    public OperatorSettings {
        Objects.requireNonNull(workerImage, "workerImage");
        watchNamespaces = Set.copyOf(watchNamespaces);
        Objects.requireNonNull(controlUrl, "controlUrl");
        Objects.requireNonNull(opaImage, "opaImage");
        Objects.requireNonNull(operatorNamespace, "operatorNamespace");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("HTTP port must be between 0 and 65535, got " + httpPort);
        }
        if (controlPort < 0 || controlPort > 65535) {
            throw new IllegalArgumentException("Control port must be between 0 and 65535, got " + controlPort);
        }
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(lintDryrunMaxAge, "lintDryrunMaxAge");
        if (lintDryrunMaxAge.isNegative() || lintDryrunMaxAge.isZero()) {
            throw new IllegalArgumentException("The dryrun age limit must be positive, got " + lintDryrunMaxAge);
        }
        Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        if (scrapeInterval.toMillis() < 100) {
            throw new IllegalArgumentException("The scrape interval must be at least 100 ms, got " + scrapeInterval);
        }
        if (whatIfConcurrency < 1) {
            throw new IllegalArgumentException("What-if replays at a time must be at least 1, got " + whatIfConcurrency);
        }
    }

    /**
     * Settings for tests and local mode: no SSA, no leader election, all namespaces, loopback HTTP on a free port, no
     * admission webhook.
     */
    public static OperatorSettings local() {
        return new OperatorSettings(false, DEFAULT_WORKER_IMAGE, Set.of(), "127.0.0.1", 0, false, null,
                "local", false, 0, defaultControlUrl(DEFAULT_OPERATOR_NAMESPACE, DEFAULT_CONTROL_PORT),
                DEFAULT_OPA_IMAGE, null, DEFAULT_OPERATOR_NAMESPACE, WebhookSettings.off(),
                Duration.ofDays(DEFAULT_LINT_DRYRUN_MAX_DAYS), Duration.ofSeconds(DEFAULT_SCRAPE_INTERVAL_SECONDS),
                DEFAULT_WHATIF_CONCURRENCY);
    }

    /** Reads the TF_* environment variables of the operator process (see docs/operator-guide.md). */
    public static OperatorSettings fromEnvironment(Map<String, String> env) {
        String namespace = blankToNull(env.get("TF_LEADER_ELECTION_NAMESPACE"));
        int controlPort = parsePort("TF_CONTROL_PORT", env.get("TF_CONTROL_PORT"), DEFAULT_CONTROL_PORT);
        return new OperatorSettings(
                true,
                valueOr(env.get("TF_WORKER_IMAGE"), DEFAULT_WORKER_IMAGE),
                commaList(env.get("TF_WATCH_NAMESPACES")),
                valueOr(env.get("TF_HTTP_BIND_ADDRESS"), "0.0.0.0"),
                parsePort("TF_HTTP_PORT", env.get("TF_HTTP_PORT"), DEFAULT_HTTP_PORT),
                parseBoolean("TF_LEADER_ELECTION", env.get("TF_LEADER_ELECTION"), true),
                namespace,
                valueOr(env.get("HOSTNAME"), LEASE_NAME),
                true,
                controlPort,
                valueOr(env.get("TF_CONTROL_URL"), defaultControlUrl(
                        namespace == null ? DEFAULT_OPERATOR_NAMESPACE : namespace, controlPort)),
                valueOr(env.get("TF_OPA_IMAGE"), DEFAULT_OPA_IMAGE),
                blankToNull(env.get("TF_OPA_URL")),
                valueOr(env.get("TF_OPERATOR_NAMESPACE"), namespace == null ? DEFAULT_OPERATOR_NAMESPACE : namespace),
                webhookFromEnvironment(env),
                Duration.ofDays(parsePositive("TF_LINT_DRYRUN_MAX_DAYS", env.get("TF_LINT_DRYRUN_MAX_DAYS"),
                        DEFAULT_LINT_DRYRUN_MAX_DAYS)),
                Duration.ofSeconds(parsePositive("TF_SLA_SCRAPE_INTERVAL_SECONDS",
                        env.get("TF_SLA_SCRAPE_INTERVAL_SECONDS"), DEFAULT_SCRAPE_INTERVAL_SECONDS)),
                parsePositive("TF_WHATIF_CONCURRENCY", env.get("TF_WHATIF_CONCURRENCY"), DEFAULT_WHATIF_CONCURRENCY));
    }

    private static WebhookSettings webhookFromEnvironment(Map<String, String> env) {
        int port = parsePort("TF_WEBHOOK_PORT", env.get("TF_WEBHOOK_PORT"), WebhookSettings.DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TF_WEBHOOK_PORT must be between 0 (off) and 65535, got " + port);
        }
        String service = valueOr(env.get("TF_WEBHOOK_SERVICE"), WebhookSettings.DEFAULT_SERVICE);
        List<String> extraSans = List.copyOf(commaList(env.get("TF_WEBHOOK_EXTRA_SANS")));
        try {
            SubjectNames.requireValid(service);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TF_WEBHOOK_SERVICE must be a Service name: " + e.getMessage(), e);
        }
        for (String name : extraSans) {
            try {
                SubjectNames.requireValid(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("TF_WEBHOOK_EXTRA_SANS: " + e.getMessage(), e);
            }
        }
        return new WebhookSettings(port,
                valueOr(env.get("TF_WEBHOOK_CONFIGURATION"), WebhookSettings.DEFAULT_CONFIGURATION), service,
                extraSans, CertificateLifetimes.DEFAULT);
    }

    /** The control Service the Helm chart creates for a release named trust-fabric. */
    static String defaultControlUrl(String operatorNamespace, int port) {
        return "http://trust-fabric-control." + operatorNamespace + ".svc:" + (port == 0 ? DEFAULT_CONTROL_PORT : port);
    }

    public OperatorSettings withServerSideApply(boolean on) {
        return new OperatorSettings(on, workerImage, watchNamespaces, httpBindAddress, httpPort, leaderElection,
                leaderElectionNamespace, identity, exitOnLostLeadership,
                controlPort, controlUrl, opaImage, opaUrl, operatorNamespace, webhook, lintDryrunMaxAge, scrapeInterval,
                whatIfConcurrency);
    }

    public OperatorSettings withLeaderElection(boolean on, String namespace, String replicaIdentity) {
        return new OperatorSettings(serverSideApply, workerImage, watchNamespaces, httpBindAddress, httpPort, on,
                namespace, replicaIdentity, exitOnLostLeadership,
                controlPort, controlUrl, opaImage, opaUrl, operatorNamespace, webhook, lintDryrunMaxAge, scrapeInterval,
                whatIfConcurrency);
    }

    public OperatorSettings withWatchNamespaces(Set<String> namespaces) {
        return new OperatorSettings(serverSideApply, workerImage, namespaces, httpBindAddress, httpPort, leaderElection,
                leaderElectionNamespace, identity, exitOnLostLeadership,
                controlPort, controlUrl, opaImage, opaUrl, operatorNamespace, webhook, lintDryrunMaxAge, scrapeInterval,
                whatIfConcurrency);
    }

    public OperatorSettings withControl(int port, String url) {
        return new OperatorSettings(serverSideApply, workerImage, watchNamespaces, httpBindAddress, httpPort,
                leaderElection, leaderElectionNamespace, identity, exitOnLostLeadership, port, url, opaImage, opaUrl,
                operatorNamespace, webhook, lintDryrunMaxAge, scrapeInterval,
                whatIfConcurrency);
    }

    public OperatorSettings withWorkerImage(String image) {
        return new OperatorSettings(serverSideApply, image, watchNamespaces, httpBindAddress, httpPort, leaderElection,
                leaderElectionNamespace, identity, exitOnLostLeadership,
                controlPort, controlUrl, opaImage, opaUrl, operatorNamespace, webhook, lintDryrunMaxAge, scrapeInterval,
                whatIfConcurrency);
    }

    public OperatorSettings withOpaUrl(String url) {
        return new OperatorSettings(serverSideApply, workerImage, watchNamespaces, httpBindAddress, httpPort,
                leaderElection, leaderElectionNamespace, identity, exitOnLostLeadership, controlPort, controlUrl,
                opaImage, url, operatorNamespace, webhook, lintDryrunMaxAge, scrapeInterval,
                whatIfConcurrency);
    }

    /** The same settings with this webhook (tests and local mode turn it on with {@link WebhookSettings#loopback}). */
    public OperatorSettings withWebhook(WebhookSettings newWebhook) {
        return new OperatorSettings(serverSideApply, workerImage, watchNamespaces, httpBindAddress, httpPort,
                leaderElection, leaderElectionNamespace, identity, exitOnLostLeadership, controlPort, controlUrl,
                opaImage, opaUrl, operatorNamespace, newWebhook, lintDryrunMaxAge, scrapeInterval,
                whatIfConcurrency);
    }

    /** The same settings scraping the workers this often (tests use a short interval). */
    public OperatorSettings withScrapeInterval(Duration interval) {
        return new OperatorSettings(serverSideApply, workerImage, watchNamespaces, httpBindAddress, httpPort,
                leaderElection, leaderElectionNamespace, identity, exitOnLostLeadership, controlPort, controlUrl,
                opaImage, opaUrl, operatorNamespace, webhook, lintDryrunMaxAge, interval, whatIfConcurrency);
    }

    private static Set<String> commaList(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static int parsePort(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
        }
    }

    private static int parsePositive(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, got '" + value + "'");
    }

    private static boolean parseBoolean(String name, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
