package io.trustfabric.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to run a worker pod's {@code opa} container as a local process: its mounts written to disk like the worker's,
 * its configuration rewritten for this machine (bearer token files at their local copies, the control API at the
 * in-process operator's URL), and {@code opa run --server} on a loopback port chosen per replica.
 */
final class OpaLaunch {

    /** The name of the sidecar container in the operator's worker pods. */
    static final String CONTAINER = "opa";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTROL_PATH = "/control/v1/";

    private final LocalOpa opa;
    private final Path configFile;
    private final List<String> extraArgs;

    private OpaLaunch(LocalOpa opa, Path configFile, List<String> extraArgs) {
        this.opa = opa;
        this.configFile = configFile;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /**
     * @param controlUrl the operator's control API on this machine (TF_CONTROL_URL), or null to leave the
     *                   configuration's service URLs as rendered
     */
    static OpaLaunch prepare(KubernetesClient client, String namespace, PodSpec pod, Container sidecar, Path dir,
                             LocalOpa opa, String controlUrl) {
        PodFiles files = PodFiles.materialise(client, namespace, pod, sidecar, dir);
        List<String> args = Optional.ofNullable(sidecar.getArgs()).orElse(List.of());
        String containerConfig = args.stream().filter(a -> a.startsWith("--config-file="))
                .map(a -> a.substring("--config-file=".length())).findFirst()
                .orElseThrow(() -> new LocalModeException("the opa container has no --config-file argument"));
        Path mounted = files.translate(containerConfig).filter(Files::isRegularFile).orElseThrow(() ->
                new LocalModeException("OPA configuration " + containerConfig + " is not mounted from a ConfigMap"));
        JsonNode config;
        try {
            config = YAML.readTree(Files.readString(mounted, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LocalModeException("cannot read OPA configuration " + mounted + ": " + e.getMessage(), e);
        }
        if (!(config instanceof ObjectNode root)) {
            throw new LocalModeException("OPA configuration " + mounted + " is not a map");
        }
        rewriteServices(root, files, controlUrl);
        Path local = dir.resolve("opa").resolve("opa.yaml");
        try {
            Files.createDirectories(local.getParent());
            Files.writeString(local, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocalModeException("cannot write OPA configuration " + local + ": " + e.getMessage(), e);
        }
        return new OpaLaunch(opa, local, passedOn(args, files));
    }

    /** Token files at their local copies; service URLs below the local control API. */
    private static void rewriteServices(ObjectNode root, PodFiles files, String controlUrl) {
        if (!(root.get("services") instanceof ObjectNode services)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!(entry.getValue() instanceof ObjectNode service)) {
                continue;
            }
            if (service.path("credentials").path("bearer") instanceof ObjectNode bearer
                    && bearer.hasNonNull("token_path")) {
                String path = bearer.get("token_path").asText();
                Path token = files.translate(path).filter(Files::isRegularFile).orElseThrow(() ->
                        new LocalModeException("OPA service " + entry.getKey() + ": token " + path
                                + " is not mounted from a Secret"));
                bearer.put("token_path", token.toString());
            }
            String url = service.path("url").asText("");
            int control = url.indexOf(CONTROL_PATH);
            if (controlUrl != null && control > 0 && !url.startsWith(controlUrl.replaceAll("/+$", "") + CONTROL_PATH)) {
                service.put("url", controlUrl.replaceAll("/+$", "") + url.substring(control));
            }
        }
    }

    /**
     * The container's arguments that still mean something here: not the ones local mode sets itself (run, --server,
     * the addresses, the config file), with the path of --set-file translated to its local copy.
     */
    private static List<String> passedOn(List<String> args, PodFiles files) {
        List<String> kept = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("run") || arg.equals("--server") || arg.equals("-s") || arg.startsWith("--addr")
                    || arg.startsWith("--diagnostic-addr") || arg.startsWith("--config-file")
                    || arg.equals("--disable-telemetry")) {
                continue;
            }
            if (arg.startsWith("--set-file=") && arg.indexOf('=', "--set-file=".length()) > 0) {
                int eq = arg.indexOf('=', "--set-file=".length());
                String path = arg.substring(eq + 1);
                kept.add(arg.substring(0, eq + 1) + files.translate(path).map(Path::toString).orElse(path));
                continue;
            }
            kept.add(arg);
        }
        return kept;
    }

    /** The command of one replica's OPA on the given loopback port. */
    List<String> command(int port) {
        List<String> command = new ArrayList<>(List.of(opa.binary().toString(), "run", "--server",
                "--addr=127.0.0.1:" + port, "--disable-telemetry", "--config-file=" + configFile));
        command.addAll(extraArgs);
        return command;
    }

    Path configFile() {
        return configFile;
    }

    LocalOpa binary() {
        return opa;
    }
}
