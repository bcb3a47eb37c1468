package io.trustfabric.worker.config;

import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.protocol.SetupEncoding;
import io.trustfabric.worker.access.Partner;
import io.trustfabric.worker.ratelimit.Rate;
import java.net.URI;
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
        Partners partners,
        Budget budget,
        Receipts receipts,
        Policy policy) {

    /**
     * {@code fairShareWeight}: the tenant's share of a shared pool; {@code defaultPartnerRate}: the token
     * bucket of partners without their own rate, or null for no limit; {@code trustPolicy}: whether a
     * TrustPolicy governs the tenant (then no query is answered without OPA's decision).
     */
    public record Tenant(String namespace, String name, boolean limitedGA, Set<PsiMode> modes,
                         List<String> contractFlags, double fairShareWeight, Rate defaultPartnerRate,
                         boolean trustPolicy) {
        public String id() {
            return namespace + "/" + name;
        }

        public KeyEpochContext context(long epoch) {
            return new KeyEpochContext(namespace, name, epoch);
        }
    }

    /**
     * {@code tls} is null for plain HTTP. {@code requestHeaderTimeoutMillis}: how long a connection may wait for a
     * request's complete headers (from its opening or the end of the previous answer); {@code
     * requestBodyTimeoutMillis}: how long a started body may go without a byte; {@code maxConnectionsPerAddress}:
     * open connections per client IP address, 0 for no cap.
     */
    public record Http(String host, int port, long maxBodyBytes, Tls tls, long requestHeaderTimeoutMillis,
                       long requestBodyTimeoutMillis, int maxConnectionsPerAddress) {
    }

    /**
     * HTTPS for the worker API: the server's PEM certificate chain and PKCS#8 key; with {@code clientCaPath}
     * the worker requests (does not require) a client certificate signed by that CA and maps its subject to a
     * partner (docs/partner-guide.md).
     */
    public record Tls(Path certPath, Path keyPath, Path clientCaPath) {
    }

    /** {@code computeThreads} is already resolved: 0 in the file means the number of cores. */
    public record Limits(int maxClientSetSize, int queueCapacity, int computeThreads) {
    }

    public enum DatasetFormat { LINES, CSV }

    public record Dataset(Path path, DatasetFormat format, int csvColumn, boolean csvHeader,
                          Normalization normalization) {
    }

    /**
     * {@code reloadSeconds}: how often the config file is re-read for a new key epoch (0 = never). {@code freshSeed}:
     * a random seed made at start and kept in memory only ({@code key.fresh}, what-if shadows only), else null and
     * the seed is read from {@code seedPath}.
     */
    public record Key(Path seedPath, long epoch, int reloadSeconds, byte[] freshSeed) {

        public Key(Path seedPath, long epoch, int reloadSeconds) {
            this(seedPath, epoch, reloadSeconds, null);
        }

        @Override
        public String toString() {
            return "Key[" + (freshSeed != null ? "fresh" : "seedPath=" + seedPath) + ", epoch=" + epoch
                    + ", reloadSeconds=" + reloadSeconds + "]";
        }
    }

    public record Setup(SetupEncoding encoding, double falsePositiveRate) {
    }

    /** The operator's control API (docs/control-api.md); {@code url} null means: do not poll. */
    public record Control(URI url, Path tokenPath, long partnerPollMillis) {
    }

    /**
     * Whether queries are charged to privacy budgets through the control API's leases. True whenever
     * {@code control.url} is set unless {@code budget.enforce} is false (tests and local mode only).
     */
    public record Budget(boolean enforce) {
    }

    /** The tenant's Ed25519 receipt key, the durable receipt log, and the key id receipts carry (null: derived). */
    public record Receipts(Path keyPath, Path logPath, String keyId) {
    }

    /**
     * The policy engine every query is decided by (docs/decisions/policies.md): {@code opaUrl} null means
     * none (local mode without OPA); {@code timeoutMillis} bounds one decision, connection included.
     */
    public record Policy(URI opaUrl, long timeoutMillis) {
    }

    /**
     * Where partners come from: {@code path} is the mounted partners.json (may be null or absent), {@code
     * staticPartners} a fixed list from worker.json for tests and local mode (empty if none).
     */
    public record Partners(Path path, List<Partner> staticPartners) {
    }
}
