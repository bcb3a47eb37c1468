package io.trustfabric.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The {@code request} of an {@code admission.k8s.io/v1} AdmissionReview, read with Jackson straight from the body
 * (the objects stay JSON trees, exactly as the API server sent them, for the linter).
 *
 * @param uid         echoed in the response
 * @param group       API group of the object's kind ("" for the core group)
 * @param kind        the object's kind, e.g. TrustPolicy
 * @param subResource e.g. "status"; "" for the object itself
 * @param operation   CREATE, UPDATE, DELETE or CONNECT
 * @param namespace   "" for cluster-scoped objects
 * @param name        "" when the API server does not know it yet (generateName)
 * @param object      the object as it would be stored; null for DELETE
 * @param oldObject   the stored object on UPDATE (and DELETE); null otherwise
 */
public record ReviewRequest(String uid, String group, String kind, String subResource, String operation,
                            String namespace, String name, JsonNode object, JsonNode oldObject) {

    public static final String API_VERSION = "admission.k8s.io/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws MalformedReviewException unless the body is an admission.k8s.io/v1 AdmissionReview with a request uid
     *                                  and operation, and an object for CREATE and UPDATE
     */
    public static ReviewRequest parse(byte[] body) {
        JsonNode review;
        try {
            review = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedReviewException("the body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedReviewException("the body cannot be read: " + e.getMessage(), e);
        }
        if (review == null || !review.isObject()) {
            throw new MalformedReviewException("the body is not a JSON object");
        }
        if (!"AdmissionReview".equals(review.path("kind").asText())
                || !API_VERSION.equals(review.path("apiVersion").asText())) {
            throw new MalformedReviewException("expected an AdmissionReview of " + API_VERSION + ", got kind '"
                    + review.path("kind").asText() + "' of '" + review.path("apiVersion").asText() + "'");
        }
        JsonNode request = review.path("request");
        if (!request.isObject()) {
            throw new MalformedReviewException("the AdmissionReview has no request");
        }
        String uid = request.path("uid").asText("");
        if (uid.isEmpty()) {
            throw new MalformedReviewException("the AdmissionReview's request has no uid");
        }
        String operation = request.path("operation").asText("");
        if (!operation.matches("CREATE|UPDATE|DELETE|CONNECT")) {
            throw new MalformedReviewException("unknown operation '" + operation + "'");
        }
        JsonNode object = objectOrNull(request.path("object"));
        if (object == null && (operation.equals("CREATE") || operation.equals("UPDATE"))) {
            throw new MalformedReviewException(operation + " without request.object");
        }
        return new ReviewRequest(uid, request.path("kind").path("group").asText(""),
                request.path("kind").path("kind").asText(""), request.path("subResource").asText(""), operation,
                request.path("namespace").asText(""), request.path("name").asText(""), object,
                objectOrNull(request.path("oldObject")));
    }

    private static JsonNode objectOrNull(JsonNode node) {
        return node.isObject() ? node : null;
    }

    /**
     * "TrustPolicy team-a/acme" (or "PolicyMacro residency-v1", or "TrustPolicy team-a/acme-*" for a name still to be
     * generated), for messages and logs.
     */
    public String describe() {
        String objectName = name;
        if (objectName.isEmpty() && object != null) {
            JsonNode metadata = object.path("metadata");
            objectName = metadata.path("name").asText("");
            if (objectName.isEmpty() && !metadata.path("generateName").asText("").isEmpty()) {
                objectName = metadata.path("generateName").asText() + "*";
            }
        }
        if (objectName.isEmpty()) {
            return namespace.isEmpty() ? kind : kind + " in namespace " + namespace;
        }
        return kind + " " + (namespace.isEmpty() ? objectName : namespace + "/" + objectName);
    }
}
