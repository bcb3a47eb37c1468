package io.trustfabric.helm;

import com.marcnuri.helm.Release;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** NOTES.txt, as `helm install` prints it (client-only dry run: no cluster needed). */
class InstallNotesTest {

  @Test
  void notesSayHowToCheckTheOperatorAndApplyAnExample() {
    String notes = install(false);

    assertThat(notes)
        .contains("kubectl -n trust-system rollout status deployment/trust-fabric")
        .contains("kubectl apply -f examples/quickstart/")
        .contains("kubectl get tenants -A")
        .contains("port-forward service/trust-fabric-metrics 8081:8081")
        .contains("It watches all namespaces.")
        .contains("Helm never upgrades the CRDs");
  }

  @Test
  void notesNameTheWatchedNamespaces() {
    assertThat(install(true)).contains("It watches only these namespaces: team-a, team-b.");
  }

  @Test
  void notesSayHowToMergeTheArgoCdHealthChecksIntoArgocdCm() {
    assertThat(install(false)).doesNotContain("argocd");
    assertThat(install(false, "argocd.healthChecks.enabled", true, "argocd.healthChecks.namespace", "gitops"))
        .contains("kubectl -n gitops patch configmap argocd-cm --type merge")
        .contains("$(kubectl -n gitops get configmap trust-fabric-argocd-health -o jsonpath='{.data}')")
        .contains("docs/gitops.md");
    assertThat(install(false, "argocd.healthChecks.enabled", true))
        .contains("kubectl -n argocd patch configmap argocd-cm")
        .contains("kubectl -n trust-system get configmap trust-fabric-argocd-health");
  }

  /** @param values pairs of --set key and value */
  private static String install(boolean namespaced, Object... values) {
    var install = TrustFabricChart.helm().install()
        .withName(TrustFabricChart.RELEASE)
        .withNamespace(TrustFabricChart.NAMESPACE)
        .clientOnly()
        .dryRun();
    if (namespaced) {
      install.set("watchNamespaces[0]", "team-a").set("watchNamespaces[1]", "team-b");
    }
    for (int i = 0; i < values.length; i += 2) {
      install.set((String) values[i], values[i + 1]);
    }
    Release release = install.call();
    return release.getOutput();
  }
}
