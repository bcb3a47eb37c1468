package io.trustfabric.psi.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemFileTest {
    @TempDir
    Path dir;

    @Test
    void linesSkipBlankLines() throws Exception {
        Path file = Files.writeString(dir.resolve("items"), "a\n\n  \nb\r\nc");
        assertThat(ItemFile.readLines(file)).containsExactly("a", "b", "c");
    }

    @Test
    void csvColumnHonoursQuotesAndHeader() throws Exception {
        Path file = Files.writeString(dir.resolve("items.csv"),
                "id,email\n1,alice@example.com\n2,\"bob, jr\"\"@example.com\"\n");
        assertThat(ItemFile.readCsvColumn(file, 1, true)).containsExactly("alice@example.com", "bob, jr\"@example.com");
    }

    @Test
    void missingColumnAndOpenQuoteAreErrors() throws Exception {
        Path file = Files.writeString(dir.resolve("short.csv"), "1\n");
        assertThatThrownBy(() -> ItemFile.readCsvColumn(file, 2, false)).hasMessageContaining("line 1 has 1 columns");
        Path open = Files.writeString(dir.resolve("open.csv"), "\"abc\n");
        assertThatThrownBy(() -> ItemFile.readCsvColumn(open, 0, false)).hasMessageContaining("unterminated");
    }
}
