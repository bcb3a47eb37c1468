package io.trustfabric.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MonitoringTest {

  private static final Map<String, Object> ALL_MONITORING = Map.of(
      "monitoring.serviceMonitor.enabled", true,
      "monitoring.podMonitor.enabled", true,
      "monitoring.prometheusRule.enabled", true,
      "monitoring.grafanaDashboard.enabled", true);

  @Test
  void monitoringObjectsAreOffByDefault() {
    RenderedChart chart = TrustFabricChart.render();

    assertThat(chart.objects()).extracting(HasMetadata::getKind)
        .doesNotContain("ServiceMonitor", "PodMonitor", "PrometheusRule");
    assertThat(chart.all(ConfigMap.class)).isEmpty();
  }

  @Test
  void metricsServiceExposesPort8081AsHttpMetricsAndSelectsTheOperatorPods() {
    RenderedChart chart = TrustFabricChart.render();
    Service service = chart.named(Service.class, "trust-fabric-metrics", TrustFabricChart.NAMESPACE);
    Deployment deployment = chart.one(Deployment.class);

    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http-metrics");
      assertThat(port.getPort()).isEqualTo(8081);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    });
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
  }

  @Test
  void serviceMonitorScrapesTheMetricsService() {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.serviceMonitor.enabled", true,
        "monitoring.serviceMonitor.labels.release", "kube-prometheus-stack"));
    Service service = chart.named(Service.class, "trust-fabric-metrics", TrustFabricChart.NAMESPACE);
    GenericKubernetesResource monitor = single(chart.allOfKind("ServiceMonitor"));

    Map<String, Object> matchLabels = monitor.get("spec", "selector", "matchLabels");
    assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(asStrings(matchLabels));
    assertThat((String) monitor.get("spec", "endpoints", 0, "port")).isEqualTo("http-metrics");
    assertThat((String) monitor.get("spec", "endpoints", 0, "path")).isEqualTo("/metrics");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
  }

  @Test
  void podMonitorFollowsTheWatchedNamespaces() {
    RenderedChart all = TrustFabricChart.render(ALL_MONITORING);
    RenderedChart scoped = TrustFabricChart.render(Map.of("monitoring.podMonitor.enabled", true,
        "watchNamespaces[0]", "tenants-a"));

    assertThat((Boolean) single(all.allOfKind("PodMonitor")).get("spec", "namespaceSelector", "any")).isTrue();
    assertThat((List<Object>) single(scoped.allOfKind("PodMonitor")).get("spec", "namespaceSelector", "matchNames"))
        .containsExactly("tenants-a");
  }

  @Test
  void prometheusRuleAlertsOnOperatorDownErrorsAndLatencyUsingTheDeclaredMetricNames() {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.prometheusRule.enabled", true,
        "monitoring.prometheusRule.reconcileErrorPercent", 10,
        "monitoring.prometheusRule.reconcileLatencyP95Seconds", 7));
    Map<String, String> operatorMetrics = TrustFabricChart.metricNames().get("operator");
    Map<String, String> exprByAlert = alertExpressions(single(chart.allOfKind("PrometheusRule")));

    assertThat(exprByAlert).containsOnlyKeys("TrustFabricOperatorDown", "TrustFabricReconcileErrorsHigh",
        "TrustFabricReconcileSlow");
    assertThat(exprByAlert.get("TrustFabricOperatorDown"))
        .contains("up{job=\"trust-fabric-metrics\",namespace=\"trust-system\"}");
    assertThat(exprByAlert.get("TrustFabricReconcileErrorsHigh"))
        .contains(operatorMetrics.get("reconciliationsFailed"), operatorMetrics.get("reconciliationsStarted"))
        .startsWith("100 *").endsWith("> 10");
    assertThat(exprByAlert.get("TrustFabricReconcileSlow"))
        .contains("histogram_quantile(0.95", operatorMetrics.get("reconciliationDuration") + "_bucket")
        .endsWith("> 7");
  }

  @Test
  void operatorSelectorReplacesTheServiceMonitorLabelsInAlertsAndDashboard() throws Exception {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.prometheusRule.enabled", true,
        "monitoring.grafanaDashboard.enabled", true,
        "monitoring.operatorSelector", "job=\"kubernetes-pods\",app=\"trust-fabric\""));

    assertThat(alertExpressions(single(chart.allOfKind("PrometheusRule"))).values())
        .allSatisfy(expr -> assertThat(expr).contains("{job=\"kubernetes-pods\",app=\"trust-fabric\"}")
            .doesNotContain("trust-fabric-metrics"));
    assertThat(chart.one(ConfigMap.class).getData().get("trust-fabric.json"))
        .contains("job=\\\"kubernetes-pods\\\"").doesNotContain("trust-fabric-metrics");
  }

  @Test
  void additionalRulesAreAppended() {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.prometheusRule.enabled", true,
        "monitoring.prometheusRule.additionalRules[0].alert", "TenantBudgetNearlySpent",
        "monitoring.prometheusRule.additionalRules[0].expr", "vector(1)"));

    assertThat(alertExpressions(single(chart.allOfKind("PrometheusRule"))))
        .containsEntry("TenantBudgetNearlySpent", "vector(1)");
  }

  @Test
  void grafanaDashboardIsARealDashboardOverEveryDeclaredMetric() throws Exception {
    RenderedChart chart = TrustFabricChart.render(ALL_MONITORING);
    ConfigMap configMap = chart.one(ConfigMap.class);

    assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    JsonNode dashboard = new ObjectMapper().readTree(configMap.getData().get("trust-fabric.json"));
    assertThat(dashboard.path("title").asText()).isEqualTo("Trust Fabric");
    assertThat(dashboard.path("uid").asText()).isNotBlank().hasSizeLessThanOrEqualTo(40);

    List<String> expressions = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", panel.path("id")).isTrue();
      assertThat(panel.path("gridPos").fieldNames()).toIterable().containsExactlyInAnyOrder("h", "w", "x", "y");
      if (!panel.path("type").asText().equals("row")) {
        assertThat(panel.path("targets")).as("targets of %s", panel.path("title")).isNotEmpty();
        panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
      }
    }
    assertThat(expressions).allSatisfy(expr -> assertThat(expr).isNotBlank());
    List<String> declared = TrustFabricChart.metricNames().values().stream()
        .flatMap(names -> names.values().stream()).toList();
    assertThat(declared).allSatisfy(metric -> assertThat(expressions).anyMatch(expr -> expr.contains(metric)));
  }

  @Test
  void dashboardCanBePlacedInGrafanasNamespace() {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.grafanaDashboard.enabled", true,
        "monitoring.grafanaDashboard.namespace", "monitoring"));

    assertThat(chart.one(ConfigMap.class).getMetadata().getNamespace()).isEqualTo("monitoring");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> alertExpressions(GenericKubernetesResource rule) {
    List<Map<String, Object>> groups = rule.get("spec", "groups");
    Map<String, String> exprByAlert = new java.util.LinkedHashMap<>();
    for (Map<String, Object> group : groups) {
      for (Map<String, Object> r : (List<Map<String, Object>>) group.get("rules")) {
        exprByAlert.put((String) r.get("alert"), String.valueOf(r.get("expr")).strip());
      }
    }
    return exprByAlert;
  }

  private static GenericKubernetesResource single(List<GenericKubernetesResource> resources) {
    assertThat(resources).hasSize(1);
    return resources.get(0);
  }

  private static Map<String, String> asStrings(Map<String, Object> map) {
    Map<String, String> strings = new java.util.HashMap<>();
    map.forEach((k, v) -> strings.put(k, String.valueOf(v)));
    return strings;
  }
}
