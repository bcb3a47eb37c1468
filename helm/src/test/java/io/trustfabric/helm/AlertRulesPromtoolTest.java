package io.trustfabric.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.testsupport.CommandResult;
import io.trustfabric.testsupport.RequiresRealBinaries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's PrometheusRule, as rendered, through the real promtool: {@code promtool check rules} on its rule
 * groups, and {@code promtool test rules} with the unit test files of src/test/resources/promtool
 * (trust-fabric-alerts.test.yaml for the operator group, trust-fabric-slo.test.yaml for the tenant SLO group), which
 * together must make every alert of the chart fire (with its labels and annotations as rendered) and stay silent.
 */
class AlertRulesPromtoolTest {

  static final String UNIT_TESTS = "trust-fabric-alerts.test.yaml";
  /** Every unit test file; all of them name {@link #RULES} in rule_files. */
  static final List<String> ALL_UNIT_TESTS = List.of(UNIT_TESTS, "trust-fabric-slo.test.yaml");
  /** The rule file the unit tests name in rule_files; written next to them. */
  static final String RULES = "trust-fabric-alerts.rules.yaml";

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Map<String, Object> PROMETHEUS_RULE = Map.of("monitoring.prometheusRule.enabled", true);

  @Test
  @RequiresRealBinaries
  void renderedRulesPassPromtoolCheckAndTheUnitTests(ControlPlaneBinaries binaries, @TempDir Path dir) {
    RenderedChart chart = TrustFabricChart.render(PROMETHEUS_RULE);
    Path rules = writeRules(chart, dir);
    List<Path> unitTests = ALL_UNIT_TESTS.stream().map(name -> copyUnitTests(name, dir)).toList();

    assertThat(untestedAlerts(alertNames(chart), readUnitTests(unitTests))).as("alerts without promtool cases")
        .isEmpty();
    CommandResult check = promtool(binaries, "check", "rules", "--lint=all", "--lint-fatal", rules.toString());
    assertThat(check.exitCode()).as("promtool check rules:\n%s\n%s", check.output(), readString(rules)).isZero();
    assertThat(check.output()).contains("SUCCESS: " + ruleCount(chart) + " rules found");
    List<String> testRules = new ArrayList<>(List.of("test", "rules"));
    unitTests.forEach(file -> testRules.add(file.toString()));
    CommandResult test = promtool(binaries, testRules.toArray(String[]::new));
    System.out.println("[helm] promtool " + binaries.promtoolVersion() + " check rules / test rules:\n"
        + check.output() + test.output());
    assertThat(test.exitCode()).as("promtool test rules:\n%s\nrules:\n%s", test.output(), readString(rules)).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  /** The name comparison above fails for an alert the unit tests do not know, e.g. one added through values. */
  @Test
  void anAlertWithoutPromtoolCasesIsReported() {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.prometheusRule.enabled", true,
        "monitoring.prometheusRule.additionalRules[0].alert", "TenantBudgetNearlySpent",
        "monitoring.prometheusRule.additionalRules[0].expr", "vector(1)"));
    Map<String, Object> unitTests = readUnitTests(ALL_UNIT_TESTS.stream().map(AlertRulesPromtoolTest::resource)
        .toList());

    assertThat(untestedAlerts(alertNames(chart), unitTests)).containsExactly(
        "TenantBudgetNearlySpent: no case where it fires", "TenantBudgetNearlySpent: no case where it stays silent");
    assertThat(untestedAlerts(alertNames(TrustFabricChart.render(PROMETHEUS_RULE)), unitTests)).isEmpty();
  }

  /** promtool test rules fails when an expectation differs from what the rules produce (here: a severity). */
  @Test
  @RequiresRealBinaries
  void promtoolFailsOnAWrongExpectation(ControlPlaneBinaries binaries, @TempDir Path dir) throws IOException {
    writeRules(TrustFabricChart.render(PROMETHEUS_RULE), dir);
    Path unitTests = copyUnitTests(UNIT_TESTS, dir);
    String original = Files.readString(unitTests);
    Files.writeString(unitTests, original.replace("severity: critical", "severity: page"));
    assertThat(Files.readString(unitTests)).isNotEqualTo(original);

    CommandResult test = promtool(binaries, "test", "rules", unitTests.toString());

    assertThat(test.exitCode()).as(test.output()).isNotZero();
    assertThat(test.output()).contains("FAILED", "TrustFabricOperatorDown", "severity=\"page\"");
  }

  /** promtool check rules refuses an expression that does not parse (here one added through values). */
  @Test
  @RequiresRealBinaries
  void promtoolCheckRefusesBadPromQl(ControlPlaneBinaries binaries, @TempDir Path dir) {
    RenderedChart chart = TrustFabricChart.render(Map.of("monitoring.prometheusRule.enabled", true,
        "monitoring.prometheusRule.additionalRules[0].alert", "Broken",
        "monitoring.prometheusRule.additionalRules[0].expr", "rate(up[5m)"));

    CommandResult check = promtool(binaries, "check", "rules", writeRules(chart, dir).toString());

    assertThat(check.exitCode()).as(check.output()).isNotZero();
    assertThat(check.output()).contains("FAILED", "\"Broken\": could not parse expression");
  }

  /** The rendered PrometheusRule's spec.groups as a Prometheus rule file. */
  @SuppressWarnings("unchecked")
  static Path writeRules(RenderedChart chart, Path dir) {
    List<GenericKubernetesResource> rules = chart.allOfKind("PrometheusRule");
    assertThat(rules).hasSize(1);
    List<Object> groups = rules.get(0).get("spec", "groups");
    Path file = dir.resolve(RULES);
    try {
      Files.writeString(file, TrustFabricChart.serialization().asYaml(Map.of("groups", groups)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The alert names of the rendered PrometheusRule, in order. */
  @SuppressWarnings("unchecked")
  static Set<String> alertNames(RenderedChart chart) {
    Set<String> names = new LinkedHashSet<>();
    for (GenericKubernetesResource rule : chart.allOfKind("PrometheusRule")) {
      for (Map<String, Object> group : (List<Map<String, Object>>) rule.get("spec", "groups")) {
        for (Map<String, Object> r : (List<Map<String, Object>>) group.get("rules")) {
          if (r.get("alert") != null) {
            names.add((String) r.get("alert"));
          }
        }
      }
    }
    return names;
  }

  /** The number of rules (alerting and recording) of the rendered PrometheusRule, as promtool counts them. */
  @SuppressWarnings("unchecked")
  static int ruleCount(RenderedChart chart) {
    int count = 0;
    for (GenericKubernetesResource rule : chart.allOfKind("PrometheusRule")) {
      for (Map<String, Object> group : (List<Map<String, Object>>) rule.get("spec", "groups")) {
        count += ((List<Object>) group.get("rules")).size();
      }
    }
    return count;
  }

  /**
   * Each alert of the chart that the unit tests do not both fire (an alert_rule_test with exp_alerts) and keep
   * silent (one with empty exp_alerts), as "Name: no case where it fires"; and each alertname of the unit tests
   * the chart does not have, as "Name: tested but not in the chart".
   */
  @SuppressWarnings("unchecked")
  static List<String> untestedAlerts(Set<String> alerts, Map<String, Object> unitTests) {
    Map<String, boolean[]> firesAndSilent = new LinkedHashMap<>();
    for (Map<String, Object> test : (List<Map<String, Object>>) unitTests.getOrDefault("tests", List.of())) {
      for (Map<String, Object> alertTest : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test",
          List.of())) {
        List<Object> expected = (List<Object>) alertTest.get("exp_alerts");
        boolean[] seen = firesAndSilent.computeIfAbsent((String) alertTest.get("alertname"), n -> new boolean[2]);
        seen[expected == null || expected.isEmpty() ? 1 : 0] = true;
      }
    }
    List<String> problems = new ArrayList<>();
    for (String alert : alerts) {
      boolean[] seen = firesAndSilent.getOrDefault(alert, new boolean[2]);
      if (!seen[0]) {
        problems.add(alert + ": no case where it fires");
      }
      if (!seen[1]) {
        problems.add(alert + ": no case where it stays silent");
      }
    }
    firesAndSilent.keySet().stream().filter(name -> !alerts.contains(name))
        .forEach(name -> problems.add(name + ": tested but not in the chart"));
    return problems;
  }

  private static CommandResult promtool(ControlPlaneBinaries binaries, String... arguments) {
    List<String> command = new ArrayList<>(List.of(binaries.promtool().toString()));
    command.addAll(List.of(arguments));
    return CommandResult.run(command, TIMEOUT);
  }

  private static Path copyUnitTests(String name, Path dir) {
    try {
      return Files.copy(resource(name), dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resource(String name) {
    Path file = TrustFabricChart.directory().getParent().resolve("src/test/resources/promtool").resolve(name);
    assertThat(file).isRegularFile();
    return file;
  }

  /** The unit test files as one: their tests lists concatenated. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> readUnitTests(List<Path> files) {
    List<Object> tests = new ArrayList<>();
    for (Path file : files) {
      tests.addAll((List<Object>) TrustFabricChart.readYaml(file).getOrDefault("tests", List.of()));
    }
    return Map.of("tests", tests);
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
