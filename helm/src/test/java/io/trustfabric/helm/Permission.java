package io.trustfabric.helm;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One grant: a verb on a resource (or subresource, "tenants/status") of an API group ("" is the core group), on every
 * object ({@code resourceName} "") or on the one named.
 */
record Permission(String apiGroup, String resource, String verb, String resourceName) {

  Permission(String apiGroup, String resource, String verb) {
    this(apiGroup, resource, verb, "");
  }

  /** Expands RBAC rules into the individual permissions they grant. */
  static Set<Permission> grantedBy(Collection<PolicyRule> rules) {
    Set<Permission> granted = new LinkedHashSet<>();
    for (PolicyRule rule : rules) {
      for (String group : orEmpty(rule.getApiGroups())) {
        for (String resource : orEmpty(rule.getResources())) {
          for (String verb : orEmpty(rule.getVerbs())) {
            List<String> names = orEmpty(rule.getResourceNames());
            if (names.isEmpty()) {
              granted.add(new Permission(group, resource, verb));
            }
            names.forEach(name -> granted.add(new Permission(group, resource, verb, name)));
          }
        }
      }
    }
    return granted;
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }

  @Override
  public String toString() {
    return (apiGroup.isEmpty() ? "core" : apiGroup) + " " + resource + (resourceName.isEmpty() ? "" : "/" + resourceName)
        + " " + verb;
  }
}
