package io.trustfabric.operator.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.Normalization;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantSpec;
import java.io.UncheckedIOException;
import java.util.List;

/** Renders a Tenant's worker.json as docs/worker-config.md defines it. Same spec, same bytes. */
public final class WorkerConfigRenderer {

    public static final int SCHEMA_VERSION = 1;
    public static final String CONFIG_DIR = "/etc/trustfabric";
    public static final String CONFIG_KEY = "worker.json";
    public static final String CONFIG_PATH = CONFIG_DIR + "/" + CONFIG_KEY;
    public static final String DATASET_DIR = "/var/run/trustfabric/dataset";
    public static final String DATASET_FILE = "items";
    public static final String KEY_DIR = "/var/run/trustfabric/key";
    public static final String KEY_FILE = "seed";
    public static final int KEY_EPOCH = 1;
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int QUEUE_CAPACITY = 64;
    public static final int DEFAULT_MAX_CLIENT_SET_SIZE = 10000;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String render(Tenant tenant) {
        TenantSpec spec = tenant.getSpec();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode identity = root.putObject("tenant");
        identity.put("namespace", tenant.getMetadata().getNamespace());
        identity.put("name", tenant.getMetadata().getName());
        identity.put("limitedGA", Boolean.TRUE.equals(spec.getLimitedGA()));
        ArrayNode modes = identity.putArray("modes");
        spec.getModes().stream().map(QueryMode::wireName).forEach(modes::add);
        ArrayNode flags = identity.putArray("contractFlags");
        (spec.getContractFlags() == null ? List.<String>of() : spec.getContractFlags()).forEach(flags::add);

        ObjectNode http = root.putObject("http");
        http.put("port", TenantResourceNames.WORKER_PORT);
        http.put("maxBodyBytes", MAX_BODY_BYTES);

        ObjectNode limits = root.putObject("limits");
        limits.put("maxClientSetSize", maxClientSetSize(spec));
        limits.put("queueCapacity", QUEUE_CAPACITY);
        limits.put("computeThreads", 0);

        ObjectNode dataset = root.putObject("dataset");
        dataset.put("path", DATASET_DIR + "/" + DATASET_FILE);
        dataset.put("format", "lines");
        dataset.put("csvColumn", 0);
        dataset.put("csvHeader", false);
        dataset.put("normalization", normalization(spec).wireName());

        ObjectNode key = root.putObject("key");
        key.put("seedPath", KEY_DIR + "/" + KEY_FILE);
        key.put("epoch", KEY_EPOCH);

        ObjectNode setup = root.putObject("setup");
        setup.put("encoding", "gcs");
        setup.put("falsePositiveRate", 1.0e-9);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int maxClientSetSize(TenantSpec spec) {
        return spec.getWorkers() == null || spec.getWorkers().getMaxClientSetSize() == null
                ? DEFAULT_MAX_CLIENT_SET_SIZE : spec.getWorkers().getMaxClientSetSize();
    }

    private static Normalization normalization(TenantSpec spec) {
        Normalization n = spec.getDataset().getNormalization();
        return n == null ? Normalization.NONE : n;
    }
}
