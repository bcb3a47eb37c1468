package io.trustfabric.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.operator.admission.WebhookSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

    @Test
    void defaultsOfTheProcessContract() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of("HOSTNAME", "tf-operator-7d9c"));
        assertThat(settings.serverSideApply()).isTrue();
        assertThat(settings.workerImage()).isEqualTo("ghcr.io/trustfabric/psi-worker:0.1.0");
        assertThat(settings.watchNamespaces()).isEmpty();
        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.exitOnLostLeadership()).isTrue();
        assertThat(settings.leaderElectionNamespace()).isNull();
        assertThat(settings.identity()).isEqualTo("tf-operator-7d9c");
        assertThat(settings.httpPort()).isEqualTo(8081);
        assertThat(settings.httpBindAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.controlPort()).isEqualTo(8090);
        assertThat(settings.controlUrl()).isEqualTo("http://trust-fabric-control.trust-system.svc:8090");
        assertThat(settings.webhook().enabled()).isTrue();
        assertThat(settings.webhook().port()).isEqualTo(9443);
        assertThat(settings.webhook().configurationName()).isEqualTo("trust-fabric");
        assertThat(settings.webhook().serviceName()).isEqualTo("trust-fabric-webhook");
        assertThat(settings.webhook().extraSans()).isEmpty();
        assertThat(settings.lintDryrunMaxAge()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void theControlUrlDefaultsToTheOperatorNamespacesControlService() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of(
                "TF_LEADER_ELECTION_NAMESPACE", "platform", "TF_CONTROL_PORT", "9443"));
        assertThat(settings.controlPort()).isEqualTo(9443);
        assertThat(settings.controlUrl()).isEqualTo("http://trust-fabric-control.platform.svc:9443");
        assertThat(OperatorSettings.fromEnvironment(Map.of("TF_CONTROL_URL", "http://tf-control.ops.svc:8090"))
                .controlUrl()).isEqualTo("http://tf-control.ops.svc:8090");
    }

    @Test
    void readsEveryVariable() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of(
                "TF_WORKER_IMAGE", "registry.local/psi-worker:1.2",
                "TF_WATCH_NAMESPACES", " team-a, team-b ,",
                "TF_LEADER_ELECTION", "false",
                "TF_LEADER_ELECTION_NAMESPACE", "trust-system",
                "TF_HTTP_PORT", "9090"));
        assertThat(settings.workerImage()).isEqualTo("registry.local/psi-worker:1.2");
        assertThat(settings.watchNamespaces()).isEqualTo(Set.of("team-a", "team-b"));
        assertThat(settings.leaderElection()).isFalse();
        assertThat(settings.leaderElectionNamespace()).isEqualTo("trust-system");
        assertThat(settings.httpPort()).isEqualTo(9090);
    }

    @Test
    void readsTheWebhookAndLintVariables() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of(
                "TF_WEBHOOK_PORT", "10443",
                "TF_WEBHOOK_CONFIGURATION", "tf-prod",
                "TF_WEBHOOK_SERVICE", "tf-prod-webhook",
                "TF_WEBHOOK_EXTRA_SANS", "127.0.0.1, webhook.example.com,",
                "TF_LINT_DRYRUN_MAX_DAYS", "30"));
        assertThat(settings.webhook()).satisfies(webhook -> {
            assertThat(webhook.port()).isEqualTo(10443);
            assertThat(webhook.configurationName()).isEqualTo("tf-prod");
            assertThat(webhook.serviceName()).isEqualTo("tf-prod-webhook");
            assertThat(webhook.extraSans()).containsExactly("127.0.0.1", "webhook.example.com");
        });
        assertThat(settings.lintDryrunMaxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(OperatorSettings.fromEnvironment(Map.of("TF_WEBHOOK_PORT", "0")).webhook().enabled()).isFalse();
    }

    @Test
    void theSlaScrapeIntervalDefaultsToThirtySecondsAndMustBePositive() {
        assertThat(OperatorSettings.fromEnvironment(Map.of()).scrapeInterval()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(OperatorSettings.fromEnvironment(Map.of("TF_SLA_SCRAPE_INTERVAL_SECONDS", "15")).scrapeInterval())
                .isEqualTo(java.time.Duration.ofSeconds(15));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OperatorSettings.fromEnvironment(
                        Map.of("TF_SLA_SCRAPE_INTERVAL_SECONDS", "0")))
                .hasMessageContaining("TF_SLA_SCRAPE_INTERVAL_SECONDS");
        assertThat(OperatorSettings.local().withScrapeInterval(java.time.Duration.ofMillis(500)).scrapeInterval())
                .isEqualTo(java.time.Duration.ofMillis(500));
    }

    @Test
    void localSettingsKeepTheWebhookOffUntilATestOrLocalModeTurnsItOn() {
        assertThat(OperatorSettings.local().webhook().enabled()).isFalse();
        OperatorSettings on = OperatorSettings.local().withWebhook(WebhookSettings.loopback(9555, "tf-local"));
        assertThat(on.webhook().port()).isEqualTo(9555);
        assertThat(on.webhook().extraSans()).isEqualTo(List.of("127.0.0.1"));
        assertThat(on.withServerSideApply(true).withWatchNamespaces(java.util.Set.of("a")).webhook())
                .as("kept by the other with-methods").isEqualTo(on.webhook());
    }

    @Test
    void rejectsMalformedValuesWithTheVariableName() {
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("TF_LEADER_ELECTION", "yes")))
                .hasMessageContaining("TF_LEADER_ELECTION");
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("TF_HTTP_PORT", "http")))
                .hasMessageContaining("TF_HTTP_PORT");
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("TF_HTTP_PORT", "70000")))
                .hasMessageContaining("65535");
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("TF_CONTROL_PORT", "control")))
                .hasMessageContaining("TF_CONTROL_PORT");
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("TF_CONTROL_PORT", "-1")))
                .hasMessageContaining("Control port");
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("TF_WEBHOOK_PORT", "https")))
                .hasMessageContaining("TF_WEBHOOK_PORT");
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("TF_WEBHOOK_PORT", "65536")))
                .hasMessageContaining("TF_WEBHOOK_PORT").hasMessageContaining("65535");
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("TF_WEBHOOK_EXTRA_SANS", "127.0.0.1,a b")))
                .hasMessageContaining("TF_WEBHOOK_EXTRA_SANS").hasMessageContaining("'a b'");
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("TF_WEBHOOK_SERVICE", "Web_Hook")))
                .hasMessageContaining("TF_WEBHOOK_SERVICE");
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("TF_LINT_DRYRUN_MAX_DAYS", "0")))
                .hasMessageContaining("TF_LINT_DRYRUN_MAX_DAYS");
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("TF_LINT_DRYRUN_MAX_DAYS", "two weeks")))
                .hasMessageContaining("TF_LINT_DRYRUN_MAX_DAYS");
    }
}
