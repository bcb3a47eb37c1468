package io.trustfabric.api.validation.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.validation.cases.InvalidCase;
import io.trustfabric.api.validation.cases.Violation;
import java.util.List;

/**
 * What a refusal of the API server must say for an invalid case: HTTP 422, a message naming each expected field
 * and message, and one status cause per violation (field equal to the path, message containing the case's).
 * A hand-written case allows no other causes; a generated one only asks for its own.
 */
final class ServerRefusal {

    private ServerRefusal() {
    }

    static void assertRefusedAsExpected(KubernetesClientException refusal, InvalidCase invalid) {
        assertThat(refusal.getCode()).as("HTTP status of %s: %s", invalid, refusal.getMessage()).isEqualTo(422);
        String message = refusal.getStatus().getMessage();
        List<StatusCause> causes = refusal.getStatus().getDetails().getCauses();
        List<Violation> expected = invalid.exhaustive() ? invalid.reported() : invalid.expected();
        for (Violation violation : expected) {
            assertThat(message).as("the API server's message").contains(violation.serverField() + ": ")
                    .contains(violation.message());
            assertThat(causes).as("causes of the refusal, one for %s", violation)
                    .anyMatch(cause -> matches(cause, violation));
        }
        if (invalid.exhaustive()) {
            assertThat(causes).as("causes of the refusal (only the expected ones: %s)", expected).hasSameSizeAs(expected)
                    .allSatisfy(cause -> assertThat(expected).as("%s: %s", cause.getField(), cause.getMessage())
                            .anyMatch(violation -> matches(cause, violation)));
        }
    }

    private static boolean matches(StatusCause cause, Violation violation) {
        return violation.serverField().equals(cause.getField()) && cause.getMessage() != null
                && cause.getMessage().contains(violation.message());
    }
}
