package io.trustfabric.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    }
}
