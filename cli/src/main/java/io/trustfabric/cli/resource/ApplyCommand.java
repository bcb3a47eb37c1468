package io.trustfabric.cli.resource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apply", description = {
        "Create or update resources from YAML: a file or a directory of .yaml/.yml/.json files, multi-document YAML.",
        "Prints what happened to each object: created, configured or unchanged.",
        "trustfabric.io objects are first validated against the CRDs packaged in tfctl; when one is invalid, nothing is"
                + " applied."})
public final class ApplyCommand extends ClusterCommand {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
            description = "Manifest file or directory; repeat for several.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--validate", paramLabel = "MODE", defaultValue = "warn", converter = FieldValidationConverter.class,
            description = {"Client-side validation of trustfabric.io objects against tfctl's CRDs (schema and CEL rules):",
                    "warn (default): refuse invalid objects, leave unknown fields out with a warning;",
                    "strict (or true): refuse unknown fields too; ignore (or false): no client-side validation."})
    FieldValidation validation = FieldValidation.WARN;

    static final class FieldValidationConverter implements picocli.CommandLine.ITypeConverter<FieldValidation> {
        @Override
        public FieldValidation convert(String value) {
            try {
                return FieldValidation.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    int run(ResourceStore store, String namespace) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        files.forEach(f -> objects.addAll(ManifestReader.read(f)));
        objects.forEach(store::kindOf); // reject unknown kinds before changing anything
        List<GenericKubernetesResource> toSend = validated(store, objects);
        if (toSend == null) {
            return 1;
        }
        int failures = 0;
        for (GenericKubernetesResource object : ManifestReader.namespacesFirst(toSend)) {
            String name = nameOf(store, object);
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

    /**
     * The objects as they are to be sent (unknown fields left out under warn), or null when any is refused: then
     * each refusal is printed and nothing is applied.
     */
    private List<GenericKubernetesResource> validated(ResourceStore store, List<GenericKubernetesResource> objects) {
        ClientSideValidation validation = ClientSideValidation.packaged(this.validation);
        List<GenericKubernetesResource> toSend = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (GenericKubernetesResource object : objects) {
            ClientSideValidation.Checked checked = validation.check(object);
            String name = nameOf(store, object);
            checked.warnings().forEach(w -> err().println("Warning: " + w + " (" + name + "; left out)"));
            checked.refusal().ifPresent(r -> refusals.add("error: " + name + ": refused by tfctl's validation: " + r));
            toSend.add(checked.toSend());
        }
        if (refusals.isEmpty()) {
            return toSend;
        }
        refusals.forEach(err()::println);
        err().println("error: nothing applied: " + refusals.size() + " of " + objects.size()
                + " objects failed validation (--validate=false skips tfctl's validation)");
        err().flush();
        return null;
    }

    private static String nameOf(ResourceStore store, GenericKubernetesResource object) {
        return store.kindOf(object).qualifiedName() + "/" + (object.getMetadata() == null ? "" : object.getMetadata().getName());
    }
}
