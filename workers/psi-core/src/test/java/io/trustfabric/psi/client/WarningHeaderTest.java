package io.trustfabric.psi.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarningHeaderTest {

    @Test
    void readsTheQuotedTextOfAWarningHeader() {
        assertThat(PsiClient.warningText("299 trust-fabric \"dpa: partner hooli lacks the contract flag signed-dpa\""))
                .isEqualTo("dpa: partner hooli lacks the contract flag signed-dpa");
        assertThat(PsiClient.warningText("299 trust-fabric \"a \\\"quoted\\\" word and a \\\\ backslash\""))
                .isEqualTo("a \"quoted\" word and a \\ backslash");
    }

    @Test
    void keepsAnyOtherFormWhole() {
        assertThat(PsiClient.warningText("something else entirely")).isEqualTo("something else entirely");
    }
}
