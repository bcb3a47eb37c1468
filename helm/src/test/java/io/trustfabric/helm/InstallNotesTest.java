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

  private static String install(boolean namespaced) {
    var install = TrustFabricChart.helm().install()
        .withName(TrustFabricChart.RELEASE)
        .withNamespace(TrustFabricChart.NAMESPACE)
        .clientOnly()
        .dryRun();
    if (namespaced) {
      install.set("watchNamespaces[0]", "team-a").set("watchNamespaces[1]", "team-b");
    }
    Release release = install.call();
    return release.getOutput();
  }
}
