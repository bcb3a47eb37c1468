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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    Map<String, String> exprByAlert = alertExpressions(single(chart.allOfKind("PrometheusRule")), OPERATOR_GROUP);

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

    GenericKubernetesResource rule = single(chart.allOfKind("PrometheusRule"));
    assertThat(alertExpressions(rule, OPERATOR_GROUP).values())
        .allSatisfy(expr -> assertThat(expr).contains("{job=\"kubernetes-pods\",app=\"trust-fabric\"}")
            .doesNotContain("trust-fabric-metrics"));
    String objective = TrustFabricChart.metricNames().get("sla").get("objective");
    assertThat(ruleExpressions(rule, SLO_GROUP)).filteredOn(expr -> expr.contains(objective)).hasSize(3)
        .allSatisfy(expr -> assertThat(expr).contains(objective + "{job=\"kubernetes-pods\",app=\"trust-fabric\""));
    assertThat(String.join("\n", ruleExpressions(rule, SLO_GROUP))).doesNotContain("trust-fabric-metrics");
    assertThat(dashboardJson(chart, "trust-fabric-dashboard", "trust-fabric.json"))
        .contains("job=\\\"kubernetes-pods\\\"").doesNotContain("trust-fabric-metrics");
    assertThat(dashboardJson(chart, "trust-fabric-slo-dashboard", "trust-fabric-slo.json"))
        .contains("job=\\\"kubernetes-pods\\\"").doesNotContain("trust-fabric-metrics");
  }

  @Test
  void additionalRulesAreAppended() {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.prometheusRule.enabled", true,
        "monitoring.prometheusRule.additionalRules[0].alert", "TenantBudgetNearlySpent",
        "monitoring.prometheusRule.additionalRules[0].expr", "vector(1)"));

    assertThat(alertExpressions(single(chart.allOfKind("PrometheusRule")), OPERATOR_GROUP))
        .containsEntry("TenantBudgetNearlySpent", "vector(1)");
  }

  @Test
  void grafanaDashboardsAreRealDashboardsOverEveryDeclaredMetric() throws Exception {
    RenderedChart chart = TrustFabricChart.render(ALL_MONITORING);
    assertThat(chart.all(ConfigMap.class)).extracting(configMap -> configMap.getMetadata().getName())
        .containsExactlyInAnyOrder("trust-fabric-dashboard", "trust-fabric-slo-dashboard");

    List<String> expressions = new ArrayList<>();
    expressions.addAll(dashboardExpressions(chart, "trust-fabric-dashboard", "trust-fabric.json", "Trust Fabric"));
    expressions.addAll(dashboardExpressions(chart, "trust-fabric-slo-dashboard", "trust-fabric-slo.json",
        "Trust Fabric tenant SLO"));
    List<String> declared = TrustFabricChart.metricNames().values().stream()
        .flatMap(names -> names.values().stream()).toList();
    assertThat(declared).allSatisfy(metric -> assertThat(expressions).anyMatch(expr -> expr.contains(metric)));
  }

  /**
   * Each panel of the tenant SLO dashboard queries only metrics of files/metrics.yaml (with a histogram's _count or
   * _bucket) and series the trust-fabric.slo group records, filtered to the selected tenant.
   */
  @Test
  void tenantSloDashboardQueriesDeclaredMetricsAndRecordedSeriesOfTheSelectedTenant() throws Exception {
    RenderedChart chart = TrustFabricChart.render(ALL_MONITORING);
    Set<String> known = new HashSet<>();
    TrustFabricChart.metricNames().values().forEach(names -> names.values().forEach(metric -> {
      known.add(metric);
      known.add(metric + "_count");
      known.add(metric + "_bucket");
    }));
    known.addAll(recordedSeries(single(chart.allOfKind("PrometheusRule"))));
    JsonNode dashboard = new ObjectMapper().readTree(dashboardJson(chart, "trust-fabric-slo-dashboard",
        "trust-fabric-slo.json"));

    assertThat(dashboard.path("templating").path("list").findValuesAsText("name")).contains("tenant");
    assertThat(dashboard.path("templating").toString()).contains(
        "label_values(" + TrustFabricChart.metricNames().get("worker").get("requestDuration") + "_count, tenant)");
    assertThat(dashboard.path("panels").findValuesAsText("title")).contains("Request rate by outcome",
        "Latency p95 / p99 (ok requests) vs p95 objective", "Error ratio vs objective", "Error budget burn rate",
        "Error budget remaining (30d)", "Privacy budget spent", "Policy denials");
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        assertThat(metricNamesIn(expr)).as("metrics of %s: %s", panel.path("title"), expr).isNotEmpty()
            .allSatisfy(metric -> assertThat(known).as("declared or recorded: %s", metric).contains(metric));
        assertThat(expr).as("%s is about the selected tenant", panel.path("title")).contains("$tenant");
      }
    }
    assertThat(dashboard.toString()).contains(
        "trustfabric:psi_slo_error_budget_burn:rate5m", "trustfabric:psi_slo_error_budget_burn:rate30m",
        "trustfabric:psi_slo_error_budget_burn:rate1h", "trustfabric:psi_slo_error_budget_burn:rate6h",
        "trustfabric:psi_slo_error_budget_burn:rate3d", "outcome=\\\"denied\\\"");
  }

  @Test
  void tenantSloDashboardCanBeLeftOut() {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.grafanaDashboard.enabled", true,
        "monitoring.grafanaDashboard.tenantSlo", false));

    assertThat(chart.one(ConfigMap.class).getMetadata().getName()).isEqualTo("trust-fabric-dashboard");
  }

  @Test
  void dashboardCanBePlacedInGrafanasNamespace() {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.grafanaDashboard.enabled", true,
        "monitoring.grafanaDashboard.namespace", "monitoring"));

    assertThat(chart.all(ConfigMap.class)).hasSize(2)
        .allSatisfy(configMap -> assertThat(configMap.getMetadata().getNamespace()).isEqualTo("monitoring"));
  }

  @Test
  void sloGroupRecordsEveryWindowOfItsAlertsAndGuardsOnMinimumTraffic() {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.prometheusRule.enabled", true,
        "monitoring.prometheusRule.slo.minRequests", 250,
        "monitoring.prometheusRule.slo.fastBurn[0].longWindow", "2h",
        "monitoring.prometheusRule.slo.fastBurn[0].shortWindow", "10m",
        "monitoring.prometheusRule.slo.fastBurn[0].burnRate", 10,
        "monitoring.prometheusRule.slo.fastBurn[0].for", "5m"));
    GenericKubernetesResource rule = single(chart.allOfKind("PrometheusRule"));
    Map<String, String> worker = TrustFabricChart.metricNames().get("worker");

    assertThat(recordedSeries(rule)).containsExactly("trustfabric:tenant_sla_error_budget:ratio",
        "trustfabric:psi_slo_requests:increase10m", "trustfabric:psi_slo_errors:ratio_rate10m",
        "trustfabric:psi_slo_error_budget_burn:rate10m",
        "trustfabric:psi_slo_requests:increase2h", "trustfabric:psi_slo_errors:ratio_rate2h",
        "trustfabric:psi_slo_error_budget_burn:rate2h",
        "trustfabric:psi_slo_requests:increase6h", "trustfabric:psi_slo_errors:ratio_rate6h",
        "trustfabric:psi_slo_error_budget_burn:rate6h",
        "trustfabric:psi_slo_requests:increase3d", "trustfabric:psi_slo_errors:ratio_rate3d",
        "trustfabric:psi_slo_error_budget_burn:rate3d");
    assertThat(ruleExpressions(rule, SLO_GROUP)).anySatisfy(expr -> assertThat(expr)
        .contains(worker.get("requestDuration") + "_count{outcome!=\"client-closed\"}[2h]"));
    assertThat(ruleExpressions(rule, SLO_GROUP)).anySatisfy(expr -> assertThat(expr).contains(
        "outcome=~\"internal|not-ready|overloaded|budget-unavailable|policy-unavailable|allowlist-unavailable\""));
    assertThat(ruleExpressions(rule, SLO_GROUP)).anySatisfy(expr -> assertThat(expr)
        .contains("trustfabric:psi_slo_error_budget_burn:rate2h > 10", "trustfabric:psi_slo_error_budget_burn:rate10m > 10",
            "trustfabric:psi_slo_requests:increase2h >= 250"));
    assertThat(alertExpressions(rule, SLO_GROUP)).containsOnlyKeys("TrustFabricTenantErrorBudgetBurnFast",
        "TrustFabricTenantErrorBudgetBurnSlow", "TrustFabricTenantLatencyHigh", "TrustFabricTenantMetricsAbsent");
  }

  @Test
  void sloGroupCanBeSwitchedOff() {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.prometheusRule.enabled", true,
        "monitoring.prometheusRule.slo.enabled", false));

    assertThat(ruleExpressions(single(chart.allOfKind("PrometheusRule")), SLO_GROUP)).isEmpty();
  }

  private static final String OPERATOR_GROUP = "trust-fabric.operator";
  private static final String SLO_GROUP = "trust-fabric.slo";
  private static final Pattern METRIC = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{|\\[)|(trustfabric:[a-zA-Z0-9_:]+)");

  /** Metric names in a PromQL expression: identifiers followed by a selector or range, and recorded names. */
  private static Set<String> metricNamesIn(String expr) {
    Set<String> names = new HashSet<>();
    Matcher matcher = METRIC.matcher(expr);
    while (matcher.find()) {
      names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(3));
    }
    return names;
  }

  private static List<String> dashboardExpressions(RenderedChart chart, String configMap, String key, String title)
      throws Exception {
    ConfigMap map = chart.named(ConfigMap.class, configMap, TrustFabricChart.NAMESPACE);
    assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(map.getData()).containsOnlyKeys(key);
    JsonNode dashboard = new ObjectMapper().readTree(map.getData().get(key));
    assertThat(dashboard.path("title").asText()).isEqualTo(title);
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
    return expressions;
  }

  private static String dashboardJson(RenderedChart chart, String configMap, String key) {
    return chart.named(ConfigMap.class, configMap, TrustFabricChart.NAMESPACE).getData().get(key);
  }

  /** Alert name to expression (the last rule of a name) of the group. */
  private static Map<String, String> alertExpressions(GenericKubernetesResource rule, String groupName) {
    Map<String, String> exprByAlert = new java.util.LinkedHashMap<>();
    for (Map<String, Object> r : rules(rule, groupName)) {
      if (r.get("alert") != null) {
        exprByAlert.put((String) r.get("alert"), String.valueOf(r.get("expr")).strip());
      }
    }
    return exprByAlert;
  }

  private static List<String> ruleExpressions(GenericKubernetesResource rule, String groupName) {
    return rules(rule, groupName).stream().map(r -> String.valueOf(r.get("expr")).strip()).toList();
  }

  /** The names the PrometheusRule's recording rules record, in order. */
  private static List<String> recordedSeries(GenericKubernetesResource rule) {
    return rules(rule, SLO_GROUP).stream().filter(r -> r.get("record") != null).map(r -> (String) r.get("record"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(GenericKubernetesResource rule, String groupName) {
    List<Map<String, Object>> groups = rule.get("spec", "groups");
    return groups.stream().filter(group -> groupName.equals(group.get("name")))
        .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
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
