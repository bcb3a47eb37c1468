package io.trustfabric.operator.policy.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The configuration of a worker's OPA (JSON, which OPA reads as YAML too): one control API service per tenant the
 * worker serves, each with its own worker token; the {@code macros} bundle from the first tenant's service and a
 * {@code tenant-<tenant>} bundle per tenant, all verified with key {@code trustfabric} (ES256); decision logs
 * uploaded to the first tenant's service. Nothing is persisted to disk and OPA listens only where the pod tells it
 * ({@code opa run --server --addr=127.0.0.1:8181 --config-file=…}).
 *
 * @param controlUrl            the control API's base URL, e.g. {@code http://trust-fabric-control.trust-system.svc:8090}
 * @param namespace             the tenants' namespace
 * @param tenants               the tenants the worker serves (first: the one whose service carries macros and logs)
 * @param publicKeyPem          the verification key inline, or null when {@link #publicKeyPath} is given
 * @param publicKeyPath         a file holding the verification key PEM (the mounted ConfigMap), or null; OPA reads it
 *                              through {@link #opaArguments}
 * @param pollMinDelaySeconds   bundle polling, lower bound
 * @param pollMaxDelaySeconds   bundle polling, upper bound
 * @param reportMinDelaySeconds decision-log upload, lower bound
 * @param reportMaxDelaySeconds decision-log upload, upper bound
 */
public record OpaSidecarConfig(String controlUrl, String namespace, List<Tenant> tenants, String publicKeyPem,
                               Path publicKeyPath, int pollMinDelaySeconds, int pollMaxDelaySeconds,
                               int reportMinDelaySeconds, int reportMaxDelaySeconds) {

    public static final String MACROS_BUNDLE = "macros";
    /** Bounds OPA's in-memory decision buffer while the control API is unreachable (OPA's default is unbounded). */
    public static final long DECISION_BUFFER_BYTES = 4L * 1024 * 1024;
    /** Each upload stays far below the control API's 8 MiB limit. */
    public static final long UPLOAD_CHUNK_BYTES = 256L * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A tenant the worker serves and where its worker token is mounted. */
    public record Tenant(String name, String tokenPath) {
        public Tenant {
            Objects.requireNonNull(name);
            Objects.requireNonNull(tokenPath);
        }
    }

    public OpaSidecarConfig {
        Objects.requireNonNull(controlUrl);
        Objects.requireNonNull(namespace);
        tenants = List.copyOf(tenants);
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("an OPA sidecar serves at least one tenant");
        }
        if ((publicKeyPem == null) == (publicKeyPath == null)) {
            throw new IllegalArgumentException("give the verification key either inline or as a file, not both");
        }
        if (pollMinDelaySeconds < 1 || pollMaxDelaySeconds < pollMinDelaySeconds
                || reportMinDelaySeconds < 1 || reportMaxDelaySeconds < reportMinDelaySeconds) {
            throw new IllegalArgumentException("delays must be positive with min <= max");
        }
    }

    /** Default delays: bundles polled every 2-5 s, decisions uploaded every 1-2 s. */
    public static OpaSidecarConfig of(String controlUrl, String namespace, List<Tenant> tenants, String publicKeyPem) {
        return new OpaSidecarConfig(controlUrl, namespace, tenants, publicKeyPem, null, 2, 5, 1, 2);
    }

    public OpaSidecarConfig withPolling(int minDelaySeconds, int maxDelaySeconds) {
        return new OpaSidecarConfig(controlUrl, namespace, tenants, publicKeyPem, publicKeyPath, minDelaySeconds,
                maxDelaySeconds, reportMinDelaySeconds, reportMaxDelaySeconds);
    }

    public OpaSidecarConfig withReporting(int minDelaySeconds, int maxDelaySeconds) {
        return new OpaSidecarConfig(controlUrl, namespace, tenants, publicKeyPem, publicKeyPath, pollMinDelaySeconds,
                pollMaxDelaySeconds, minDelaySeconds, maxDelaySeconds);
    }

    /** The same, with the verification key read from a file instead of inline. */
    public OpaSidecarConfig withPublicKeyFile(Path path) {
        return new OpaSidecarConfig(controlUrl, namespace, tenants, null, path, pollMinDelaySeconds,
                pollMaxDelaySeconds, reportMinDelaySeconds, reportMaxDelaySeconds);
    }

    /** The bundle name of a tenant's bundle (as in {@code /health?bundles}, decision logs and OPA's status). */
    public static String tenantBundle(String tenant) {
        return "tenant-" + tenant;
    }

    static String serviceName(String tenant) {
        return "control-" + tenant;
    }

    /** The configuration file's text. */
    public String render() {
        ObjectNode config = JSON.createObjectNode();
        ObjectNode labels = config.putObject("labels");
        labels.put("app", "trust-fabric-psi-worker");
        labels.put("namespace", namespace);
        ObjectNode services = config.putObject("services");
        String base = controlUrl.replaceAll("/+$", "");
        for (Tenant tenant : tenants) {
            ObjectNode service = services.putObject(serviceName(tenant.name()));
            service.put("url", base + "/control/v1/namespaces/" + namespace + "/tenants/" + tenant.name());
            service.put("response_header_timeout_seconds", 10);
            service.putObject("credentials").putObject("bearer").put("token_path", tenant.tokenPath());
        }
        ObjectNode bundles = config.putObject("bundles");
        bundle(bundles, MACROS_BUNDLE, serviceName(tenants.get(0).name()), "policy/macros");
        for (Tenant tenant : tenants) {
            bundle(bundles, tenantBundle(tenant.name()), serviceName(tenant.name()), "policy/bundle");
        }
        ObjectNode key = config.putObject("keys").putObject(BundleSigner.KEY_ID);
        key.put("algorithm", BundleSigner.ALGORITHM);
        if (publicKeyPem != null) {
            key.put("key", publicKeyPem);
        }
        ObjectNode logs = config.putObject("decision_logs");
        logs.put("service", serviceName(tenants.get(0).name()));
        logs.put("resource", "policy/decisions");
        ObjectNode reporting = logs.putObject("reporting");
        reporting.put("min_delay_seconds", reportMinDelaySeconds);
        reporting.put("max_delay_seconds", reportMaxDelaySeconds);
        reporting.put("buffer_size_limit_bytes", DECISION_BUFFER_BYTES);
        reporting.put("upload_size_limit_bytes", UPLOAD_CHUNK_BYTES);
        // status, discovery and persistence stay off; the worker only asks POST /v1/data/trustfabric/decision/result
        try {
            return JSON.writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Arguments for {@code opa run} besides {@code --server}, {@code --addr} and {@code --config-file}: with a key
     * file, {@code --set-file=keys.trustfabric.key=<path>}.
     */
    public List<String> opaArguments() {
        return publicKeyPath == null ? List.of()
                : List.of("--set-file=keys." + BundleSigner.KEY_ID + ".key=" + publicKeyPath);
    }

    private void bundle(ObjectNode bundles, String name, String service, String resource) {
        ObjectNode bundle = bundles.putObject(name);
        bundle.put("service", service);
        bundle.put("resource", resource);
        bundle.put("persist", false);
        ObjectNode polling = bundle.putObject("polling");
        polling.put("min_delay_seconds", pollMinDelaySeconds);
        polling.put("max_delay_seconds", pollMaxDelaySeconds);
        bundle.putObject("signing").put("keyid", BundleSigner.KEY_ID);
    }
}
