package io.trustfabric.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.trustfabric.operator.ChartWebhook;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local mode's ValidatingWebhookConfiguration and the Helm chart's lint the same objects in the same way. */
class WebhookRegistrationTest {

    @Test
    void localModeRegistersTheChartsWebhooksByUrl() {
        ValidatingWebhookConfiguration chart = ChartWebhook.forPort(9443);
        ValidatingWebhookConfiguration local = WebhookRegistration.forUrl("trust-fabric-local",
                "https://127.0.0.1:9443/validate", "-----BEGIN CERTIFICATE-----\n...");

        assertThat(local.getWebhooks()).hasSameSizeAs(chart.getWebhooks());
        for (int i = 0; i < chart.getWebhooks().size(); i++) {
            ValidatingWebhook expected = chart.getWebhooks().get(i);
            ValidatingWebhook actual = local.getWebhooks().get(i);
            assertThat(actual.getName()).isEqualTo(expected.getName());
            assertThat(actual.getFailurePolicy()).isEqualTo(expected.getFailurePolicy());
            assertThat(actual.getRules()).isEqualTo(expected.getRules());
            assertThat(actual.getSideEffects()).isEqualTo(expected.getSideEffects());
            assertThat(actual.getAdmissionReviewVersions()).isEqualTo(expected.getAdmissionReviewVersions());
            assertThat(actual.getMatchPolicy()).isEqualTo(expected.getMatchPolicy());
            assertThat(actual.getTimeoutSeconds()).isEqualTo(expected.getTimeoutSeconds());
            assertThat(actual.getNamespaceSelector()).isEqualTo(expected.getNamespaceSelector());
            assertThat(actual.getObjectSelector()).isEqualTo(expected.getObjectSelector());
            assertThat(actual.getMatchConditions()).as("the chart's, but for skipping the operator's service account")
                    .isEqualTo(expected.getMatchConditions().stream()
                            .filter(c -> !c.getName().equals("not-the-operator")).toList());
            assertThat(actual.getClientConfig().getUrl()).isEqualTo("https://127.0.0.1:9443/validate");
            assertThat(actual.getClientConfig().getCaBundle()).isNotEmpty();
        }
        assertThat(chart.getWebhooks()).extracting(ValidatingWebhook::getName)
                .isEqualTo(List.of(WebhookRegistration.POLICIES_WEBHOOK, WebhookRegistration.RESOURCES_WEBHOOK));
    }
}
