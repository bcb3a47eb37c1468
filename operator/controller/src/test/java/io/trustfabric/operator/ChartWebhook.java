package io.trustfabric.operator;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.operator.admission.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Helm chart's ValidatingWebhookConfiguration (release trust-fabric), rendered by Helm and registered on the test
 * cluster as a release would install it, except that it calls the operator at {@code https://127.0.0.1:<port>} (the
 * API server runs on the test's host) instead of through the Service. It fails closed for TrustPolicies, so a test
 * that registers it must {@link #remove} it.
 */
public final class ChartWebhook {

    /** The configuration's name, which the chart's RBAC lets the operator watch and patch. */
    public static final String NAME = WebhookSettings.DEFAULT_CONFIGURATION;

    private ChartWebhook() {
    }

    /** The chart's configuration as rendered, with the URL in place of the Service and no caBundle. */
    public static ValidatingWebhookConfiguration forPort(int port) {
        List<?> rendered = ChartRbac.render(Map.of(), Set.of("ValidatingWebhookConfiguration"));
        if (rendered.size() != 1) {
            throw new IllegalStateException("expected one ValidatingWebhookConfiguration in the chart, found "
                    + rendered.size());
        }
        ValidatingWebhookConfiguration configuration = (ValidatingWebhookConfiguration) rendered.get(0);
        for (ValidatingWebhook webhook : configuration.getWebhooks()) {
            webhook.setClientConfig(new WebhookClientConfigBuilder()
                    .withUrl("https://127.0.0.1:" + port + "/validate").build());
        }
        return configuration;
    }

    /** Registers the chart's configuration for the webhook on the port (replacing a leftover one). */
    public static ValidatingWebhookConfiguration register(KubernetesClient admin, int port) {
        remove(admin);
        return admin.admissionRegistration().v1().validatingWebhookConfigurations().resource(forPort(port)).create();
    }

    public static void remove(KubernetesClient admin) {
        admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(NAME).delete();
        OperatorCluster.await().until(() -> admin.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(NAME).get() == null);
    }

    /** Whether every webhook of the registered configuration trusts exactly this CA bundle (PEM). */
    public static boolean hasCaBundle(KubernetesClient admin, String caBundlePem) {
        ValidatingWebhookConfiguration configuration = admin.admissionRegistration().v1()
                .validatingWebhookConfigurations().withName(NAME).get();
        String expected = Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.US_ASCII));
        return configuration != null && configuration.getWebhooks().stream()
                .allMatch(w -> expected.equals(w.getClientConfig().getCaBundle()));
    }
}
