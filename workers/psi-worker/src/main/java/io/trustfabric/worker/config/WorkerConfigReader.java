package io.trustfabric.worker.config;

import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.protocol.SetupEncoding;
import io.trustfabric.worker.access.AllowlistParser;
import io.trustfabric.worker.access.InvalidAllowlistException;
import io.trustfabric.worker.ratelimit.Rate;
import java.net.URI;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads worker.json and applies the documented environment overrides ({@code TF_*}); any invalid
 * value is an {@link InvalidConfigException} naming the field.
 */
public final class WorkerConfigReader {
    public static final int SUPPORTED_SCHEMA_VERSION = 1;

    private final Map<String, String> env;

    public WorkerConfigReader(Map<String, String> env) {
        this.env = env;
    }

    /** Reads the single-tenant form of worker.json. */
    public WorkerConfig read(Path file) {
        JsonObject root = json(file);
        if (root.containsKey("tenants")) {
            throw new InvalidConfigException("worker config " + file + " is a shared pool's (tenants); expected one tenant");
        }
        return parse(root);
    }

    /** Reads either form of worker.json: one tenant, or a shared pool's {@code tenants} list. */
    public WorkerPoolConfig readPool(Path file) {
        JsonObject root = json(file);
        if (!root.containsKey("tenants")) {
            return WorkerPoolConfig.single(parse(root));
        }
        if (root.containsKey("tenant")) {
            throw new InvalidConfigException("worker config has both 'tenant' and 'tenants'; use one form");
        }
        Object tenants = root.getValue("tenants");
        if (!(tenants instanceof JsonArray list) || list.isEmpty()) {
            throw new InvalidConfigException("tenants must be a non-empty list");
        }
        WorkerConfigReader poolWide = new WorkerConfigReader(poolWideEnv());
        List<WorkerConfig> configs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.getValue(i) instanceof JsonObject entry)) {
                throw new InvalidConfigException("tenants[" + i + "] must be an object");
            }
            try {
                configs.add(poolWide.parse(merged(root, entry)));
            } catch (InvalidConfigException e) {
                throw new InvalidConfigException("tenants[" + i + "]: " + e.getMessage());
            }
        }
        return new WorkerPoolConfig(true, configs);
    }

    /** A pool entry as a single-tenant document: pool-wide sections, with the entry's fields on top. */
    private static JsonObject merged(JsonObject root, JsonObject entry) {
        JsonObject single = new JsonObject().put("schemaVersion", root.getValue("schemaVersion", SUPPORTED_SCHEMA_VERSION));
        if (entry.containsKey("policy")) {
            throw new InvalidConfigException("policy is pool-wide: set it at the top level, not in a tenants entry");
        }
        for (String section : List.of("http", "limits", "setup", "control", "tenant", "dataset", "key", "partners",
                "budget", "receipts", "policy")) {
            JsonObject merged = new JsonObject();
            if (root.getValue(section) instanceof JsonObject poolWide && !section.equals("tenant")) {
                merged.mergeIn(poolWide);
            }
            if (entry.getValue(section) instanceof JsonObject own) {
                merged.mergeIn(own);
            } else if (entry.getValue(section) != null) {
                throw new InvalidConfigException(section + " must be an object");
            }
            single.put(section, merged);
        }
        return single;
    }

    private Map<String, String> poolWideEnv() {
        Map<String, String> poolWide = new java.util.HashMap<>();
        env.forEach((name, value) -> {
            if (POOL_WIDE_ENV.contains(name)) {
                poolWide.put(name, value);
            }
        });
        return poolWide;
    }

    private static final Set<String> POOL_WIDE_ENV = Set.of("TF_HTTP_HOST", "TF_HTTP_PORT", "TF_MAX_BODY_BYTES",
            "TF_QUEUE_CAPACITY", "TF_COMPUTE_THREADS", "TF_SETUP_ENCODING", "TF_SETUP_FPR", "TF_CONTROL_URL", "TF_BUDGET_ENFORCE",
            "TF_PARTNER_POLL_MILLIS", "TF_KEY_RELOAD_SECONDS", "TF_TLS_CERT_PATH", "TF_TLS_KEY_PATH",
            "TF_TLS_CLIENT_CA_PATH", "TF_OPA_URL", "TF_POLICY_TIMEOUT_MILLIS", "TF_REQUEST_HEADER_TIMEOUT_MILLIS",
            "TF_REQUEST_BODY_TIMEOUT_MILLIS", "TF_MAX_CONNECTIONS_PER_ADDRESS");

    private static JsonObject json(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read worker config " + file + ": " + e.getMessage());
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException e) {
            throw new InvalidConfigException("worker config " + file + " is not valid JSON: " + e.getMessage());
        }
    }

    WorkerConfig parse(JsonObject root) {
        int schema = root.getInteger("schemaVersion", SUPPORTED_SCHEMA_VERSION);
        if (schema != SUPPORTED_SCHEMA_VERSION) {
            throw new InvalidConfigException("schemaVersion " + schema + " is not supported, expected "
                    + SUPPORTED_SCHEMA_VERSION);
        }
        WorkerConfig.Control control = control(section(root, "control"));
        WorkerConfig.Budget budget = new WorkerConfig.Budget(control.url() != null
                && bool(section(root, "budget"), "enforce", "TF_BUDGET_ENFORCE", true));
        WorkerConfig.Receipts receipts = receipts(section(root, "receipts"));
        return new WorkerConfig(
                tenant(section(root, "tenant")),
                http(section(root, "http")),
                limits(section(root, "limits")),
                dataset(section(root, "dataset")),
                key(section(root, "key"), control),
                setup(section(root, "setup")),
                control,
                partners(section(root, "partners")),
                budget,
                receipts,
                policy(section(root, "policy")));
    }

    private WorkerConfig.Policy policy(JsonObject json) {
        String url = string(json, "opaUrl", "TF_OPA_URL", "");
        URI uri = url.isBlank() ? null : parse("policy.opaUrl", () -> httpUrl(url));
        long timeout = number(json, "timeoutMillis", "TF_POLICY_TIMEOUT_MILLIS", 500, 1, 60_000);
        return new WorkerConfig.Policy(uri, timeout);
    }

    private static URI httpUrl(String text) {
        URI uri = URI.create(text.strip().replaceAll("/+$", ""));
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an http(s) URL with a host, got " + text);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a query or fragment, got " + text);
        }
        return uri;
    }

    /** Where the Tenant's Secret {@code <tenant>-receipt-key} is mounted (key {@code private-key}). */
    static final String DEFAULT_RECEIPT_KEY = "/var/run/trustfabric/receipt-key/private-key";

    private WorkerConfig.Receipts receipts(JsonObject json) {
        Path key = Path.of(string(json, "keyPath", "TF_RECEIPT_KEY_PATH", DEFAULT_RECEIPT_KEY));
        String log = string(json, "logPath", "TF_RECEIPT_LOG_PATH", "/var/lib/trustfabric/receipts/receipts.log");
        String keyId = string(json, "keyId", "TF_RECEIPT_KEY_ID", "");
        return new WorkerConfig.Receipts(key, Path.of(log), keyId.isBlank() ? null : keyId);
    }

    private WorkerConfig.Tenant tenant(JsonObject json) {
        String namespace = string(json, "namespace", "TF_TENANT_NAMESPACE", null);
        String name = string(json, "name", "TF_TENANT_NAME", null);
        boolean limitedGA = bool(json, "limitedGA", "TF_LIMITED_GA", false);
        List<String> modeNames = env.containsKey("TF_MODES")
                ? Arrays.stream(env.get("TF_MODES").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                : strings(json, "modes", List.of("psi-ca"));
        Set<PsiMode> modes = EnumSet.noneOf(PsiMode.class);
        for (String mode : modeNames) {
            modes.add(parse("tenant.modes", () -> PsiMode.fromWireName(mode)));
        }
        List<String> flags = strings(json, "contractFlags", List.of());
        try {
            new KeyEpochContext(namespace, name, 0); // validates the names as part of a hash-to-curve DST
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("tenant: " + e.getMessage());
        }
        double weight = json.getValue("fairShareWeight") == null ? 1
                : parse("tenant.fairShareWeight", () -> positive(json.getValue("fairShareWeight")));
        Rate defaultRate = parse("tenant.defaultPartnerRate",
                () -> AllowlistParser.rate(objectOrNull(json, "defaultPartnerRate")));
        boolean trustPolicy = bool(json, "trustPolicy", null, false);
        return new WorkerConfig.Tenant(namespace, name, limitedGA, Set.copyOf(modes), flags, weight, defaultRate,
                trustPolicy);
    }

    private WorkerConfig.Http http(JsonObject json) {
        String host = string(json, "host", "TF_HTTP_HOST", "0.0.0.0");
        int port = (int) number(json, "port", "TF_HTTP_PORT", 8080, 0, 65535);
        long maxBody = number(json, "maxBodyBytes", "TF_MAX_BODY_BYTES", 4L << 20, 16, Integer.MAX_VALUE);
        long headerTimeout = number(json, "requestHeaderTimeoutMillis", "TF_REQUEST_HEADER_TIMEOUT_MILLIS",
                10_000, 1, 3_600_000);
        long bodyTimeout = number(json, "requestBodyTimeoutMillis", "TF_REQUEST_BODY_TIMEOUT_MILLIS",
                30_000, 1, 3_600_000);
        int perAddress = (int) number(json, "maxConnectionsPerAddress", "TF_MAX_CONNECTIONS_PER_ADDRESS",
                64, 0, 1_000_000);
        JsonObject tls = objectOrNull(json, "tls");
        return new WorkerConfig.Http(host, port, maxBody, tls == null ? null : new WorkerConfig.Tls(
                Path.of(string(tls, "certPath", "TF_TLS_CERT_PATH", null)),
                Path.of(string(tls, "keyPath", "TF_TLS_KEY_PATH", null)),
                optionalPath(tls, "clientCaPath", "TF_TLS_CLIENT_CA_PATH")), headerTimeout, bodyTimeout, perAddress);
    }

    private WorkerConfig.Control control(JsonObject json) {
        String url = string(json, "url", "TF_CONTROL_URL", "");
        URI uri = url.isBlank() ? null : parse("control.url", () -> URI.create(url));
        Path token = optionalPath(json, "tokenPath", "TF_CONTROL_TOKEN_PATH");
        long poll = number(json, "partnerPollMillis", "TF_PARTNER_POLL_MILLIS", 2000, 100, 3_600_000);
        return new WorkerConfig.Control(uri, token, poll);
    }

    private WorkerConfig.Partners partners(JsonObject json) {
        Path path = optionalPath(json, "path", "TF_PARTNERS_PATH");
        Object list = json.getValue("static");
        if (list != null && !(list instanceof JsonArray)) {
            throw new InvalidConfigException("partners.static must be a list of partner entries");
        }
        try {
            return new WorkerConfig.Partners(path,
                    list == null ? List.of() : AllowlistParser.partners((JsonArray) list));
        } catch (InvalidAllowlistException e) {
            throw new InvalidConfigException("partners.static: " + e.getMessage());
        }
    }

    private Path optionalPath(JsonObject json, String field, String envName) {
        String value = string(json, field, envName, "");
        return value.isBlank() ? null : Path.of(value);
    }

    private static JsonObject objectOrNull(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value != null && !(value instanceof JsonObject)) {
            throw new InvalidConfigException(field + " must be an object");
        }
        return (JsonObject) value;
    }

    private static double positive(Object value) {
        if (!(value instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
            throw new IllegalArgumentException("must be a positive number");
        }
        return n.doubleValue();
    }

    private WorkerConfig.Limits limits(JsonObject json) {
        int maxSet = (int) number(json, "maxClientSetSize", "TF_MAX_CLIENT_SET_SIZE", 10_000, 1, Integer.MAX_VALUE);
        int queue = (int) number(json, "queueCapacity", "TF_QUEUE_CAPACITY", 64, 0, 1_000_000);
        int threads = (int) number(json, "computeThreads", "TF_COMPUTE_THREADS", 0, 0, 1024);
        return new WorkerConfig.Limits(maxSet, queue, threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
    }

    private WorkerConfig.Dataset dataset(JsonObject json) {
        Path path = Path.of(string(json, "path", "TF_DATASET_PATH", null));
        String formatName = string(json, "format", "TF_DATASET_FORMAT", "lines");
        WorkerConfig.DatasetFormat format = parse("dataset.format",
                () -> WorkerConfig.DatasetFormat.valueOf(formatName.toUpperCase(Locale.ROOT)));
        int column = (int) number(json, "csvColumn", null, 0, 0, 10_000);
        boolean header = bool(json, "csvHeader", null, false);
        String normalization = string(json, "normalization", "TF_NORMALIZATION", "none");
        return new WorkerConfig.Dataset(path, format, column, header,
                parse("dataset.normalization", () -> Normalization.fromConfigName(normalization)));
    }

    private WorkerConfig.Key key(JsonObject json, WorkerConfig.Control control) {
        long epoch = number(json, "epoch", "TF_KEY_EPOCH", 1, 0, Long.MAX_VALUE);
        int reload = (int) number(json, "reloadSeconds", "TF_KEY_RELOAD_SECONDS", 10, 0, 86_400);
        // no environment override: only the operator's what-if shadow config sets it
        if (bool(json, "fresh", null, false)) {
            if (control.url() != null) {
                throw new InvalidConfigException("key.fresh is for what-if shadow workers, which follow no control API;"
                        + " a worker with control.url serves partners and never runs with a throwaway key");
            }
            if (json.getValue("seedPath") != null || env.containsKey("TF_KEY_SEED_PATH")) {
                throw new InvalidConfigException("key.fresh and key.seedPath (TF_KEY_SEED_PATH) exclude each other");
            }
            byte[] seed = new byte[FRESH_SEED_BYTES];
            FRESH_SEEDS.nextBytes(seed);
            return new WorkerConfig.Key(null, epoch, reload, seed);
        }
        Path seed = Path.of(string(json, "seedPath", "TF_KEY_SEED_PATH", null));
        return new WorkerConfig.Key(seed, epoch, reload);
    }

    private static final int FRESH_SEED_BYTES = 32;
    private static final java.security.SecureRandom FRESH_SEEDS = new java.security.SecureRandom();

    private WorkerConfig.Setup setup(JsonObject json) {
        String encoding = string(json, "encoding", "TF_SETUP_ENCODING", "gcs");
        SetupEncoding parsed = parse("setup.encoding", () -> SetupEncoding.fromConfigName(encoding));
        String fprText = env.get("TF_SETUP_FPR");
        double fpr;
        try {
            fpr = fprText != null ? Double.parseDouble(fprText) : json.getDouble("falsePositiveRate", 1e-9);
        } catch (NumberFormatException | ClassCastException e) {
            throw new InvalidConfigException("setup.falsePositiveRate must be a number");
        }
        if (!(fpr > 0 && fpr < 1)) {
            throw new InvalidConfigException("setup.falsePositiveRate must be in (0, 1), got " + fpr);
        }
        return new WorkerConfig.Setup(parsed, fpr);
    }

    private static JsonObject section(JsonObject root, String name) {
        Object value = root.getValue(name);
        if (value == null) {
            return new JsonObject();
        }
        if (!(value instanceof JsonObject object)) {
            throw new InvalidConfigException(name + " must be an object");
        }
        return object;
    }

    private String string(JsonObject json, String field, String envName, String fallback) {
        String value = envName != null && env.containsKey(envName) ? env.get(envName) : stringField(json, field);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new InvalidConfigException(field + " is required" + (envName == null ? "" : " (or " + envName + ")"));
            }
            return fallback;
        }
        return value;
    }

    private static String stringField(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value != null && !(value instanceof String)) {
            throw new InvalidConfigException(field + " must be a string");
        }
        return (String) value;
    }

    private long number(JsonObject json, String field, String envName, long fallback, long min, long max) {
        long value;
        try {
            if (envName != null && env.containsKey(envName)) {
                value = Long.parseLong(env.get(envName).strip());
            } else if (json.getValue(field) == null) {
                value = fallback;
            } else if (json.getValue(field) instanceof Number n && n.doubleValue() == n.longValue()) {
                value = n.longValue();
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(field + " must be a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidConfigException(field + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private boolean bool(JsonObject json, String field, String envName, boolean fallback) {
        if (envName != null && env.containsKey(envName)) {
            String text = env.get(envName).strip();
            if (!text.equals("true") && !text.equals("false")) {
                throw new InvalidConfigException(envName + " must be true or false");
            }
            return Boolean.parseBoolean(text);
        }
        Object value = json.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw new InvalidConfigException(field + " must be true or false");
        }
        return b;
    }

    private static List<String> strings(JsonObject json, String field, List<String> fallback) {
        Object value = json.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidConfigException(field + " must be a list of strings");
        }
        List<String> result = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String s)) {
                throw new InvalidConfigException(field + " must be a list of strings");
            }
            result.add(s);
        }
        return List.copyOf(result);
    }

    private static <T> T parse(String field, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(field + ": " + e.getMessage());
        }
    }
}
