package io.trustfabric.bench.openmined;

import java.util.ArrayList;
import java.util.List;

/**
 * The item sets of the comparison, the same strings bench-psijs.js builds: the server holds
 * user-0@example.com .. user-(n-1)@example.com; a client request of c items holds the server's last c/2 items
 * and c - c/2 items the server does not have, so the true intersection size is c/2 (rounded down).
 */
final class SyntheticItems {
    private SyntheticItems() {
    }

    static List<String> server(int serverSize) {
        return range(0, serverSize);
    }

    static List<String> client(int serverSize, int clientSize) {
        int first = serverSize - expectedIntersection(clientSize);
        return range(first, first + clientSize);
    }

    static int expectedIntersection(int clientSize) {
        return clientSize / 2;
    }

    private static List<String> range(int from, int to) {
        List<String> items = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            items.add("user-" + i + "@example.com");
        }
        return items;
    }
}
