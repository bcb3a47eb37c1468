package io.trustfabric.operator.admission;

import static io.trustfabric.operator.admission.Reviews.policy;
import static io.trustfabric.operator.admission.Reviews.request;
import static io.trustfabric.operator.admission.Reviews.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PolicyAdmissionTest {

    private final PolicyAdmission admission = new PolicyAdmission(Reviews.RULE_NAMES, namespace -> true);

    @Test
    void aCleanPolicyIsAdmittedWithTheRequestsUid() {
        ObjectNode answer = admission.review(request(review("uid-1", "CREATE", policy("p", "cap"), null)))
                .toReview();

        assertThat(answer.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(answer.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(answer.at("/response/uid").asText()).isEqualTo("uid-1");
        assertThat(answer.at("/response/allowed").asBoolean()).isTrue();
        assertThat(answer.at("/response/status").isMissingNode()).isTrue();
        assertThat(answer.at("/response/warnings").isMissingNode()).isTrue();
    }

    @Test
    void anErrorRefusesWith422InvalidListingEveryErrorAndStillReturnsTheWarnings() {
        ObjectNode answer = admission.review(request(review("uid-2", "CREATE",
                policy("acme-policy", "bad-one", "risky-two", "bad-three", "note-four"), null))).toReview();

        JsonNode response = answer.path("response");
        assertThat(response.path("uid").asText()).isEqualTo("uid-2");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/code").asInt()).isEqualTo(422);
        assertThat(response.at("/status/reason").asText()).isEqualTo("Invalid");
        assertThat(response.at("/status/message").asText()).isEqualTo("""
                TrustPolicy team-a/acme-policy has 2 lint errors:
                - spec.rules[0].name: rule bad-one is bad [bad-rule-name] (fix: rename the rule)
                - spec.rules[2].name: rule bad-three is bad [bad-rule-name] (fix: rename the rule)""");
        assertThat(response.path("warnings")).extracting(JsonNode::asText)
                .containsExactly("risky-rule-name: spec.rules[1].name: rule risky-two is risky");
    }

    @Test
    void warningsAreAdmittedAndInfoFindingsStayOut() {
        ReviewResponse response = admission.review(request(review("uid-3", "CREATE",
                policy("p", "risky-a", "note-b"), null)));

        assertThat(response.allowed()).isTrue();
        assertThat(response.warnings()).containsExactly("risky-rule-name: spec.rules[0].name: rule risky-a is risky");
    }

    @Test
    void warningsAreShortenedToOneLineAndCapped() {
        List<PolicyFinding> many = new ArrayList<>();
        IntStream.range(0, 30).forEach(i -> many.add(new PolicyFinding("long", FindingSeverity.warning,
                "spec.rules[" + i + "]", "line one\nline two " + "x".repeat(400), null)));
        PolicyAdmission chatty = new PolicyAdmission((object, stored) -> many, namespace -> true);

        List<String> warnings = chatty.review(request(review("uid-4", "CREATE", policy("p"), null))).warnings();

        assertThat(warnings).hasSize(FindingMessages.MAX_WARNINGS);
        assertThat(warnings.subList(0, 19)).allSatisfy(w -> {
            assertThat(w).hasSizeLessThanOrEqualTo(FindingMessages.MAX_WARNING_LENGTH).doesNotContain("\n")
                    .startsWith("long: spec.rules[").contains("line one line two").endsWith("...");
        });
        assertThat(warnings.get(19)).isEqualTo("... and 11 more lint warnings");
    }

    @Test
    void anUpdateIsLintedWithTheStoredObject() {
        List<JsonNode> storedSeen = new ArrayList<>();
        PolicyAdmission recording = new PolicyAdmission((object, stored) -> {
            storedSeen.add(stored);
            return List.of();
        }, namespace -> true);

        recording.review(request(review("u", "UPDATE", policy("p", "b"), policy("p", "a"))));
        recording.review(request(review("u", "CREATE", policy("p", "a"), null)));

        assertThat(storedSeen).hasSize(2);
        assertThat(storedSeen.get(0).at("/spec/rules/0/name").asText()).isEqualTo("a");
        assertThat(storedSeen.get(1)).isNull();
    }

    @Test
    void deletionsSubresourcesObjectsBeingDeletedAndMetadataOnlyUpdatesAreNeverLinted() {
        AtomicInteger calls = new AtomicInteger();
        PolicyAdmission counting = new PolicyAdmission((object, stored) -> {
            calls.incrementAndGet();
            return Reviews.RULE_NAMES.lint(object, stored);
        }, namespace -> true);
        ObjectNode bad = policy("p", "bad-x");

        assertThat(counting.review(request(review("d", "DELETE", null, bad))).allowed()).isTrue();
        ObjectNode status = review("s", "UPDATE", bad, bad.deepCopy());
        ((ObjectNode) status.path("request")).put("subResource", "status");
        assertThat(counting.review(request(status)).allowed()).isTrue();
        ObjectNode deleting = bad.deepCopy();
        ((ObjectNode) deleting.path("metadata")).put("deletionTimestamp", "2026-12-03T12:00:00Z");
        ObjectNode finalizerRemoved = deleting.deepCopy();
        ((ObjectNode) deleting.path("metadata")).putArray("finalizers").add("trustfabric.io/bundle");
        assertThat(counting.review(request(review("f", "UPDATE", finalizerRemoved, deleting))).allowed()).isTrue();
        ObjectNode labelled = bad.deepCopy();
        ((ObjectNode) labelled.path("metadata")).putObject("labels").put("team", "a");
        assertThat(counting.review(request(review("l", "UPDATE", labelled, bad))).allowed()).isTrue();
        assertThat(calls).hasValue(0);

        assertThat(counting.review(request(review("c", "UPDATE", bad, policy("p", "good")))).allowed()).isFalse();
        assertThat(calls).hasValue(1);
    }

    @Test
    void objectsInNamespacesTheOperatorDoesNotWatchAreLeftAlone() {
        PolicyAdmission scoped = new PolicyAdmission(Reviews.RULE_NAMES, "team-b"::equals);

        assertThat(scoped.review(request(review("n", "CREATE", policy("p", "bad-x"), null))).allowed()).isTrue();
    }

    @Test
    void aFailingLinterRefusesPoliciesWith500AndAdmitsOtherKindsWithAWarning() {
        PolicyAdmission broken = new PolicyAdmission((object, stored) -> {
            throw new IllegalStateException("macro catalog unavailable");
        }, namespace -> true);

        ReviewResponse policy = broken.review(request(review("x", "CREATE", policy("p", "cap"), null)));
        assertThat(policy.allowed()).isFalse();
        assertThat(policy.code()).isEqualTo(500);
        assertThat(policy.reason()).isEqualTo("InternalError");
        assertThat(policy.message()).contains("could not lint TrustPolicy team-a/p")
                .contains("IllegalStateException: macro catalog unavailable").contains("admission request x");

        ObjectNode tenant = Reviews.JSON.createObjectNode().put("apiVersion", "trustfabric.io/v1alpha1")
                .put("kind", "Tenant");
        tenant.putObject("metadata").put("name", "acme").put("namespace", "team-a");
        tenant.putObject("spec");
        ReviewResponse other = broken.review(request(review("y", "CREATE", tenant, null)));
        assertThat(other.allowed()).isTrue();
        assertThat(other.warnings()).singleElement().asString().startsWith("lint-unavailable: Tenant team-a/acme");
    }

    @Test
    void aGeneratedNameIsDescribedByItsPrefix() {
        ObjectNode generated = policy("", "bad-x");
        ((ObjectNode) generated.path("metadata")).remove("name");
        ((ObjectNode) generated.path("metadata")).put("generateName", "acme-");
        ObjectNode review = review("g", "CREATE", generated, null);
        ((ObjectNode) review.path("request")).put("name", "");

        assertThat(admission.review(request(review)).message()).startsWith("TrustPolicy team-a/acme-* has 1 lint error:");
    }

    @Test
    void malformedReviewsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ReviewRequest.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedReviewException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ReviewRequest.parse("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedReviewException.class);
        assertThatThrownBy(() -> ReviewRequest.parse(
                "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{}}"
                        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("admission.k8s.io/v1beta1");
        ObjectNode noUid = review("", "CREATE", policy("p"), null);
        assertThatThrownBy(() -> request(noUid)).hasMessageContaining("no uid");
        ObjectNode noObject = review("u", "CREATE", policy("p"), null);
        ((ObjectNode) noObject.path("request")).remove("object");
        assertThatThrownBy(() -> request(noObject)).hasMessageContaining("CREATE without request.object");
    }
}
