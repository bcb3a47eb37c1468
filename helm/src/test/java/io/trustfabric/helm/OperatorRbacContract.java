package io.trustfabric.helm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * helm/src/test/resources/operator-rbac-contract.yaml: the permissions the operator process needs, by scope.
 */
final class OperatorRbacContract {

  enum Scope {
    /** Namespaced resources, in every namespace the operator watches. */
    WATCHED_NAMESPACES("watched-namespaces"),
    /** Cluster-scoped resources. */
    CLUSTER("cluster"),
    /** Only in the operator's own namespace (leader election). */
    RELEASE_NAMESPACE("release-namespace");

    private final String yamlName;

    Scope(String yamlName) {
      this.yamlName = yamlName;
    }

    static Scope fromYaml(String name) {
      for (Scope scope : values()) {
        if (scope.yamlName.equals(name)) {
          return scope;
        }
      }
      throw new IllegalArgumentException("Unknown scope in RBAC contract: " + name);
    }
  }

  private final String leaseName;
  private final Map<Scope, Set<Permission>> permissions;

  private OperatorRbacContract(String leaseName, Map<Scope, Set<Permission>> permissions) {
    this.leaseName = leaseName;
    this.permissions = permissions;
  }

  @SuppressWarnings("unchecked")
  static OperatorRbacContract load() {
    try (InputStream in = OperatorRbacContract.class.getResourceAsStream("/operator-rbac-contract.yaml")) {
      if (in == null) {
        throw new IllegalStateException("operator-rbac-contract.yaml not on the test class path");
      }
      Map<String, Object> yaml = TrustFabricChart.serialization().unmarshal(in, Map.class);
      Map<Scope, Set<Permission>> byScope = new java.util.EnumMap<>(Scope.class);
      for (Scope scope : Scope.values()) {
        byScope.put(scope, new LinkedHashSet<>());
      }
      for (Map<String, Object> rule : (List<Map<String, Object>>) yaml.get("rules")) {
        Scope scope = Scope.fromYaml((String) rule.get("scope"));
        String group = String.valueOf(rule.get("apiGroup"));
        List<String> names = (List<String>) rule.getOrDefault("resourceNames", List.of());
        for (String resource : (List<String>) rule.get("resources")) {
          for (String verb : (List<String>) rule.get("verbs")) {
            if (names.isEmpty()) {
              byScope.get(scope).add(new Permission(group, resource, verb));
            }
            names.forEach(name -> byScope.get(scope).add(new Permission(group, resource, verb, name)));
          }
        }
      }
      return new OperatorRbacContract((String) yaml.get("leaseName"), byScope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String leaseName() {
    return leaseName;
  }

  Set<Permission> permissions(Scope scope) {
    return Set.copyOf(permissions.get(scope));
  }

  Set<Permission> permissions(Scope first, Scope second) {
    Set<Permission> union = new LinkedHashSet<>(permissions.get(first));
    union.addAll(permissions.get(second));
    return union;
  }

  /** Plural resource names (no subresources) of an API group the contract covers in a scope. */
  Set<String> resources(String apiGroup, Scope scope) {
    Set<String> resources = new LinkedHashSet<>();
    permissions.get(scope).stream()
        .filter(p -> p.apiGroup().equals(apiGroup) && !p.resource().contains("/"))
        .forEach(p -> resources.add(p.resource()));
    return resources;
  }
}
