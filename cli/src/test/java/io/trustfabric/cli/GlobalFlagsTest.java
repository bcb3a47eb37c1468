package io.trustfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobalFlagsTest {

    @Test
    void movesConnectionFlagsBehindTheSubcommand() {
        assertThat(GlobalFlags.hoist(new String[] {"--kubeconfig", "k", "-n", "trust", "get", "tenants"}))
                .containsExactly("get", "--kubeconfig", "k", "-n", "trust", "tenants");
        assertThat(GlobalFlags.hoist(new String[] {"--context=c", "-A", "get", "tn"}))
                .containsExactly("get", "--context=c", "-A", "tn");
    }

    @Test
    void leavesOtherCommandLinesAlone() {
        assertThat(GlobalFlags.hoist(new String[] {"get", "tenants", "-n", "x"})).containsExactly("get", "tenants", "-n", "x");
        assertThat(GlobalFlags.hoist(new String[] {"--kubeconfig", "k"})).containsExactly("--kubeconfig", "k");
        assertThat(GlobalFlags.hoist(new String[] {"--help"})).containsExactly("--help");
    }
}
