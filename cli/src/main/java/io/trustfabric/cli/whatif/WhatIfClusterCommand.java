package io.trustfabric.cli.whatif;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.cli.resource.ClusterOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A whatif command: connects like kubectl (kubeconfig, context, namespace) and reads one WhatIfScenario. */
abstract class WhatIfClusterCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The WhatIfScenario.")
    String name;

    @Override
    public final Integer call() {
        try (KubernetesClient client = cluster.connect()) {
            String namespace = cluster.namespace(client);
            WhatIfScenario scenario = client.resources(WhatIfScenario.class).inNamespace(namespace).withName(name).get();
            if (scenario == null) {
                err().println("Error from server (NotFound): whatifscenarios.trustfabric.io \"" + name
                        + "\" not found in namespace " + namespace);
                err().flush();
                return 1;
            }
            return run(client, scenario);
        }
    }

    abstract int run(KubernetesClient client, WhatIfScenario scenario);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
