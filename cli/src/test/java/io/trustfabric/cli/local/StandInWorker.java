package io.trustfabric.cli.local;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for the PSI worker process in tests of local mode's process management: listens on TF_HTTP_PORT and
 * answers /readyz 200 only when the config (--config), TF_DATASET_PATH and TF_KEY_SEED_PATH are readable files, i.e.
 * when local mode translated the pod's mounts correctly.
 */
public final class StandInWorker {

    private StandInWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[1]);
        Path dataset = Path.of(System.getenv("TF_DATASET_PATH"));
        Path seed = Path.of(System.getenv("TF_KEY_SEED_PATH"));
        int port = Integer.parseInt(System.getenv("TF_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/readyz", exchange -> {
            boolean ready = Files.isRegularFile(config) && Files.isRegularFile(dataset) && Files.size(seed) >= 32;
            byte[] body = (ready ? "ready " + Files.readAllLines(dataset).size() + " items" : "not ready").getBytes();
            exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
