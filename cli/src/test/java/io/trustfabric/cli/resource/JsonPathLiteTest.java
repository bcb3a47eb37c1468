package io.trustfabric.cli.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPathLiteTest {

    private final Map<String, Object> tenant = Map.of(
            "metadata", Map.of("name", "acme"),
            "status", Map.of(
                    "workers", Map.of("desired", 2, "ready", 1),
                    "conditions", List.of(
                            Map.of("type", "Ready", "status", "False"),
                            Map.of("type", "WorkersAvailable", "status", "True"))));

    @Test
    void followsFieldsIndexesAndFilters() {
        assertThat(JsonPathLite.render(tenant, ".metadata.name")).isEqualTo("acme");
        assertThat(JsonPathLite.render(tenant, ".status.conditions[?(@.type==\"Ready\")].status")).isEqualTo("False");
        assertThat(JsonPathLite.render(tenant, ".status.conditions[1].type")).isEqualTo("WorkersAvailable");
        assertThat(JsonPathLite.render(tenant, ".status.conditions[-1].type")).isEqualTo("WorkersAvailable");
        assertThat(JsonPathLite.render(tenant, ".status.conditions[*].type")).isEqualTo("Ready,WorkersAvailable");
        assertThat(JsonPathLite.render(tenant, "$.status.conditions[?(@.type=='Nope')].status")).isEmpty();
        assertThat(JsonPathLite.render(tenant, ".status.missing.deeper")).isEmpty();
    }

    @Test
    void fillsTemplates() {
        assertThat(JsonPathLite.render(tenant, "{.status.workers.ready}/{.status.workers.desired}")).isEqualTo("1/2");
        assertThat(JsonPathLite.render(Map.of(), "{.status.workers.ready}/{.status.workers.desired}")).isEmpty();
    }

    @Test
    void rejectsUnclosedBrackets() {
        assertThatThrownBy(() -> JsonPathLite.render(tenant, ".status.conditions[0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed");
    }
}
