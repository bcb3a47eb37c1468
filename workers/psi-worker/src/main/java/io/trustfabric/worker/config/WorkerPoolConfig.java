package io.trustfabric.worker.config;

import java.util.List;

/**
 * What one worker process serves: a single tenant (the dedicated form of worker.json, {@code pooled}
 * false) or several tenants of a shared pool (the {@code tenants} form). Pool-wide settings (http,
 * compute threads) are the same in every entry.
 */
public record WorkerPoolConfig(boolean pooled, List<WorkerConfig> tenants) {
    public WorkerPoolConfig {
        if (tenants.isEmpty()) {
            throw new InvalidConfigException("tenants must list at least one tenant");
        }
        tenants = List.copyOf(tenants);
    }

    public static WorkerPoolConfig single(WorkerConfig config) {
        return new WorkerPoolConfig(false, List.of(config));
    }

    /** The pool-wide settings, taken from the first tenant's entry. */
    public WorkerConfig first() {
        return tenants.get(0);
    }
}
