package io.trustfabric.operator.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.util.ArrayList;
import java.util.List;

/**
 * AdmissionReviews as the API server sends them, and the test linter: a TrustPolicy rule named {@code bad-...} is an
 * error, {@code risky-...} a warning, {@code note-...} an info finding; a PolicyMacro whose description starts with
 * {@code bad-} is an error, {@code risky-} a warning.
 */
public final class Reviews {

    static final ObjectMapper JSON = new ObjectMapper();

    private Reviews() {
    }

    /** The test linter. */
    public static final ObjectLinter RULE_NAMES = (object, stored) -> {
        List<PolicyFinding> findings = new ArrayList<>();
        String description = object.path("spec").path("description").asText("");
        if ("PolicyMacro".equals(object.path("kind").asText()) && description.startsWith("bad-")) {
            findings.add(new PolicyFinding("bad-description", FindingSeverity.error, "spec.description",
                    "description " + description + " is bad", "describe the macro"));
        } else if ("PolicyMacro".equals(object.path("kind").asText()) && description.startsWith("risky-")) {
            findings.add(new PolicyFinding("risky-description", FindingSeverity.warning, "spec.description",
                    "description " + description + " is risky", null));
        }
        var rules = object.path("spec").path("rules");
        for (int i = 0; i < rules.size(); i++) {
            String name = rules.get(i).path("name").asText();
            String path = "spec.rules[" + i + "].name";
            if (name.startsWith("bad-")) {
                findings.add(new PolicyFinding("bad-rule-name", FindingSeverity.error, path,
                        "rule " + name + " is bad", "rename the rule"));
            } else if (name.startsWith("risky-")) {
                findings.add(new PolicyFinding("risky-rule-name", FindingSeverity.warning, path,
                        "rule " + name + " is risky", null));
            } else if (name.startsWith("note-")) {
                findings.add(new PolicyFinding("noted", FindingSeverity.info, path, "rule " + name, null));
            }
        }
        return findings;
    };

    static ObjectNode policy(String name, String... ruleNames) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("apiVersion", "trustfabric.io/v1alpha1").put("kind", "TrustPolicy");
        policy.putObject("metadata").put("name", name).put("namespace", "team-a");
        ObjectNode spec = policy.putObject("spec");
        spec.put("tenantRef", "acme");
        for (String rule : ruleNames) {
            spec.withArray("rules").addObject().put("name", rule).put("macro", "set-size-cap@v1");
        }
        return policy;
    }

    static ObjectNode review(String uid, String operation, ObjectNode object, ObjectNode oldObject) {
        String kind = (object != null ? object : oldObject).path("kind").asText();
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", uid);
        request.putObject("kind").put("group", "trustfabric.io").put("version", "v1alpha1").put("kind", kind);
        request.putObject("resource").put("group", "trustfabric.io").put("version", "v1alpha1")
                .put("resource", kind.toLowerCase() + "s");
        ObjectNode named = object != null ? object : oldObject;
        request.put("name", named.path("metadata").path("name").asText());
        if (named.path("metadata").has("namespace")) {
            request.put("namespace", named.path("metadata").path("namespace").asText());
        }
        request.put("operation", operation);
        request.putObject("userInfo").put("username", "alice");
        if (object != null) {
            request.set("object", object);
        }
        if (oldObject != null) {
            request.set("oldObject", oldObject);
        }
        request.put("dryRun", false);
        return review;
    }

    static ReviewRequest request(ObjectNode review) {
        try {
            return ReviewRequest.parse(JSON.writeValueAsBytes(review));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
