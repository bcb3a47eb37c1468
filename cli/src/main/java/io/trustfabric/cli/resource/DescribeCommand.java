package io.trustfabric.cli.resource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "describe", description = "Show one resource: spec, status, every condition (reason, message, age) and its Events.")
public final class DescribeCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "Kind, e.g. tenant or tn.")
    String kindName;

    @Parameters(index = "1", paramLabel = "NAME", description = "Name of the object.")
    String name;

    @Override
    int run(ResourceStore store, String namespace) {
        ResourceKind kind = store.catalog().require(kindName);
        GenericKubernetesResource object = store.get(kind, namespace, name);
        if (object == null) {
            err().println("Error from server (NotFound): " + kind.qualifiedName() + " \"" + name + "\" not found"
                    + (kind.namespaced() ? " in namespace " + namespace : ""));
            return 1;
        }
        out().print(new ResourceView(Instant.now()).describe(kind, object, store.eventsFor(object)));
        out().flush();
        return 0;
    }
}
