package io.trustfabric.operator.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** examples/limited-ga says what the operator makes of it; this keeps the example and the README honest. */
class LimitedGaExampleTest {

    private static final Path EXAMPLE = Path.of("../../examples/limited-ga");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void globexIsActiveInitechExpiredAndNeitherKeyIsRendered() throws Exception {
        Tenant acme = YAML.unmarshal(Files.readString(EXAMPLE.resolve("30-tenant-acme.yaml")), Tenant.class);
        PartnerAllowlist partners = YAML.unmarshal(Files.readString(EXAMPLE.resolve("50-acme-partners.yaml")),
                PartnerAllowlist.class);
        Map<String, Secret> secrets = Arrays.stream(Files.readString(EXAMPLE.resolve("40-partner-api-keys.yaml"))
                        .split("(?m)^---\\s*$"))
                .map(doc -> YAML.unmarshal(doc, Secret.class))
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));

        AllowlistEvaluation evaluation = new AllowlistEvaluator((ns, name) -> Optional.ofNullable(secrets.get(name)))
                .evaluate("trust-ga", "acme", acme, List.of(partners), Instant.parse("2026-11-25T00:00:00Z"));

        assertThat(evaluation.served()).extracting(v -> v.id() + "=" + v.state())
                .containsExactly("globex=ACTIVE", "initech=EXPIRED");
        PartnersDocument document = PartnersDocument.render(evaluation);
        for (Secret secret : secrets.values()) {
            String key = secret.getStringData().get("apiKey");
            assertThat(document.json()).doesNotContain(key);
            String id = secret.getMetadata().getName().replace("-api-key", "");
            assertThat(evaluation.served().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow()
                    .apiKeyHash().matches(key)).isTrue();
        }
    }

    @Test
    void thePartnerFileSharesTwentyItemsWithTheTenant() throws Exception {
        List<String> tenantItems = Files.readString(EXAMPLE.resolve("20-acme-customers.yaml")).lines()
                .map(String::trim).filter(l -> l.endsWith("@example.com")).toList();
        List<String> partnerItems = Files.readAllLines(EXAMPLE.resolve("partner-items.txt"));
        assertThat(tenantItems).hasSize(60);
        assertThat(partnerItems.stream().filter(tenantItems::contains)).hasSize(20);
    }
}
