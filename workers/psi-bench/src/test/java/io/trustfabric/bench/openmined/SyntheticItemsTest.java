package io.trustfabric.bench.openmined;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticItemsTest {

    @Test
    void halfOfTheClientItemsAreServerItems() {
        Set<String> server = new HashSet<>(SyntheticItems.server(1_000));
        List<String> client = SyntheticItems.client(1_000, 33);

        assertThat(server).hasSize(1_000).contains("user-0@example.com", "user-999@example.com");
        assertThat(client).hasSize(33).doesNotHaveDuplicates();
        assertThat(client.stream().filter(server::contains).count()).isEqualTo(16);
        assertThat(SyntheticItems.expectedIntersection(33)).isEqualTo(16);
    }
}
