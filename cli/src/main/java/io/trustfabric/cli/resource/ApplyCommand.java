package io.trustfabric.cli.resource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apply", description = {
        "Create or update resources from YAML: a file or a directory of .yaml/.yml/.json files, multi-document YAML.",
        "Prints what happened to each object: created, configured or unchanged."})
public final class ApplyCommand extends ClusterCommand {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
            description = "Manifest file or directory; repeat for several.")
    List<Path> files = new ArrayList<>();

    @Override
    int run(ResourceStore store, String namespace) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        files.forEach(f -> objects.addAll(ManifestReader.read(f)));
        objects.forEach(store::kindOf); // reject unknown kinds before changing anything
        int failures = 0;
        for (GenericKubernetesResource object : ManifestReader.namespacesFirst(objects)) {
            String name = store.kindOf(object).qualifiedName() + "/" + object.getMetadata().getName();
            try {
                out().println(name + " " + store.apply(object, namespace).word());
            } catch (RuntimeException e) {
                failures++;
                err().println("error: " + name + ": " + ApiErrors.describe(e));
            }
        }
        out().flush();
        return failures == 0 ? 0 : 1;
    }
}
