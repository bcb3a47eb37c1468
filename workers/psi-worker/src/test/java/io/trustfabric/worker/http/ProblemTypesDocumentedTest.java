package io.trustfabric.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Partners branch on problem types: every type the worker can send is in the API docs and the OpenAPI file. */
class ProblemTypesDocumentedTest {
    private static final Path DOCS = Path.of("..", "..", "docs");

    @Test
    void everyProblemTypeIsDocumented() throws Exception {
        String guide = Files.readString(DOCS.resolve("worker-api.md"));
        String openApi = Files.readString(DOCS.resolve("worker-api.openapi.yaml"));
        for (ProblemType type : ProblemType.values()) {
            assertThat(guide).as("worker-api.md").contains(type.uri());
            assertThat(openApi).as("worker-api.openapi.yaml").contains(type.uri());
        }
    }
}
