package io.trustfabric.cli.resource;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to a cluster (or to local mode) through a kubeconfig. */
abstract class ClusterCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try (KubernetesClient client = cluster.connect()) {
            ResourceStore store = new ResourceStore(client, KindCatalog.forCluster(client));
            return run(store, cluster.namespace(client));
        }
    }

    abstract int run(ResourceStore store, String namespace);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
