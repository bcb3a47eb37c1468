package io.trustfabric.psi.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemDetailsTest {
    @Test
    void readsAFlatProblemObject() {
        ProblemDetails problem = ProblemDetails.parse(409, """
                {"type":"https://trustfabric.io/problems/stale-key-epoch","title":"Stale key epoch",
                 "status":409,"detail":"blinded for epoch 1, current is \\"2\\"","currentEpoch":2}""");
        assertThat(problem.type()).isEqualTo("https://trustfabric.io/problems/stale-key-epoch");
        assertThat(problem.detail()).isEqualTo("blinded for epoch 1, current is \"2\"");
        assertThat(problem.members()).containsEntry("currentEpoch", "2");
    }

    @Test
    void keepsNestedMembersAsRawJson() {
        ProblemDetails problem = ProblemDetails.parse(403, """
                {"type":"https://trustfabric.io/problems/policy-denied","status":403,"detail":"denied",
                 "denials":[{"rule":"eu-only","message":"region \\"us-east-1\\" [not] allowed"}],"revision":7}""");
        assertThat(problem.type()).isEqualTo("https://trustfabric.io/problems/policy-denied");
        assertThat(problem.members()).containsEntry("revision", "7")
                .containsEntry("denials", "[{\"rule\":\"eu-only\",\"message\":\"region \\\"us-east-1\\\" [not] allowed\"}]");
    }

    @Test
    void somethingElseBecomesAboutBlank() {
        ProblemDetails problem = ProblemDetails.parse(502, "<html>Bad gateway</html>");
        assertThat(problem.type()).isEqualTo("about:blank");
        assertThat(problem.detail()).isEqualTo("<html>Bad gateway</html>");
        assertThat(problem.status()).isEqualTo(502);
    }
}
