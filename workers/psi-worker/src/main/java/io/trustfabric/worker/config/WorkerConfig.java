package io.trustfabric.worker.config;

import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.protocol.SetupEncoding;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The worker's configuration, as documented in docs/worker-config.md. Validated when read. */
public record WorkerConfig(
        Tenant tenant,
        Http http,
        Limits limits,
        Dataset dataset,
        Key key,
        Setup setup,
        Control control,
        Receipts receipts) {

    public record Tenant(String namespace, String name, boolean limitedGA, Set<PsiMode> modes,
                         List<String> contractFlags) {
        public String id() {
            return namespace + "/" + name;
        }

        public KeyEpochContext context(long epoch) {
            return new KeyEpochContext(namespace, name, epoch);
        }
    }

    public record Http(String host, int port, long maxBodyBytes) {
    }

    /** {@code computeThreads} is already resolved: 0 in the file means the number of cores. */
    public record Limits(int maxClientSetSize, int queueCapacity, int computeThreads) {
    }

    public enum DatasetFormat { LINES, CSV }

    public record Dataset(Path path, DatasetFormat format, int csvColumn, boolean csvHeader,
                          Normalization normalization) {
    }

    /** {@code reloadSeconds}: how often the config file is re-read for a new key epoch (0 = never). */
    public record Key(Path seedPath, long epoch, int reloadSeconds) {
    }

    public record Setup(SetupEncoding encoding, double falsePositiveRate) {
    }

    /** The operator's control API; {@code url} null: no budget is enforced (tests and local mode only). */
    public record Control(java.net.URI url, Path tokenPath) {
        public boolean budgetsEnforced() {
            return url != null;
        }
    }

    /** The tenant's Ed25519 receipt key, the durable receipt log and the key id receipts carry (null: derived). */
    public record Receipts(Path keyPath, Path logPath, String keyId) {
    }
}
