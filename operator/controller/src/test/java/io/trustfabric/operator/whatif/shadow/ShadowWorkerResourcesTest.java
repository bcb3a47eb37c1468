package io.trustfabric.operator.whatif.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.trustfabric.api.v1alpha1.Normalization;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.operator.allowlist.ApiKeyHash;
import io.trustfabric.operator.tenant.DatasetObservation;
import io.trustfabric.operator.tenant.TenantResourceNames;
import io.trustfabric.operator.tenant.WorkerConfigRenderer;
import io.trustfabric.operator.whatif.WhatIfFixtures;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShadowWorkerResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tenant tenant = WhatIfFixtures.tenant("trust", "acme", WhatIfFixtures.inline("a\nb\n"),
            QueryMode.PSI_CA, QueryMode.PSI);
    private final WhatIfScenario scenario = WhatIfFixtures.workerPin("trust", "pin-rc1", "acme", "worker:rc1",
            Map.of("TF_COMPUTE_THREADS", "1"), null);
    private final WhatIfPartner partner = WhatIfPartner.create("trust", "acme", "pin-rc1");
    private final KeySeedChoice currentKey = new KeySeedChoice(KeySeedChoice.Kind.CURRENT, "trust", "acme-psi-key", "seed");

    private ShadowWorkerResources.ShadowObjects render(ShadowRole role, Map<String, String> env) {
        ShadowSide side = new ShadowSide(role, "worker:1", env, currentKey, tenant.getSpec().getDataset());
        return ShadowWorkerResources.render(scenario, tenant, side, DatasetObservation.inline(), "a\nb\n",
                Normalization.NONE, partner);
    }

    @Test
    void theShadowWorkerHasNoControlApiNoPolicyEngineAndServesTheTenantsIdentity() throws Exception {
        JsonNode config = JSON.readTree(render(ShadowRole.BASELINE, Map.of()).workerJson());
        assertThat(config.has("control")).as("no control API: nothing is charged, no receipt is written").isFalse();
        assertThat(config.has("budget")).isFalse();
        assertThat(config.has("policy")).isFalse();
        assertThat(config.path("tenant").path("namespace").asText()).isEqualTo("trust");
        assertThat(config.path("tenant").path("name").asText()).isEqualTo("acme");
        assertThat(config.path("tenant").path("limitedGA").asBoolean()).isTrue();
        assertThat(config.path("tenant").path("trustPolicy").asBoolean()).isFalse();
        assertThat(config.path("partners").path("path").asText())
                .isEqualTo(WorkerConfigRenderer.PARTNERS_DIR + "/" + WorkerConfigRenderer.PARTNERS_FILE);
    }

    @Test
    void theAllowlistHoldsOnlyTheWhatIfPartnerWithASaltedHashOfItsKey() throws Exception {
        ShadowWorkerResources.ShadowObjects objects = render(ShadowRole.CANDIDATE, Map.of());
        String document = objects.configMap().getData().get(WorkerConfigRenderer.PARTNERS_FILE);
        assertThat(document).doesNotContain(partner.apiKey());
        JsonNode partners = JSON.readTree(document).path("partners");
        assertThat(partners).hasSize(1);
        JsonNode entry = partners.get(0);
        assertThat(entry.path("id").asText()).isEqualTo("whatif-pin-rc1");
        ApiKeyHash hash = new ApiKeyHash(Base64.getDecoder().decode(entry.path("apiKey").path("salt").asText()),
                Base64.getDecoder().decode(entry.path("apiKey").path("sha256").asText()));
        assertThat(hash.matches(partner.apiKey())).isTrue();
        assertThat(hash.matches(partner.apiKey() + "x")).isFalse();
        assertThat(entry.path("modes").toString()).isEqualTo("[\"psi-ca\",\"psi\"]");
    }

    @Test
    void theTenantsServiceNeverSelectsAShadowPodAndLocalModeRecognisesIt() {
        Deployment deployment = render(ShadowRole.BASELINE, Map.of()).deployment();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> tenantSelector = TenantResourceNames.selector(tenant);
        assertThat(podLabels.entrySet().containsAll(tenantSelector.entrySet())).isFalse();
        assertThat(podLabels).doesNotContainKey(TenantResourceNames.TENANT_LABEL);
        assertThat(podLabels).containsEntry("app.kubernetes.io/component", "psi-worker")
                .containsEntry(ShadowLabels.SHADOW_LABEL, "base");
        assertThat(deployment.getMetadata().getName()).isEqualTo("pin-rc1-wi-base");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("WhatIfScenario");
            assertThat(owner.getName()).isEqualTo("pin-rc1");
            assertThat(owner.getUid()).isEqualTo("scenario-uid");
        });
    }

    @Test
    void theCandidatesSettingsAreInItsContainerAndInItsConfigDigest() {
        ShadowWorkerResources.ShadowObjects base = render(ShadowRole.BASELINE, Map.of());
        ShadowWorkerResources.ShadowObjects cand = render(ShadowRole.CANDIDATE, Map.of("TF_COMPUTE_THREADS", "1"));
        Container container = cand.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("TF_COMPUTE_THREADS");
        assertThat(base.workerJson()).isEqualTo(cand.workerJson());
        assertThat(cand.configDigest()).startsWith("sha256:").isNotEqualTo(base.configDigest());
        assertThat(render(ShadowRole.CANDIDATE, Map.of("TF_COMPUTE_THREADS", "1")).configDigest())
                .isEqualTo(cand.configDigest());
        assertThat(cand.deployment().getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        assertThat(cand.deployment().getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void aFreshKeyIsMadeByTheWorkerSoNoSecretHoldsItAndNoneIsMounted() throws Exception {
        KeySeedChoice fresh = new KeySeedChoice(KeySeedChoice.Kind.FRESH, "trust", null, null);
        ShadowSide side = new ShadowSide(ShadowRole.CANDIDATE, "worker:1", Map.of(), fresh, tenant.getSpec().getDataset());
        ShadowWorkerResources.ShadowObjects objects = ShadowWorkerResources.render(scenario, tenant, side,
                DatasetObservation.inline(), "a\nb\n", Normalization.NONE, partner);
        JsonNode key = JSON.readTree(objects.workerJson()).path("key");
        assertThat(key.path("fresh").asBoolean()).isTrue();
        assertThat(key.has("seedPath")).isFalse();
        assertThat(objects.all()).noneMatch(o -> o instanceof io.fabric8.kubernetes.api.model.Secret);
        assertThat(objects.deployment().getSpec().getTemplate().getSpec().getVolumes())
                .noneMatch(v -> v.getSecret() != null);
        assertThat(fresh.describe()).isEqualTo("fresh");
    }

    @Test
    void aGoldenSetWithFieldsLeftOutTakesTheApiDefaults() {
        io.trustfabric.api.v1alpha1.GoldenSet partial = new io.trustfabric.api.v1alpha1.GoldenSet();
        partial.setSeed(null);
        partial.setQueries(3);
        partial.setClientSetSize(null);
        io.trustfabric.api.v1alpha1.GoldenSet golden = ShadowReplay.withDefaults(partial);
        io.trustfabric.api.v1alpha1.GoldenSet defaults = new io.trustfabric.api.v1alpha1.GoldenSet();
        assertThat(golden.getQueries()).isEqualTo(3);
        assertThat(golden.getSeed()).isEqualTo(defaults.getSeed());
        assertThat(golden.getClientSetSize()).isEqualTo(defaults.getClientSetSize());
        assertThat(ShadowReplay.withDefaults(null).getMatchPercent()).isEqualTo(defaults.getMatchPercent());
    }

    @Test
    void aLongScenarioNameStillGivesValidLabelValues() {
        String name = "a".repeat(70);
        assertThat(ShadowLabels.labels(name, ShadowRole.CANDIDATE).values()).allSatisfy(v -> assertThat(v).hasSizeLessThanOrEqualTo(63));
        assertThat(ShadowLabels.labelValue(name)).isNotEqualTo(ShadowLabels.labelValue(name + "b"));
    }
}
