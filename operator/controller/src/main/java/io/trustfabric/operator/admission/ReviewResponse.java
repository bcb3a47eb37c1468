package io.trustfabric.operator.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The webhook's answer: the AdmissionReview {@code response} for the request's uid.
 *
 * @param uid      the request's uid
 * @param allowed  whether the API server may go on
 * @param code     HTTP status code the API server reports for a refusal (422, 500); ignored when allowed
 * @param reason   machine-readable status reason (Invalid, InternalError); ignored when allowed
 * @param message  what the client is told on refusal; ignored when allowed
 * @param warnings shown by kubectl as "Warning: ..." lines, whether allowed or not
 */
public record ReviewResponse(String uid, boolean allowed, int code, String reason, String message,
                             List<String> warnings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ReviewResponse {
        warnings = List.copyOf(warnings);
    }

    public static ReviewResponse allow(String uid, List<String> warnings) {
        return new ReviewResponse(uid, true, 200, null, null, warnings);
    }

    public static ReviewResponse deny(String uid, int code, String reason, String message, List<String> warnings) {
        return new ReviewResponse(uid, false, code, reason, message, warnings);
    }

    /** The AdmissionReview (admission.k8s.io/v1) the API server expects back. */
    public ObjectNode toReview() {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", ReviewRequest.API_VERSION);
        review.put("kind", "AdmissionReview");
        ObjectNode response = review.putObject("response");
        response.put("uid", uid);
        response.put("allowed", allowed);
        if (!allowed) {
            ObjectNode status = response.putObject("status");
            status.put("status", "Failure");
            status.put("code", code);
            status.put("reason", reason);
            status.put("message", message);
        }
        if (!warnings.isEmpty()) {
            warnings.forEach(response.putArray("warnings")::add);
        }
        return review;
    }
}
