package io.trustfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TfctlTest {

    @Test
    void withoutACommandListsEveryCommandAndPointsAtLocalMode() {
        StringWriter out = new StringWriter();
        CommandLine cl = Tfctl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute()).isZero();
        assertThat(out.toString()).contains("apply", "get", "describe", "delete", "local", "psi-ca", "psi", "lint", "policy")
                .contains("./tfctl local");
    }
}
