package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How ExampleReadmesTest reads a README's commands and compares their output with what the README shows. */
class ReadmeCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void readsCommandsContinuationsRepeatsAndShownOutputFromBashBlocksOnly() throws Exception {
        Path readme = Files.writeString(tmp.resolve("README.md"), """
                Text.

                ```bash
                ./tfctl local --examples examples/demo     # starts everything
                ./tfctl psi-ca --endpoint http://127.0.0.1:PORT \\
                    --items examples/demo/items.txt     # run it 5 times
                2
                ./tfctl get privacybudgets -n trust
                NAME   CONSUMED
                ```

                ```
                ./tfctl not-bash
                ```
                """);
        List<ReadmeCommands.Step> steps = ReadmeCommands.of(readme).steps();
        assertThat(steps).extracting(ReadmeCommands.Step::command).containsExactly("local --examples examples/demo",
                "psi-ca --endpoint http://127.0.0.1:PORT --items examples/demo/items.txt", "get privacybudgets -n trust");
        assertThat(steps).extracting(ReadmeCommands.Step::times).containsExactly(1, 5, 1);
        assertThat(steps.get(1).shown()).containsExactly("2");
        assertThat(steps.get(2).shown()).containsExactly("NAME   CONSUMED");
    }

    @Test
    void aShownLineMatchesAWholePrintedLineWithAgesAndATrailingEllipsisLeftOpen() {
        assertThat(ReadmeCommands.shownLineMatches("40", "40\n")).isTrue();
        assertThat(ReadmeCommands.shownLineMatches("40", "400\n")).isFalse();
        assertThat(ReadmeCommands.shownLineMatches("40", "0\n")).isFalse();
        assertThat(ReadmeCommands.shownLineMatches("acme   True   16s   OK", "x\n  acme True 3m OK\n")).isTrue();
        assertThat(ReadmeCommands.shownLineMatches("acme   True   16s   OK", "acme False 3m OK")).isFalse();
        assertThat(ReadmeCommands.shownLineMatches("acme   acme   100000     …", "acme acme 100000 900 True 1s OK"))
                .isTrue();
        assertThat(ReadmeCommands.shownLineMatches("acme   acme   100000     …", "acme acme 1000000 True")).isFalse();
        assertThat(ReadmeCommands.shownLineMatches("...", "anything")).isTrue();
    }
}
