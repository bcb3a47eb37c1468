package io.trustfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One tfctl command run in this JVM: its exit code and what it printed. */
public record TfctlRun(int exitCode, String out, String err) {

    public static TfctlRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Tfctl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new TfctlRun(code, out.toString(), err.toString());
    }

    /** Runs the command, asserts it succeeded and returns its output. */
    public static String ok(String... args) {
        TfctlRun run = of(args);
        assertThat(run.exitCode()).as("tfctl %s%nout: %s%nerr: %s", String.join(" ", args), run.out(), run.err())
                .isZero();
        return run.out();
    }
}
