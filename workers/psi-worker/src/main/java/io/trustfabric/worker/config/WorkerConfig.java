package io.trustfabric.worker.config;

import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.protocol.SetupEncoding;
import java.nio.file.Path;
import java.util.Set;

/** The worker's configuration, as documented in docs/worker-config.md. Validated when read. */
public record WorkerConfig(
        Tenant tenant,
        Http http,
        Limits limits,
        Dataset dataset,
        Key key,
        Setup setup) {

    public record Tenant(String namespace, String name, boolean limitedGA, Set<PsiMode> modes,
                         java.util.List<String> contractFlags) {
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
}
