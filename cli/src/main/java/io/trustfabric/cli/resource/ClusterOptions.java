package io.trustfabric.cli.resource;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where to connect: kubeconfig, context and namespace, as kubectl takes them. */
public final class ClusterOptions {

    /** Where `tfctl local` writes its kubeconfig by default; used when no other kubeconfig exists. */
    public static final Path LOCAL_MODE_KUBECONFIG =
            Path.of(System.getProperty("user.home"), ".trustfabric", "local", "kubeconfig");

    /** tfctl's user agent, from which the API server derives the field manager of its writes ("tfctl"). */
    public static final String USER_AGENT = "tfctl/0.1.0";

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config, else the one of tfctl local).")
    File kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use (default: current).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace (default: the context's, else 'default').")
    String namespace;

    public Config config() {
        Config config;
        if (kubeconfig != null) {
            if (!kubeconfig.isFile()) {
                throw new IllegalArgumentException("kubeconfig " + kubeconfig + " does not exist");
            }
            config = Config.fromKubeconfig(context, kubeconfig);
        } else if (noKubeconfigAnywhere() && Files.isRegularFile(LOCAL_MODE_KUBECONFIG)) {
            config = Config.fromKubeconfig(context, LOCAL_MODE_KUBECONFIG.toFile());
        } else {
            config = Config.autoConfigure(context);
        }
        // the API server names a write's field manager after the user agent's product: a TrustPolicy's timeline
        // then says a change was made "by tfctl"
        config.setUserAgent(USER_AGENT);
        if (config.getMasterUrl() != null && config.getMasterUrl().startsWith("http://")) {
            // plain-HTTP servers (local mode) get HTTP/1.1: the JDK client's h2c upgrade can stall against them
            config.setHttp2Disable(true);
        }
        return config;
    }

    private static boolean noKubeconfigAnywhere() {
        String fromEnv = System.getenv("KUBECONFIG");
        return (fromEnv == null || fromEnv.isBlank())
                && !Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"))
                && System.getenv("KUBERNETES_SERVICE_HOST") == null;
    }

    public KubernetesClient connect() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    /** The namespace to use for namespaced objects that do not name one. */
    public String namespace(KubernetesClient client) {
        if (namespace != null) {
            return namespace;
        }
        String fromConfig = client.getConfiguration().getNamespace();
        return fromConfig == null || fromConfig.isBlank() ? "default" : fromConfig;
    }
}
