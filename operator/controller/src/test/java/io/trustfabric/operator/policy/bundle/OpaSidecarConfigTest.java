package io.trustfabric.operator.policy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpaSidecarConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<OpaSidecarConfig.Tenant> POOL = List.of(
            new OpaSidecarConfig.Tenant("acme", "/var/run/trustfabric/tenants/acme/control/token"),
            new OpaSidecarConfig.Tenant("globex", "/var/run/trustfabric/tenants/globex/control/token"));

    @Test
    void aServicePerTenantMacrosAndLogsFromTheFirst() throws Exception {
        JsonNode config = JSON.readTree(OpaSidecarConfig.of("http://control.trust-system.svc:8090/", "trust", POOL,
                TestKeys.P256_PUBLIC).render());
        assertThat(config.at("/services/control-acme/url").asText())
                .isEqualTo("http://control.trust-system.svc:8090/control/v1/namespaces/trust/tenants/acme");
        assertThat(config.at("/services/control-globex/credentials/bearer/token_path").asText())
                .isEqualTo("/var/run/trustfabric/tenants/globex/control/token");
        assertThat(config.get("bundles").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("macros", "tenant-acme", "tenant-globex");
        assertThat(config.at("/bundles/macros/service").asText()).isEqualTo("control-acme");
        assertThat(config.at("/bundles/macros/resource").asText()).isEqualTo("policy/macros");
        assertThat(config.at("/bundles/tenant-globex/service").asText()).isEqualTo("control-globex");
        assertThat(config.at("/bundles/tenant-globex/resource").asText()).isEqualTo("policy/bundle");
        for (JsonNode bundle : config.get("bundles")) {
            assertThat(bundle.at("/signing/keyid").asText()).isEqualTo("trustfabric");
            assertThat(bundle.at("/polling/min_delay_seconds").asInt()).isEqualTo(2);
            assertThat(bundle.at("/polling/max_delay_seconds").asInt()).isEqualTo(5);
            assertThat(bundle.get("persist").asBoolean()).isFalse();
        }
        assertThat(config.at("/keys/trustfabric/algorithm").asText()).isEqualTo("ES256");
        assertThat(config.at("/keys/trustfabric/key").asText()).isEqualTo(TestKeys.P256_PUBLIC);
        assertThat(config.at("/decision_logs/service").asText()).isEqualTo("control-acme");
        assertThat(config.at("/decision_logs/resource").asText()).isEqualTo("policy/decisions");
        assertThat(config.at("/decision_logs/reporting/buffer_size_limit_bytes").asLong()).isPositive();
        assertThat(config.has("default_decision")).isFalse();
        assertThat(config.has("persistence_directory")).isFalse();
        assertThat(OpaSidecarConfig.of("http://c", "trust", POOL, TestKeys.P256_PUBLIC).opaArguments()).isEmpty();
    }

    @Test
    void aKeyFileIsPassedOnTheCommandLine() throws Exception {
        OpaSidecarConfig config = OpaSidecarConfig.of("http://c", "trust", POOL, TestKeys.P256_PUBLIC)
                .withPublicKeyFile(Path.of("/etc/trustfabric/bundle-verification/public.pem")).withPolling(3, 9);
        JsonNode rendered = JSON.readTree(config.render());
        assertThat(rendered.at("/keys/trustfabric/key").isMissingNode()).isTrue();
        assertThat(rendered.at("/bundles/macros/polling/max_delay_seconds").asInt()).isEqualTo(9);
        assertThat(config.opaArguments())
                .containsExactly("--set-file=keys.trustfabric.key=/etc/trustfabric/bundle-verification/public.pem");
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> OpaSidecarConfig.of("http://c", "trust", List.of(), TestKeys.P256_PUBLIC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpaSidecarConfig.of("http://c", "trust", POOL, TestKeys.P256_PUBLIC)
                .withPolling(5, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpaSidecarConfig.of("http://c", "trust", POOL, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
