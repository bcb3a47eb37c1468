package io.trustfabric.operator.allowlist;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.allowlist;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.apiKeyPartner;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.apiKeySecret;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.PartnerAllowlistStatus;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealKubernetes
class PartnerAllowlistReconcilerTest {

    private static final String FUTURE = "2099-01-01T00:00:00Z";
    private static final String PAST = "2025-01-01T00:00:00Z";

    private RealCluster cluster;

    @BeforeEach
    void startCluster(TestCluster real) {
        cluster = RealCluster.start(real);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void countsActiveAndExpiredPartnersWithConditionsAndAnExpiryEvent() {
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA, QueryMode.PSI));
        create(apiKeySecret("globex", "gx-key"));
        create(apiKeySecret("initech", "in-key"));
        createAllowlist(allowlist("acme-partners", "acme",
                apiKeyPartner("globex", FUTURE, QueryMode.PSI_CA),
                apiKeyPartner("initech", PAST, QueryMode.PSI_CA)));

        PartnerAllowlistStatus status = awaitStatus("acme-partners", s -> condition(s, AllowlistConditions.READY) != null);
        assertThat(status.getActivePartners()).isEqualTo(1);
        assertThat(status.getExpiredPartners()).isEqualTo(1);
        assertThat(status.getInvalidPartners()).isZero();
        assertThat(status.getRefusedPartnerIds()).containsExactly("initech");
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        assertThat(condition(status, AllowlistConditions.READY).isTrue()).isTrue();
        assertThat(condition(status, AllowlistConditions.CREDENTIALS_RESOLVED).isTrue()).isTrue();
        assertThat(condition(status, AllowlistConditions.PARTNERS_UNIQUE).isTrue()).isTrue();
        List<Event> events = await().until(() -> cluster.events("acme-partners"),
                e -> reasons(e).contains(AllowlistEvents.EVENT_PARTNER_EXPIRED));
        assertThat(events).filteredOn(e -> AllowlistEvents.EVENT_PARTNER_EXPIRED.equals(e.getReason()))
                .singleElement().satisfies(e -> assertThat(e.getMessage()).contains("'initech'"));
    }

    @Test
    void aMissingCredentialSecretIsAConditionAndAnEventAndHealsWhenCreated() {
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        createAllowlist(allowlist("acme-partners", "acme", apiKeyPartner("globex", FUTURE, QueryMode.PSI_CA)));

        PartnerAllowlistStatus missing = awaitStatus("acme-partners",
                s -> condition(s, AllowlistConditions.CREDENTIALS_RESOLVED) != null);
        Condition credentials = condition(missing, AllowlistConditions.CREDENTIALS_RESOLVED);
        assertThat(credentials.isTrue()).isFalse();
        assertThat(credentials.getReason()).isEqualTo(AllowlistEvaluator.CREDENTIAL_SECRET_NOT_FOUND);
        assertThat(credentials.getMessage()).contains("Secret 'globex-api-key'");
        assertThat(missing.getInvalidPartners()).isEqualTo(1);
        assertThat(condition(missing, AllowlistConditions.READY).getReason())
                .isEqualTo(AllowlistConditions.REASON_PARTNERS_REFUSED);
        await().until(() -> reasons(cluster.events("acme-partners")),
                r -> r.contains(AllowlistEvaluator.CREDENTIAL_SECRET_NOT_FOUND));

        create(apiKeySecret("globex", "gx-key"));
        PartnerAllowlistStatus healed = awaitStatus("acme-partners",
                s -> condition(s, AllowlistConditions.CREDENTIALS_RESOLVED).isTrue());
        assertThat(healed.getActivePartners()).isEqualTo(1);
        assertThat(condition(healed, AllowlistConditions.READY).isTrue()).isTrue();
    }

    @Test
    void twoAllowlistsNamingTheSamePartnerBothSayWhoAndNeitherServesIt() {
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        create(apiKeySecret("globex", "gx-key"));
        create(apiKeySecret("initech", "in-key"));
        createAllowlist(allowlist("acme-main", "acme", apiKeyPartner("globex", FUTURE, QueryMode.PSI_CA),
                apiKeyPartner("initech", FUTURE, QueryMode.PSI_CA)));
        awaitStatus("acme-main", s -> condition(s, AllowlistConditions.READY) != null
                && condition(s, AllowlistConditions.READY).isTrue());
        createAllowlist(allowlist("acme-extra", "acme", apiKeyPartner("globex", FUTURE, QueryMode.PSI_CA)));

        PartnerAllowlistStatus main = awaitStatus("acme-main", s -> !condition(s, AllowlistConditions.PARTNERS_UNIQUE).isTrue());
        PartnerAllowlistStatus extra = awaitStatus("acme-extra", s -> condition(s, AllowlistConditions.PARTNERS_UNIQUE) != null
                && !condition(s, AllowlistConditions.PARTNERS_UNIQUE).isTrue());
        assertThat(condition(main, AllowlistConditions.PARTNERS_UNIQUE).getMessage())
                .contains("'globex'").contains("PartnerAllowlist 'acme-extra'");
        assertThat(condition(extra, AllowlistConditions.PARTNERS_UNIQUE).getMessage())
                .contains("'globex'").contains("PartnerAllowlist 'acme-main'");
        assertThat(main.getActivePartners()).isEqualTo(1);
        assertThat(main.getInvalidPartners()).isEqualTo(1);
        await().until(() -> reasons(cluster.events("acme-extra")), r -> r.contains(AllowlistEvaluator.DUPLICATE_PARTNER));

        String partners = await().until(() -> partnersJson("acme"), json -> json != null && !json.contains("\"globex\""));
        assertThat(partners).contains("\"initech\"");

        cluster.client().resources(PartnerAllowlist.class).inNamespace(cluster.namespace()).withName("acme-extra").delete();
        awaitStatus("acme-main", s -> condition(s, AllowlistConditions.PARTNERS_UNIQUE).isTrue());
        await().until(() -> partnersJson("acme"), json -> json.contains("\"globex\""));
    }

    @Test
    void aPartnerExpiringLaterIsReportedWhenItsTimeComes() {
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        create(apiKeySecret("globex", "gx-key"));
        String soon = Instant.now().plus(3, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS).toString();
        createAllowlist(allowlist("acme-partners", "acme", apiKeyPartner("globex", soon, QueryMode.PSI_CA)));
        awaitStatus("acme-partners", s -> Integer.valueOf(1).equals(s.getActivePartners()));

        PartnerAllowlistStatus expired = awaitStatus("acme-partners", s -> Integer.valueOf(1).equals(s.getExpiredPartners()));
        assertThat(expired.getActivePartners()).isZero();
        await().until(() -> reasons(cluster.events("acme-partners")), r -> r.contains(AllowlistEvents.EVENT_PARTNER_EXPIRED));
    }

    @Test
    void movingAnAllowlistToAnotherTenantStopsTheOldTenantServingItsPartners() {
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        cluster.create(tenant("umbrella", inlineDataset("u\n"), QueryMode.PSI_CA));
        create(apiKeySecret("globex", "gx-key"));
        createAllowlist(allowlist("partners", "acme", apiKeyPartner("globex", FUTURE, QueryMode.PSI_CA)));
        await().until(() -> partnersJson("acme"), json -> json != null && json.contains("\"globex\""));

        cluster.updateSpec(PartnerAllowlist.class, "partners", moved -> moved.getSpec().setTenantRef("umbrella"));

        await().until(() -> partnersJson("umbrella"), json -> json != null && json.contains("\"globex\""));
        await().until(() -> partnersJson("acme"), json -> !json.contains("\"globex\""));
    }

    @Test
    void anAllowlistForAMissingTenantSaysSo() {
        createAllowlist(allowlist("ghost-partners", "ghost", AllowlistFixtures.certificatePartner("initech",
                "CN=initech", QueryMode.PSI_CA)));
        PartnerAllowlistStatus status = awaitStatus("ghost-partners", s -> condition(s, AllowlistConditions.READY) != null);
        assertThat(condition(status, AllowlistConditions.READY).getReason())
                .isEqualTo(AllowlistConditions.REASON_TENANT_NOT_FOUND);
        assertThat(condition(status, AllowlistConditions.READY).getMessage()).contains("'ghost'");
    }

    private String partnersJson(String tenant) {
        var map = cluster.configMap(tenant + "-psi-partners");
        return map == null ? null : map.getData().get(PartnersDocument.KEY);
    }

    private void create(io.fabric8.kubernetes.api.model.Secret secret) {
        cluster.client().secrets().inNamespace(cluster.namespace()).resource(secret).create();
    }

    private void createAllowlist(PartnerAllowlist allowlist) {
        cluster.client().resources(PartnerAllowlist.class).inNamespace(cluster.namespace()).resource(allowlist).create();
    }

    private PartnerAllowlistStatus awaitStatus(String name, Predicate<PartnerAllowlistStatus> predicate) {
        return await().until(() -> {
            PartnerAllowlist current = cluster.client().resources(PartnerAllowlist.class)
                    .inNamespace(cluster.namespace()).withName(name).get();
            return current == null ? null : current.getStatus();
        }, s -> s != null && predicate.test(s));
    }

    static Condition condition(PartnerAllowlistStatus status, String type) {
        return status.condition(type).orElse(null);
    }

    static List<String> reasons(List<Event> events) {
        return events.stream().map(Event::getReason).toList();
    }
}
