package io.trustfabric.cli.resource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a resource by kind and name.")
public final class DeleteCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "Kind, e.g. tenant or tn.")
    String kindName;

    @Parameters(index = "1", paramLabel = "NAME", description = "Name of the object.")
    String name;

    @Override
    int run(ResourceStore store, String namespace) {
        ResourceKind kind = store.catalog().require(kindName);
        if (!store.delete(kind, namespace, name)) {
            err().println("Error from server (NotFound): " + kind.qualifiedName() + " \"" + name + "\" not found"
                    + (kind.namespaced() ? " in namespace " + namespace : ""));
            return 1;
        }
        out().println(kind.qualifiedName() + " \"" + name + "\" deleted");
        out().flush();
        return 0;
    }
}
