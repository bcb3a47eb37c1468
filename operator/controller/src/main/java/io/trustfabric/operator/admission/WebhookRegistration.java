package io.trustfabric.operator.admission;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The ValidatingWebhookConfiguration for a webhook reached by URL, where there is no Service to name: local mode and
 * the tests, where the API server and the operator share a host. Its webhooks are the Helm chart's
 * ({@code helm/trust-fabric/templates/webhook.yaml}; a test keeps the two equal): TrustPolicies and PolicyMacros fail
 * closed, the other trustfabric.io kinds fail open. Unlike the chart's, they do not skip the operator's own writes:
 * local mode's operator acts as the same admin as its user (it registers the webhook after installing the built-in
 * macros, and its finalizer updates leave spec alone).
 */
public final class WebhookRegistration {

    /** Lints TrustPolicies and PolicyMacros; failurePolicy Fail. */
    public static final String POLICIES_WEBHOOK = "policies.lint.trustfabric.io";
    /** Lints Tenants, PartnerAllowlists and PrivacyBudgets; failurePolicy Ignore. */
    public static final String RESOURCES_WEBHOOK = "resources.lint.trustfabric.io";
    public static final List<String> POLICY_RESOURCES = List.of("trustpolicies", "policymacros");
    public static final List<String> OTHER_RESOURCES = List.of("tenants", "partnerallowlists", "privacybudgets");
    public static final int TIMEOUT_SECONDS = 5;
    /**
     * Writes the API server does not send to the webhook, so they pass even while it does not answer: changes to an
     * object being deleted (finalizer removal) and updates that leave spec as it is. As in the chart.
     */
    public static final List<MatchCondition> SKIPS = List.of(
            new MatchCondition("!has(object.metadata.deletionTimestamp)", "not-being-deleted"),
            new MatchCondition("request.operation != 'UPDATE' || !has(object.spec) || !has(oldObject.spec)"
                    + " || object.spec != oldObject.spec", "spec-changed"));

    private WebhookRegistration() {
    }

    /** The configuration calling {@code url} (https://host:port/validate) and trusting the CA bundle (PEM). */
    public static ValidatingWebhookConfiguration forUrl(String name, String url, String caBundlePem) {
        String caBundle = Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.US_ASCII));
        return new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app.kubernetes.io/part-of", "trust-fabric")
                .addToLabels("app.kubernetes.io/component", "admission-webhook")
                .endMetadata()
                .withWebhooks(webhook(POLICIES_WEBHOOK, POLICY_RESOURCES, "Fail", url, caBundle),
                        webhook(RESOURCES_WEBHOOK, OTHER_RESOURCES, "Ignore", url, caBundle))
                .build();
    }

    private static ValidatingWebhook webhook(String name, List<String> resources, String failurePolicy, String url,
                                             String caBundle) {
        return new ValidatingWebhookBuilder()
                .withName(name)
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withFailurePolicy(failurePolicy)
                .withMatchPolicy("Equivalent")
                .withTimeoutSeconds(TIMEOUT_SECONDS)
                .withNewClientConfig().withUrl(url).withCaBundle(caBundle).endClientConfig()
                .withMatchConditions(SKIPS)
                .withRules(new RuleWithOperationsBuilder()
                        .withApiGroups(PolicyAdmission.GROUP)
                        .withApiVersions("*")
                        .withResources(resources)
                        .withOperations("CREATE", "UPDATE")
                        .withScope("*")
                        .build())
                .build();
    }
}
