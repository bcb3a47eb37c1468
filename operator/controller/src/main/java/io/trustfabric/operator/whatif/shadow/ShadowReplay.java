package io.trustfabric.operator.whatif.shadow;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.v1alpha1.DatasetSource;
import io.trustfabric.api.v1alpha1.GoldenSet;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.operator.tenant.TenantResourceNames;
import io.trustfabric.operator.tenant.WorkerConfigRenderer;
import io.trustfabric.operator.tenant.WorkerEndpoints;
import io.trustfabric.operator.whatif.ScenarioFailure;
import io.trustfabric.operator.whatif.ScenarioProgress;
import io.trustfabric.operator.whatif.ScenarioRequest;
import io.trustfabric.operator.whatif.ScenarioResult;
import io.trustfabric.operator.whatif.golden.DatasetItems;
import io.trustfabric.operator.whatif.golden.GoldenComparison;
import io.trustfabric.operator.whatif.golden.GoldenSetGenerator;
import io.trustfabric.operator.whatif.golden.NormalizedItems;
import io.trustfabric.operator.whatif.golden.ShadowWorkerClient;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PsiMode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One worker-pin or seed-change run: reads the current (and candidate) items into memory, starts the shadow pair,
 * sends the golden queries to both sides and turns what came back into a {@link ScenarioResult}. The shadows are
 * deleted before {@link #run} returns, whatever happened.
 */
public final class ShadowReplay {

    private final KubernetesClient client;
    private final WorkerEndpoints endpoints;
    private final String defaultWorkerImage;
    private final Duration readyTimeout;
    private final Duration queryTimeout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public ShadowReplay(KubernetesClient client, WorkerEndpoints endpoints, String defaultWorkerImage,
                        Duration readyTimeout, Duration queryTimeout) {
        this.client = client;
        this.endpoints = endpoints;
        this.defaultWorkerImage = defaultWorkerImage;
        this.readyTimeout = readyTimeout;
        this.queryTimeout = queryTimeout;
    }

    public ScenarioResult run(ScenarioRequest request, ScenarioProgress progress, ShadowCandidate change)
            throws ScenarioFailure {
        WhatIfScenario scenario = request.scenario();
        Tenant tenant = request.tenant();
        String namespace = request.namespace();
        String scenarioName = scenario.getMetadata().getName();

        DatasetSource currentSource = tenant.getSpec().getDataset();
        DatasetItems.Read current = readItems(namespace, currentSource, "DatasetUnavailable", "the tenant's data set");
        DatasetSource candidateSource = change.dataset() == null ? currentSource : change.dataset();
        DatasetItems.Read candidate = change.dataset() == null ? current
                : readItems(namespace, candidateSource, "CandidateDatasetUnavailable", "the candidate data set");
        NormalizedItems currentItems = NormalizedItems.of(current.items().orElseThrow(), normalization(currentSource));
        NormalizedItems candidateItems = change.dataset() == null ? currentItems
                : NormalizedItems.of(candidate.items().orElseThrow(), normalization(candidateSource));

        GoldenSet golden = withDefaults(scenario.getSpec().getGolden());
        int maxSetSize = WorkerConfigRenderer.maxClientSetSize(tenant.getSpec());
        if (golden.getClientSetSize() > maxSetSize) {
            throw new ScenarioFailure("GoldenSetTooLarge", "golden.clientSetSize " + golden.getClientSetSize()
                    + " is above the tenant's maxClientSetSize " + maxSetSize + "; both sides would refuse every query");
        }
        List<PsiMode> modes = tenant.getSpec().getModes() == null ? List.of() : tenant.getSpec().getModes().stream()
                .map(QueryMode::wireName).map(PsiMode::fromWireName).toList();
        if (modes.isEmpty()) {
            throw new ScenarioFailure("NoModes", "the tenant serves no mode (spec.modes), so there is nothing to query");
        }
        GoldenSetGenerator generator = new GoldenSetGenerator(golden, modes, currentItems,
                List.of(currentItems, candidateItems));

        String currentImage = currentImage(tenant);
        KeySeedChoice currentKey = new KeySeedChoice(KeySeedChoice.Kind.CURRENT, namespace,
                TenantResourceNames.keySeed(tenant), WorkerConfigRenderer.KEY_FILE);
        KeySeedChoice candidateKey = candidateKey(namespace, scenarioName, change, currentKey);
        WhatIfPartner partner = WhatIfPartner.create(namespace, tenant.getMetadata().getName(), scenarioName);
        ShadowSide baseSide = new ShadowSide(ShadowRole.BASELINE, currentImage, Map.of(), currentKey, currentSource);
        ShadowSide candSide = new ShadowSide(ShadowRole.CANDIDATE, change.image() == null ? currentImage : change.image(),
                change.env(), candidateKey, candidateSource);
        ShadowWorkerResources.ShadowObjects baseObjects = ShadowWorkerResources.render(scenario, tenant, baseSide,
                current.observation(), currentSource.getInline(), apiNormalization(currentSource), partner);
        ShadowWorkerResources.ShadowObjects candObjects = ShadowWorkerResources.render(scenario, tenant, candSide,
                candidate.observation(), candidateSource.getInline(), apiNormalization(candidateSource), partner);

        try (ShadowPair pair = ShadowPair.start(client, endpoints, namespace, scenarioName, baseObjects, candObjects,
                readyTimeout, progress)) {
            ShadowWorkerClient baseline = new ShadowWorkerClient(http, pair.baseline(), partner.apiKey(), queryTimeout);
            ShadowWorkerClient cand = new ShadowWorkerClient(http, pair.candidate(), partner.apiKey(), queryTimeout);
            GoldenComparison.Outcome outcome = new GoldenComparison().run(baseline, cand, generator, change.rule(),
                    progress);
            String tenantId = namespace + "/" + tenant.getMetadata().getName();
            ShadowReport.SetupGauges baseGauges = ShadowReport.SetupGauges.read(baseline, tenantId);
            ShadowReport.SetupGauges candGauges = ShadowReport.SetupGauges.read(cand, tenantId);
            return ShadowReport.result(scenario.getSpec().getTemplate(), outcome, generator,
                    ShadowReport.side(baseSide, baseObjects, currentItems),
                    ShadowReport.side(candSide, candObjects, candidateItems),
                    change.dataset() == null ? null : new ShadowReport.DatasetDelta(currentItems, candidateItems),
                    baseGauges, candGauges);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioFailure("Cancelled", "interrupted while reading the shadow workers' metrics");
        }
    }

    /** The spec's golden set with the API's defaults for whatever it leaves out. */
    static GoldenSet withDefaults(GoldenSet spec) {
        GoldenSet defaults = new GoldenSet();
        if (spec == null) {
            return defaults;
        }
        GoldenSet golden = new GoldenSet();
        golden.setSeed(spec.getSeed() == null ? defaults.getSeed() : spec.getSeed());
        golden.setQueries(spec.getQueries() == null ? defaults.getQueries() : spec.getQueries());
        golden.setClientSetSize(spec.getClientSetSize() == null ? defaults.getClientSetSize() : spec.getClientSetSize());
        golden.setMatchPercent(spec.getMatchPercent() == null ? defaults.getMatchPercent() : spec.getMatchPercent());
        return golden;
    }

    private DatasetItems.Read readItems(String namespace, DatasetSource source, String reason, String what)
            throws ScenarioFailure {
        DatasetItems.Read read;
        try {
            read = DatasetItems.read(client, namespace, source);
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new ScenarioFailure(reason, "cannot read " + what + ": " + e.getMessage());
        }
        if (read.items().isEmpty()) {
            throw new ScenarioFailure(reason, what + " is not there (" + read.observation().state() + " "
                    + read.observation().source() + " " + read.observation().name() + " key " + read.observation().key()
                    + " in namespace " + namespace + ")");
        }
        return read;
    }

    private KeySeedChoice candidateKey(String namespace, String scenario, ShadowCandidate change, KeySeedChoice current)
            throws ScenarioFailure {
        if (change.freshKeySeed()) {
            return new KeySeedChoice(KeySeedChoice.Kind.FRESH, namespace, null, null);
        }
        if (change.keySeedSecretRef() == null) {
            return current;
        }
        String name = change.keySeedSecretRef().getName();
        String key = change.keySeedSecretRef().getKey();
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        boolean present = secret != null && ((secret.getData() != null && secret.getData().containsKey(key))
                || (secret.getStringData() != null && secret.getStringData().containsKey(key)));
        if (!present) {
            throw new ScenarioFailure("CandidateKeySeedUnavailable", "the candidate key seed, Secret " + namespace
                    + "/" + name + " key " + key + ", is not there");
        }
        return new KeySeedChoice(KeySeedChoice.Kind.SECRET, namespace, name, key);
    }

    private String currentImage(Tenant tenant) {
        var workers = tenant.getSpec().getWorkers();
        return workers == null || workers.getImage() == null || workers.getImage().isBlank() ? defaultWorkerImage
                : workers.getImage();
    }

    private static io.trustfabric.api.v1alpha1.Normalization apiNormalization(DatasetSource source) {
        return source.getNormalization() == null ? io.trustfabric.api.v1alpha1.Normalization.NONE
                : source.getNormalization();
    }

    private static Normalization normalization(DatasetSource source) {
        return Normalization.fromConfigName(apiNormalization(source).wireName());
    }
}
