package io.trustfabric.cli.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.trustfabric.cli.resource.KindCatalog;
import io.trustfabric.cli.resource.ManifestReader;
import io.trustfabric.cli.resource.ResourceKind;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Registers the trustfabric.io CRDs with the local API server: the generated ones packaged in the CLI jar (crds/),
 * and, for any kind the build did not package yet, a schemaless stand-in so the kind is still served.
 */
public final class CrdInstaller {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private CrdInstaller() {
    }

    /** Returns what was registered: CRD name to "generated" or "stand-in". */
    public static Map<String, String> install(KubernetesClient client) {
        Map<String, String> installed = new LinkedHashMap<>();
        for (CustomResourceDefinition crd : packaged()) {
            register(client, crd);
            installed.put(crd.getMetadata().getName(), "generated");
        }
        for (ResourceKind kind : KindCatalog.builtIn().kinds()) {
            String name = kind.plural() + "." + kind.group();
            if (KindCatalog.GROUP.equals(kind.group()) && !installed.containsKey(name)) {
                register(client, standIn(kind));
                installed.put(name, "stand-in");
            }
        }
        return installed;
    }

    /** Creates the CRD, or replaces the one of that name. */
    static void register(KubernetesClient client, CustomResourceDefinition crd) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(c -> c.update());
    }

    /**
     * Waits until a real API server serves each CRD (condition Established; the embedded mock never sets it). A CRD
     * whose names are not accepted fails with the server's reason.
     */
    static void awaitEstablished(KubernetesClient client, Collection<String> names, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String name : names) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                client.apiextensions().v1().customResourceDefinitions().withName(name)
                        .waitUntilCondition(crd -> condition(crd, "Established", "True") != null
                                || condition(crd, "NamesAccepted", "False") != null, left, TimeUnit.MILLISECONDS);
            } catch (KubernetesClientException e) {
                throw new LocalModeException("CRD " + name + " not established after " + timeout.toSeconds() + " s: "
                        + e.getMessage(), e);
            }
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
            CustomResourceDefinitionCondition refused = condition(crd, "NamesAccepted", "False");
            if (refused != null) {
                throw new LocalModeException("CRD " + name + " not served: " + refused.getMessage());
            }
        }
    }

    private static CustomResourceDefinitionCondition condition(CustomResourceDefinition crd, String type, String status) {
        if (crd == null || crd.getStatus() == null || crd.getStatus().getConditions() == null) {
            return null;
        }
        return crd.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus())).findFirst().orElse(null);
    }

    static List<CustomResourceDefinition> packaged() {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        ClasspathFolder.read("crds").forEach((file, bytes) -> {
            if (file.matches(".*\\.ya?ml$")) {
                for (GenericKubernetesResource doc : ManifestReader.read(new ByteArrayInputStream(bytes), "crds/" + file)) {
                    if ("CustomResourceDefinition".equals(doc.getKind())) {
                        crds.add(SERIALIZATION.convertValue(doc, CustomResourceDefinition.class));
                    }
                }
            }
        });
        return crds;
    }

    static CustomResourceDefinition standIn(ResourceKind kind) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(kind.plural() + "." + kind.group()).endMetadata()
                .withNewSpec()
                .withGroup(kind.group())
                .withScope(kind.namespaced() ? "Namespaced" : "Cluster")
                .withNewNames().withKind(kind.kind()).withPlural(kind.plural()).withSingular(kind.singular())
                .withShortNames(kind.shortNames()).endNames()
                .addNewVersion().withName(kind.version()).withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec()
                .build();
    }
}
