package io.trustfabric.helm;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** values.schema.json makes Helm refuse mistyped or misspelt values instead of silently ignoring them. */
class ValuesSchemaTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(Map.of("replicas", "two"), "/replicas"),
        Arguments.of(Map.of("replicas", 0), "/replicas"),
        Arguments.of(Map.of("replicaCount", 2), "replicaCount"),
        Arguments.of(Map.of("image.tg", "1.0.0"), "tg"),
        Arguments.of(Map.of("image.pullPolicy", "Sometimes"), "/image/pullPolicy"),
        Arguments.of(Map.of("image.digest", "latest"), "/image/digest"),
        Arguments.of(Map.of("logFormat", "xml"), "/logFormat"),
        Arguments.of(Map.of("leaderElection.enabled", "yes please"), "/leaderElection/enabled"),
        Arguments.of(Map.of("watchNamespaces[0]", "Not_A_Namespace"), "/watchNamespaces/0"),
        Arguments.of(Map.of("runAsUser", 0), "/runAsUser"),
        Arguments.of(Map.of("extraEnv[0].name", "TF_WATCH_NAMESPACES", "extraEnv[0].value", "x"), "/extraEnv/0/name"),
        Arguments.of(Map.of("monitoring.operatorSelector", "job=trust-fabric"), "/monitoring/operatorSelector"),
        Arguments.of(Map.of("monitoring.serviceMonitor.interval", "often"), "/monitoring/serviceMonitor/interval"),
        Arguments.of(Map.of("monitoring.prometheusRule.reconcileErrorPercent", 500), "reconcileErrorPercent"),
        Arguments.of(Map.of("monitoring.grafanaDashbord.enabled", true), "grafanaDashbord"),
        Arguments.of(Map.of("monitoring.prometheusRule.slo.minRequests", -1), "/monitoring/prometheusRule/slo/minRequests"),
        Arguments.of(Map.of("monitoring.prometheusRule.slo.fastBurn[0].longWindow", "1h30m",
            "monitoring.prometheusRule.slo.fastBurn[0].shortWindow", "5m",
            "monitoring.prometheusRule.slo.fastBurn[0].burnRate", 14.4,
            "monitoring.prometheusRule.slo.fastBurn[0].for", "2m"), "/monitoring/prometheusRule/slo/fastBurn/0/longWindow"),
        Arguments.of(Map.of("monitoring.prometheusRule.slo.slowBurn[0].longWindow", "3d",
            "monitoring.prometheusRule.slo.slowBurn[0].shortWindow", "6h",
            "monitoring.prometheusRule.slo.slowBurn[0].burnRate", 0,
            "monitoring.prometheusRule.slo.slowBurn[0].for", "1h"), "/monitoring/prometheusRule/slo/slowBurn/0/burnRate"),
        Arguments.of(Map.of("monitoring.prometheusRule.slo.period", "one month"), "/monitoring/prometheusRule/slo/period"),
        Arguments.of(Map.of("resources.requests.cpu", "lots"), "/resources/requests/cpu"),
        Arguments.of(Map.of("webhook.timeoutSeconds", 60), "/webhook/timeoutSeconds"),
        Arguments.of(Map.of("webhook.port", 8090), "/webhook/port"),
        Arguments.of(Map.of("webhook.port", 443), "/webhook/port"),
        Arguments.of(Map.of("webhook.enabeld", false), "enabeld"),
        Arguments.of(Map.of("argocd.healthChecks.enabled", "yes"), "/argocd/healthChecks/enabled"),
        Arguments.of(Map.of("argocd.healthChecks.namespace", "Argo_CD"), "/argocd/healthChecks/namespace"),
        Arguments.of(Map.of("argocd.healthCheck.enabled", true), "healthCheck"));
  }

  @ParameterizedTest(name = "{0} is rejected")
  @MethodSource("badValues")
  void helmTemplateRejectsBadValues(Map<String, Object> values, String reportedPath) {
    String error = TrustFabricChart.renderError(values);

    assertThat(error).contains("values don't meet the specifications of the schema").contains(reportedPath);
  }

  @Test
  void wellTypedValuesOfEveryKindRender() {
    Map<String, Object> values = Map.ofEntries(
        Map.entry("replicas", 3),
        Map.entry("image.pullPolicy", "Always"),
        Map.entry("logFormat", "text"),
        Map.entry("watchNamespaces[0]", "tenants"),
        Map.entry("runAsUser", 1000),
        Map.entry("extraEnv[0].name", "JAVA_TOOL_OPTIONS"),
        Map.entry("extraEnv[0].value", "-XX:MaxRAMPercentage=75"),
        Map.entry("resources.requests.cpu", "250m"),
        Map.entry("monitoring.serviceMonitor.enabled", true),
        Map.entry("monitoring.serviceMonitor.interval", "1m30s"),
        Map.entry("monitoring.prometheusRule.enabled", true),
        Map.entry("monitoring.prometheusRule.reconcileErrorPercent", 20),
        Map.entry("monitoring.prometheusRule.slo.minRequests", 20),
        Map.entry("monitoring.prometheusRule.slo.period", "28d"),
        Map.entry("monitoring.grafanaDashboard.enabled", true),
        Map.entry("monitoring.grafanaDashboard.tenantSlo", false),
        Map.entry("argocd.healthChecks.enabled", true),
        Map.entry("argocd.healthChecks.namespace", "argocd"));

    Deployment deployment = TrustFabricChart.render(values).one(Deployment.class);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(env -> assertThat(env.getName()).isEqualTo("JAVA_TOOL_OPTIONS"));
  }
}
