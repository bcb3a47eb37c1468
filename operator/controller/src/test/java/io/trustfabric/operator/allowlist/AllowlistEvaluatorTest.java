package io.trustfabric.operator.allowlist;

import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.allowlist;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.apiKeyPartner;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.apiKeySecret;
import static io.trustfabric.operator.allowlist.AllowlistFixtures.certificatePartner;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllowlistEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private final Map<String, Secret> secrets = new HashMap<>();
    private final AllowlistEvaluator evaluator = new AllowlistEvaluator((ns, name) -> Optional.ofNullable(secrets.get(name)));
    private final Tenant acme = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA, QueryMode.PSI);

    @Test
    void activeAndExpiredPartnersAreServedWithSaltedHashes() {
        secrets.put("globex-api-key", apiKeySecret("globex", "gx-key\n"));
        secrets.put("initech-api-key", apiKeySecret("initech", "in-key"));
        AllowlistEvaluation evaluation = evaluator.evaluate("trust", "acme", acme, List.of(allowlist("main", "acme",
                apiKeyPartner("globex", "2027-01-01T00:00:00Z", QueryMode.PSI_CA),
                apiKeyPartner("initech", "2026-11-01T00:00:00Z", QueryMode.PSI))), NOW);

        assertThat(evaluation.served()).extracting(PartnerVerdict::id, PartnerVerdict::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("globex", PartnerState.ACTIVE),
                        org.assertj.core.groups.Tuple.tuple("initech", PartnerState.EXPIRED));
        PartnerVerdict globex = evaluation.served().get(0);
        assertThat(globex.apiKeyHash().matches("gx-key")).as("the trailing line break is not part of the key").isTrue();
        assertThat(globex.apiKeyHash().salt()).isEqualTo(ApiKeyHash.salt("trust", "acme", "globex"));
        assertThat(evaluation.nextExpiry("main")).contains(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void aPartnerListedByTwoAllowlistsIsServedFromNeither() {
        secrets.put("globex-api-key", apiKeySecret("globex", "gx-key"));
        AllowlistEvaluation evaluation = evaluator.evaluate("trust", "acme", acme, List.of(
                allowlist("main", "acme", apiKeyPartner("globex", null, QueryMode.PSI_CA)),
                allowlist("extra", "acme", apiKeyPartner("globex", null, QueryMode.PSI))), NOW);

        assertThat(evaluation.served()).isEmpty();
        PartnerVerdict inMain = evaluation.of("main").get(0);
        assertThat(inMain.state()).isEqualTo(PartnerState.DUPLICATE);
        assertThat(inMain.message()).contains("'globex'").contains("PartnerAllowlist 'extra'");
        assertThat(evaluation.of("extra").get(0).message()).contains("PartnerAllowlist 'main'");
    }

    @Test
    void missingSecretMissingKeyAndEmptyKeyAreInvalid() {
        Secret noKey = apiKeySecret("initech", "x");
        noKey.setData(Map.of("other", "eA=="));
        secrets.put("initech-api-key", noKey);
        secrets.put("hooli-api-key", apiKeySecret("hooli", "\n"));
        AllowlistEvaluation evaluation = evaluator.evaluate("trust", "acme", acme, List.of(allowlist("main", "acme",
                apiKeyPartner("globex", null, QueryMode.PSI_CA),
                apiKeyPartner("initech", null, QueryMode.PSI_CA),
                apiKeyPartner("hooli", null, QueryMode.PSI_CA))), NOW);

        assertThat(evaluation.served()).isEmpty();
        assertThat(evaluation.of("main")).extracting(PartnerVerdict::reason).containsExactly(
                AllowlistEvaluator.CREDENTIAL_SECRET_NOT_FOUND, AllowlistEvaluator.CREDENTIAL_KEY_NOT_FOUND,
                AllowlistEvaluator.CREDENTIAL_EMPTY);
        assertThat(evaluation.of("main").get(0).message()).contains("Secret 'globex-api-key'").contains("kubectl");
    }

    @Test
    void modesAreLimitedToWhatTheTenantAllows() {
        Tenant caOnly = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        AllowlistEvaluation evaluation = evaluator.evaluate("trust", "acme", caOnly, List.of(allowlist("main", "acme",
                certificatePartner("initech", "CN=initech-psi", QueryMode.PSI, QueryMode.PSI_CA),
                certificatePartner("hooli", "CN=hooli", QueryMode.PSI))), NOW);

        assertThat(evaluation.of("main").get(0).modes()).containsExactly(QueryMode.PSI_CA);
        assertThat(evaluation.of("main").get(1).state()).isEqualTo(PartnerState.INVALID);
        assertThat(evaluation.of("main").get(1).reason()).isEqualTo(AllowlistEvaluator.NO_ALLOWED_MODE);
    }

    @Test
    void theDocumentCarriesNoRawKeyAndIsStable() {
        secrets.put("globex-api-key", apiKeySecret("globex", "gx-live-secret-value"));
        List<io.trustfabric.api.v1alpha1.PartnerAllowlist> lists = List.of(allowlist("main", "acme",
                apiKeyPartner("globex", null, QueryMode.PSI_CA),
                certificatePartner("initech", "CN=initech-psi", QueryMode.PSI_CA)));
        PartnersDocument first = PartnersDocument.render(evaluator.evaluate("trust", "acme", acme, lists, NOW));
        PartnersDocument second = PartnersDocument.render(evaluator.evaluate("trust", "acme", acme, lists,
                NOW.plusSeconds(3600)));

        assertThat(first).isEqualTo(second);
        assertThat(first.json()).doesNotContain("gx-live-secret-value")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString("gx-live-secret-value".getBytes()))
                .contains("\"subject\" : \"CN=initech-psi\"");
        assertThat(first.revision()).startsWith("sha256:").hasSize(7 + 64);
    }
}
