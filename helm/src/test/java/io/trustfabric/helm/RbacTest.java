package io.trustfabric.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.trustfabric.helm.OperatorRbacContract.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.trustfabric.helm.TrustFabricChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

class RbacTest {

  private static final OperatorRbacContract CONTRACT = OperatorRbacContract.load();
  private static final String LEADER_ELECTION_ROLE = "trust-fabric-release-namespace";

  @Test
  void clusterRoleGrantsExactlyTheContractWhenWatchingAllNamespaces() {
    RenderedChart chart = TrustFabricChart.render();

    ClusterRole clusterRole = chart.one(ClusterRole.class);

    assertThat(Permission.grantedBy(clusterRole.getRules()))
        .containsExactlyInAnyOrderElementsOf(CONTRACT.permissions(Scope.WATCHED_NAMESPACES, Scope.CLUSTER));
    assertThat(chart.all(Role.class)).extracting(role -> role.getMetadata().getName())
        .containsExactly(LEADER_ELECTION_ROLE);
  }

  @Test
  void leaderElectionLeasesAreGrantedOnlyInTheReleaseNamespace() {
    RenderedChart chart = TrustFabricChart.render();

    Role role = chart.named(Role.class, LEADER_ELECTION_ROLE, NAMESPACE);
    RoleBinding binding = chart.named(RoleBinding.class, LEADER_ELECTION_ROLE, NAMESPACE);

    assertThat(Permission.grantedBy(role.getRules()))
        .containsExactlyInAnyOrderElementsOf(CONTRACT.permissions(Scope.RELEASE_NAMESPACE));
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo(LEADER_ELECTION_ROLE);
    assertBindsOperatorServiceAccount(chart, binding.getSubjects());
    assertThat(Permission.grantedBy(chart.one(ClusterRole.class).getRules()))
        .noneMatch(p -> p.resource().equals("leases"));
  }

  @Test
  void watchNamespacesGetsOneRolePerNamespaceAndAClusterRoleOnlyForClusterScopedRules() {
    RenderedChart chart = TrustFabricChart.render(Map.of(
        "watchNamespaces[0]", "tenants-a", "watchNamespaces[1]", "tenants-b"));

    for (String namespace : List.of("tenants-a", "tenants-b")) {
      Role role = chart.named(Role.class, "trust-fabric", namespace);
      RoleBinding binding = chart.named(RoleBinding.class, "trust-fabric", namespace);
      assertThat(Permission.grantedBy(role.getRules()))
          .as("Role in %s", namespace)
          .containsExactlyInAnyOrderElementsOf(CONTRACT.permissions(Scope.WATCHED_NAMESPACES));
      assertThat(binding.getRoleRef().getName()).isEqualTo("trust-fabric");
      assertBindsOperatorServiceAccount(chart, binding.getSubjects());
    }
    if (CONTRACT.permissions(Scope.CLUSTER).isEmpty()) {
      assertThat(chart.all(ClusterRole.class)).as("no cluster-scoped rules, no ClusterRole").isEmpty();
      assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
    } else {
      assertThat(Permission.grantedBy(chart.one(ClusterRole.class).getRules()))
          .containsExactlyInAnyOrderElementsOf(CONTRACT.permissions(Scope.CLUSTER));
    }
    assertThat(chart.all(Role.class)).hasSize(3);
  }

  @Test
  void clusterRoleBindingBindsTheClusterRoleToTheOperatorServiceAccount() {
    RenderedChart chart = TrustFabricChart.render();

    ClusterRoleBinding binding = chart.one(ClusterRoleBinding.class);

    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo(chart.one(ClusterRole.class).getMetadata().getName());
    assertBindsOperatorServiceAccount(chart, binding.getSubjects());
  }

  @Test
  void noRuleUsesWildcardsOrNonResourceUrlsAndOnlyTheWebhookRulesNameObjects() {
    for (RenderedChart chart : List.of(TrustFabricChart.render(),
        TrustFabricChart.render(Map.of("watchNamespaces[0]", "tenants-a")))) {
      List<PolicyRule> rules = Stream.concat(
              chart.all(ClusterRole.class).stream().flatMap(r -> r.getRules().stream()),
              chart.all(Role.class).stream().flatMap(r -> r.getRules().stream()))
          .toList();

      assertThat(rules).isNotEmpty().allSatisfy(rule -> {
        assertThat(rule.getApiGroups()).doesNotContain("*");
        assertThat(rule.getResources()).noneMatch(r -> r.contains("*"));
        assertThat(rule.getVerbs()).doesNotContain("*");
        assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()) {
          assertThat(rule.getResources()).as("rules restricted by name")
              .containsAnyOf("validatingwebhookconfigurations", "secrets").hasSize(1);
        }
      });
      assertThat(chart.all(ClusterRole.class)).allSatisfy(r -> assertThat(r.getAggregationRule()).isNull());
    }
  }

  @Test
  void secretsCanBeCreatedButNeverUpdatedOrDeleted() {
    ClusterRole clusterRole = TrustFabricChart.render().one(ClusterRole.class);

    assertThat(Permission.grantedBy(clusterRole.getRules()))
        .filteredOn(p -> p.apiGroup().isEmpty() && p.resource().equals("secrets"))
        .extracting(Permission::verb)
        .containsExactlyInAnyOrder("get", "list", "watch", "create");
  }

  @Test
  void rbacCanBeLeftToTheClusterAdmin() {
    RenderedChart chart = TrustFabricChart.render(Map.of("rbac.create", false));

    assertThat(chart.objects()).extracting(HasMetadata::getKind)
        .doesNotContain("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
  }

  @Test
  void leasesAreNotGrantedWhenLeaderElectionIsOff() {
    RenderedChart chart = TrustFabricChart.render(Map.of("leaderElection.enabled", false));

    Role role = chart.named(Role.class, LEADER_ELECTION_ROLE, NAMESPACE);
    assertThat(Permission.grantedBy(role.getRules())).extracting(Permission::resource).containsOnly("secrets");
  }

  private static void assertBindsOperatorServiceAccount(RenderedChart chart, List<Subject> subjects) {
    ServiceAccount serviceAccount = chart.one(ServiceAccount.class);
    assertThat(subjects).singleElement().satisfies(subject -> {
      assertThat(subject.getKind()).isEqualTo("ServiceAccount");
      assertThat(subject.getName()).isEqualTo(serviceAccount.getMetadata().getName());
      assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
    });
  }
}
