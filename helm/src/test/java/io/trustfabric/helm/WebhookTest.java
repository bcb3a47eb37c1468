package io.trustfabric.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.trustfabric.helm.TrustFabricChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** The validating admission webhook: its configuration, Service, container port, environment and RBAC. */
class WebhookTest {

  @Test
  void policiesFailClosedAndTheOtherKindsFailOpenOnCreateAndUpdate() {
    ValidatingWebhookConfiguration configuration = TrustFabricChart.render().one(ValidatingWebhookConfiguration.class);

    assertThat(configuration.getMetadata().getName()).isEqualTo("trust-fabric");
    Map<String, ValidatingWebhook> webhooks = configuration.getWebhooks().stream()
        .collect(Collectors.toMap(ValidatingWebhook::getName, Function.identity()));
    assertThat(webhooks).containsOnlyKeys("policies.lint.trustfabric.io", "resources.lint.trustfabric.io");
    assertThat(webhooks.get("policies.lint.trustfabric.io").getFailurePolicy()).isEqualTo("Fail");
    assertThat(webhooks.get("policies.lint.trustfabric.io").getRules()).singleElement().satisfies(rule ->
        assertThat(rule.getResources()).containsExactly("trustpolicies", "policymacros"));
    assertThat(webhooks.get("resources.lint.trustfabric.io").getFailurePolicy()).isEqualTo("Ignore");
    assertThat(webhooks.get("resources.lint.trustfabric.io").getRules()).singleElement().satisfies(rule ->
        assertThat(rule.getResources()).containsExactly("tenants", "partnerallowlists", "privacybudgets"));

    assertThat(configuration.getWebhooks()).allSatisfy(webhook -> {
      assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
      assertThat(webhook.getSideEffects()).isEqualTo("None");
      assertThat(webhook.getTimeoutSeconds()).isEqualTo(5);
      assertThat(webhook.getMatchPolicy()).isEqualTo("Equivalent");
      assertThat(webhook.getRules()).singleElement().satisfies(rule -> {
        assertThat(rule.getApiGroups()).containsExactly("trustfabric.io");
        assertThat(rule.getApiVersions()).containsExactly("*");
        assertThat(rule.getOperations()).containsExactly("CREATE", "UPDATE");
        assertThat(rule.getScope()).isEqualTo("*");
      });
      assertThat(webhook.getClientConfig().getService().getName()).isEqualTo("trust-fabric-webhook");
      assertThat(webhook.getClientConfig().getService().getNamespace()).isEqualTo(NAMESPACE);
      assertThat(webhook.getClientConfig().getService().getPath()).isEqualTo("/validate");
      assertThat(webhook.getClientConfig().getService().getPort()).isEqualTo(443);
      assertThat(webhook.getClientConfig().getCaBundle()).as("set by the operator, never by the chart").isNull();
      assertThat(webhook.getClientConfig().getUrl()).isNull();
    });
  }

  @Test
  void nothingIsExcludedButDeletionsMetadataOnlyUpdatesAndTheOperatorsOwnWrites() {
    ValidatingWebhookConfiguration configuration = TrustFabricChart.render().one(ValidatingWebhookConfiguration.class);

    assertThat(configuration.getWebhooks()).allSatisfy(webhook -> {
      assertThat(webhook.getNamespaceSelector()).isNull();
      assertThat(webhook.getObjectSelector()).isNull();
      assertThat(webhook.getMatchConditions()).extracting(c -> c.getName() + ": " + c.getExpression()).containsExactly(
          "not-being-deleted: !has(object.metadata.deletionTimestamp)",
          "spec-changed: request.operation != 'UPDATE' || !has(object.spec) || !has(oldObject.spec)"
              + " || object.spec != oldObject.spec",
          "not-the-operator: request.userInfo.username != 'system:serviceaccount:trust-system:trust-fabric'");
    });
  }

  @Test
  void theOperatorsOwnServiceAccountIsTheOneExcluded() {
    ValidatingWebhookConfiguration configuration = TrustFabricChart.render(Map.of(
        "serviceAccount.create", false, "serviceAccount.name", "platform-operator"))
        .one(ValidatingWebhookConfiguration.class);

    assertThat(configuration.getWebhooks()).allSatisfy(webhook -> assertThat(webhook.getMatchConditions())
        .anySatisfy(c -> assertThat(c.getExpression()).endsWith(":trust-system:platform-operator'")));
  }

  @Test
  void watchNamespacesLimitsLintingToThoseNamespaces() {
    ValidatingWebhookConfiguration configuration = TrustFabricChart.render(Map.of(
        "watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b")).one(ValidatingWebhookConfiguration.class);

    assertThat(configuration.getWebhooks()).allSatisfy(webhook -> assertThat(
        webhook.getNamespaceSelector().getMatchExpressions()).singleElement().satisfies(expression -> {
          assertThat(expression.getKey()).isEqualTo("kubernetes.io/metadata.name");
          assertThat(expression.getOperator()).isEqualTo("In");
          assertThat(expression.getValues()).containsExactly("team-a", "team-b");
        }));
  }

  @Test
  void theServiceReachesTheWebhookPortOfTheOperatorContainer() {
    RenderedChart chart = TrustFabricChart.render();
    Service service = chart.named(Service.class, "trust-fabric-webhook", NAMESPACE);
    Deployment deployment = chart.one(Deployment.class);

    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getPort()).isEqualTo(443);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("webhook");
    });
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(operator(deployment).getPorts()).filteredOn(port -> port.getName().equals("webhook"))
        .singleElement().satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(9443));
    Map<String, EnvVar> env = environment(deployment);
    assertThat(env.get("TF_WEBHOOK_PORT").getValue()).isEqualTo("9443");
    assertThat(env.get("TF_WEBHOOK_CONFIGURATION").getValue()).isEqualTo("trust-fabric");
    assertThat(env.get("TF_WEBHOOK_SERVICE").getValue()).isEqualTo("trust-fabric-webhook");
  }

  @Test
  void valuesReachTheConfigurationAndTheContainer() {
    RenderedChart chart = TrustFabricChart.render(Map.of("webhook.port", 10443, "webhook.timeoutSeconds", 10,
        "fullnameOverride", "tf"));

    assertThat(chart.one(ValidatingWebhookConfiguration.class).getMetadata().getName()).isEqualTo("tf");
    assertThat(chart.one(ValidatingWebhookConfiguration.class).getWebhooks())
        .allSatisfy(webhook -> {
          assertThat(webhook.getTimeoutSeconds()).isEqualTo(10);
          assertThat(webhook.getClientConfig().getService().getName()).isEqualTo("tf-webhook");
        });
    Deployment deployment = chart.one(Deployment.class);
    assertThat(operator(deployment).getPorts()).filteredOn(port -> port.getName().equals("webhook"))
        .singleElement().satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(10443));
    assertThat(environment(deployment).get("TF_WEBHOOK_PORT").getValue()).isEqualTo("10443");
    assertThat(environment(deployment).get("TF_WEBHOOK_CONFIGURATION").getValue()).isEqualTo("tf");
    assertThat(environment(deployment).get("TF_WEBHOOK_SERVICE").getValue()).isEqualTo("tf-webhook");
    assertThat(webhookRules(chart)).singleElement()
        .satisfies(rule -> assertThat(rule.getResourceNames()).containsExactly("tf"));
  }

  @Test
  void theOperatorMayTouchOnlyItsOwnConfigurationAndTlsSecretByName() {
    RenderedChart chart = TrustFabricChart.render();

    assertThat(webhookRules(chart)).singleElement().satisfies(rule -> {
      assertThat(rule.getResourceNames()).containsExactly("trust-fabric");
      assertThat(rule.getVerbs()).containsExactly("get", "list", "watch", "patch");
    });
    Role releaseNamespace = chart.named(Role.class, "trust-fabric-release-namespace", NAMESPACE);
    assertThat(releaseNamespace.getRules()).filteredOn(rule -> rule.getVerbs().contains("update")
            && rule.getResources().contains("secrets"))
        .singleElement().satisfies(rule -> assertThat(rule.getResourceNames())
            .containsExactly("trust-fabric-webhook-tls"));
  }

  @Test
  void turnedOffThereIsNoConfigurationNoServiceNoPortAndNoRights() {
    RenderedChart chart = TrustFabricChart.render(Map.of("webhook.enabled", false));

    assertThat(chart.all(ValidatingWebhookConfiguration.class)).isEmpty();
    assertThat(chart.all(Service.class)).extracting(s -> s.getMetadata().getName())
        .doesNotContain("trust-fabric-webhook");
    Deployment deployment = chart.one(Deployment.class);
    assertThat(operator(deployment).getPorts()).extracting(p -> p.getName()).doesNotContain("webhook");
    assertThat(environment(deployment).get("TF_WEBHOOK_PORT").getValue()).isEqualTo("0");
    assertThat(webhookRules(chart)).isEmpty();
    assertThat(Permission.grantedBy(chart.named(Role.class, "trust-fabric-release-namespace", NAMESPACE).getRules()))
        .noneMatch(p -> p.resource().equals("secrets") && p.verb().equals("update"));
  }

  private static List<PolicyRule> webhookRules(RenderedChart chart) {
    return chart.all(ClusterRole.class).stream()
        .flatMap(role -> role.getRules().stream())
        .filter(rule -> rule.getResources().contains("validatingwebhookconfigurations"))
        .toList();
  }

  private static Container operator(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("operator")).findFirst().orElseThrow();
  }

  private static Map<String, EnvVar> environment(Deployment deployment) {
    return operator(deployment).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
  }
}
