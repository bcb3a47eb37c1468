package io.trustfabric.operator.whatif;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.trustfabric.api.v1alpha1.DatasetSource;
import io.trustfabric.api.v1alpha1.GoldenSet;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.ScenarioTemplate;
import io.trustfabric.api.v1alpha1.SeedChange;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantSpec;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.api.v1alpha1.WhatIfScenarioSpec;
import io.trustfabric.api.v1alpha1.WorkerPin;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Tenants and scenarios for the worker-pin and seed-change tests. */
public final class WhatIfFixtures {

    private WhatIfFixtures() {
    }

    public static DatasetSource inline(String items) {
        DatasetSource dataset = new DatasetSource();
        dataset.setInline(items);
        return dataset;
    }

    public static Tenant tenant(String namespace, String name, DatasetSource dataset, QueryMode... modes) {
        Tenant tenant = new Tenant();
        tenant.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withUid("tenant-uid").build());
        TenantSpec spec = new TenantSpec();
        spec.setLimitedGA(true);
        spec.setModes(List.of(modes));
        spec.setDataset(dataset);
        tenant.setSpec(spec);
        return tenant;
    }

    public static GoldenSet golden(long seed, int queries, int size, int percent) {
        GoldenSet golden = new GoldenSet();
        golden.setSeed(seed);
        golden.setQueries(queries);
        golden.setClientSetSize(size);
        golden.setMatchPercent(percent);
        return golden;
    }

    public static WhatIfScenario workerPin(String namespace, String name, String tenant, String image,
                                           Map<String, String> env, GoldenSet golden) {
        WorkerPin pin = new WorkerPin();
        pin.setImage(image);
        pin.setEnv(new java.util.LinkedHashMap<>(env));
        WhatIfScenarioSpec spec = spec(tenant, ScenarioTemplate.WORKER_PIN, golden);
        spec.setWorkerPin(pin);
        return scenario(namespace, name, spec);
    }

    public static WhatIfScenario seedChange(String namespace, String name, String tenant, SeedChange change,
                                            GoldenSet golden) {
        WhatIfScenarioSpec spec = spec(tenant, ScenarioTemplate.SEED_CHANGE, golden);
        spec.setSeedChange(change);
        return scenario(namespace, name, spec);
    }

    public static ScenarioRequest request(WhatIfScenario scenario, Tenant tenant) {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        return new ScenarioRequest(scenario, tenant, now.minusSeconds(86400), now);
    }

    private static WhatIfScenarioSpec spec(String tenant, ScenarioTemplate template, GoldenSet golden) {
        WhatIfScenarioSpec spec = new WhatIfScenarioSpec();
        spec.setTenantRef(tenant);
        spec.setTemplate(template);
        spec.setGolden(golden);
        return spec;
    }

    private static WhatIfScenario scenario(String namespace, String name, WhatIfScenarioSpec spec) {
        WhatIfScenario scenario = new WhatIfScenario();
        scenario.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withUid("scenario-uid")
                .withGeneration(1L).build());
        scenario.setSpec(spec);
        return scenario;
    }

    /** Progress that records what the runner reported and cancels after {@code cancelAfter} golden queries. */
    public static final class RecordingProgress implements ScenarioProgress {
        public volatile long total = -1;
        public volatile long replayed;
        private final long cancelAfter;

        public RecordingProgress() {
            this(Long.MAX_VALUE);
        }

        public RecordingProgress(long cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void total(long total) {
            this.total = total;
        }

        @Override
        public void replayed(long replayed) {
            this.replayed = replayed;
        }

        @Override
        public boolean cancelled() {
            return replayed >= cancelAfter;
        }
    }
}
