package io.trustfabric.operator.tenant;

import io.trustfabric.operator.policy.OpaSidecar;
import io.trustfabric.operator.policy.bundle.OpaSidecarConfig;
import java.util.function.Predicate;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.Normalization;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.RateLimit;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantSpec;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders a Tenant's worker.json as docs/worker-config.md defines it. Same spec, same bytes. The pieces are public
 * so the shared pool's multi-tenant form is built from the same parts.
 */
public final class WorkerConfigRenderer {

    public static final int SCHEMA_VERSION = 1;
    public static final String CONFIG_DIR = "/etc/trustfabric";
    public static final String CONFIG_KEY = "worker.json";
    public static final String CONFIG_PATH = CONFIG_DIR + "/" + CONFIG_KEY;
    public static final String DATASET_DIR = "/var/run/trustfabric/dataset";
    public static final String DATASET_FILE = "items";
    public static final String KEY_DIR = "/var/run/trustfabric/key";
    public static final String KEY_FILE = "seed";
    public static final String PARTNERS_DIR = "/var/run/trustfabric/partners";
    public static final String PARTNERS_FILE = "partners.json";
    public static final int KEY_EPOCH = 1;
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int QUEUE_CAPACITY = 64;
    public static final int DEFAULT_MAX_CLIENT_SET_SIZE = 10000;
    public static final int PARTNER_POLL_MILLIS = 2000;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String controlUrl;
    private final Predicate<Tenant> governedByPolicy;
    private final String bundleKeyPem;

    /** Without policy distribution: no OPA sidecar and no policy block (unit tests of other features). */
    public WorkerConfigRenderer(String controlUrl) {
        this(controlUrl, tenant -> false, null);
    }

    /**
     * @param controlUrl       where workers reach the operator's control API
     * @param governedByPolicy whether a TrustPolicy governs the tenant (rendered as tenant.trustPolicy)
     * @param bundleKeyPem     the public key the workers' OPA verifies bundles with
     */
    public WorkerConfigRenderer(String controlUrl, Predicate<Tenant> governedByPolicy, String bundleKeyPem) {
        this.controlUrl = controlUrl;
        this.governedByPolicy = governedByPolicy;
        this.bundleKeyPem = bundleKeyPem;
    }

    /** Whether workers get an OPA sidecar and a policy block (false only in unit tests of other features). */
    public boolean distributesPolicy() {
        return bundleKeyPem != null;
    }

    /** The OPA sidecar's configuration for workers serving these tenants, or null without policy distribution. */
    public String opaConfig(String namespace, List<OpaSidecarConfig.Tenant> tenants) {
        return bundleKeyPem == null ? null
                : OpaSidecarConfig.of(controlUrl, namespace, tenants, bundleKeyPem).render();
    }

    /** The single-tenant form, for a tenant with dedicated workers. */
    public String render(Tenant tenant) {
        TenantSpec spec = tenant.getSpec();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("tenant", identity(tenant));
        root.set("http", http());
        root.set("limits", limits(spec));
        root.set("dataset", dataset(spec, DATASET_DIR + "/" + DATASET_FILE));
        root.set("key", key(KEY_DIR + "/" + KEY_FILE));
        root.set("setup", setup());
        ObjectNode control = control();
        control.put("tokenPath", WorkerTokenNames.TOKEN_PATH);
        control.put("partnerPollMillis", PARTNER_POLL_MILLIS);
        root.set("control", control);
        root.set("partners", partners(PARTNERS_DIR + "/" + PARTNERS_FILE));
        if (distributesPolicy()) {
            root.set("policy", policy());
        }
        return write(root);
    }

    public ObjectNode identity(Tenant tenant) {
        TenantSpec spec = tenant.getSpec();
        ObjectNode identity = MAPPER.createObjectNode();
        identity.put("namespace", tenant.getMetadata().getNamespace());
        identity.put("name", tenant.getMetadata().getName());
        identity.put("limitedGA", Boolean.TRUE.equals(spec.getLimitedGA()));
        ArrayNode modes = identity.putArray("modes");
        spec.getModes().stream().map(QueryMode::wireName).forEach(modes::add);
        ArrayNode flags = identity.putArray("contractFlags");
        (spec.getContractFlags() == null ? List.<String>of() : spec.getContractFlags()).forEach(flags::add);
        identity.put("trustPolicy", governedByPolicy.test(tenant));
        identity.put("fairShareWeight", spec.getFairShare() == null || spec.getFairShare().getWeight() == null
                ? 1 : spec.getFairShare().getWeight());
        RateLimit rate = spec.getDefaultPartnerRate();
        if (rate != null && rate.getRequestsPerSecond() != null) {
            ObjectNode node = identity.putObject("defaultPartnerRate");
            node.put("requestsPerSecond", rate.getRequestsPerSecond());
            node.put("burst", rate.getBurst() == null ? rate.getRequestsPerSecond() : rate.getBurst());
        }
        return identity;
    }

    public ObjectNode http() {
        ObjectNode http = MAPPER.createObjectNode();
        http.put("port", TenantResourceNames.WORKER_PORT);
        http.put("maxBodyBytes", MAX_BODY_BYTES);
        return http;
    }

    public ObjectNode limits(TenantSpec spec) {
        ObjectNode limits = MAPPER.createObjectNode();
        limits.put("maxClientSetSize", maxClientSetSize(spec));
        limits.put("queueCapacity", QUEUE_CAPACITY);
        limits.put("computeThreads", 0);
        return limits;
    }

    public ObjectNode dataset(TenantSpec spec, String path) {
        return dataset(normalization(spec), path);
    }

    public ObjectNode dataset(Normalization normalization, String path) {
        ObjectNode dataset = MAPPER.createObjectNode();
        dataset.put("path", path);
        dataset.put("format", "lines");
        dataset.put("csvColumn", 0);
        dataset.put("csvHeader", false);
        dataset.put("normalization", normalization.wireName());
        return dataset;
    }

    public ObjectNode key(String seedPath) {
        ObjectNode key = MAPPER.createObjectNode();
        key.put("seedPath", seedPath);
        key.put("epoch", KEY_EPOCH);
        return key;
    }

    public ObjectNode setup() {
        ObjectNode setup = MAPPER.createObjectNode();
        setup.put("encoding", "gcs");
        setup.put("falsePositiveRate", 1.0e-9);
        return setup;
    }

    /** The control API block; the single-tenant form adds tokenPath and partnerPollMillis. */
    public ObjectNode control() {
        ObjectNode control = MAPPER.createObjectNode();
        control.put("url", controlUrl);
        return control;
    }

    /** The worker asks the OPA sidecar in its pod before every query (docs/decisions/policies.md). */
    public ObjectNode policy() {
        ObjectNode policy = MAPPER.createObjectNode();
        policy.put("opaUrl", OpaSidecar.LOCAL_URL);
        policy.put("timeoutMillis", OpaSidecar.DECISION_TIMEOUT_MILLIS);
        return policy;
    }

    public ObjectNode partners(String path) {
        ObjectNode partners = MAPPER.createObjectNode();
        partners.put("path", path);
        return partners;
    }

    public ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static int maxClientSetSize(TenantSpec spec) {
        return spec.getWorkers() == null || spec.getWorkers().getMaxClientSetSize() == null
                ? DEFAULT_MAX_CLIENT_SET_SIZE : spec.getWorkers().getMaxClientSetSize();
    }

    public static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Normalization normalization(TenantSpec spec) {
        Normalization n = spec.getDataset().getNormalization();
        return n == null ? Normalization.NONE : n;
    }
}
