package io.trustfabric.operator.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/authoring-policies.md lists every finding code with its severity, so a user can search for any code. */
class FindingCodeDocsTest {

    @Test
    void everyCodeIsDocumentedWithItsSeverity() throws IOException {
        String docs = Files.readString(Path.of("../../docs/authoring-policies.md"));
        for (FindingCode code : FindingCode.values()) {
            assertThat(docs).as(code.code()).contains("| `" + code.code() + "` | " + code.severity().name() + " |");
        }
    }
}
