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
    void somethingElseBecomesAboutBlank() {
        ProblemDetails problem = ProblemDetails.parse(502, "<html>Bad gateway</html>");
        assertThat(problem.type()).isEqualTo("about:blank");
        assertThat(problem.detail()).isEqualTo("<html>Bad gateway</html>");
        assertThat(problem.status()).isEqualTo(502);
    }
}
