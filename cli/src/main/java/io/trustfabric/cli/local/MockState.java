package io.trustfabric.cli.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.trustfabric.cli.resource.KindCatalog;
import io.trustfabric.cli.resource.ResourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded mock's state across restarts: a JSON snapshot in the work folder of the Namespaces, every trustfabric.io
 * kind and the ConfigMaps and Secrets (with their status: budget consumption, receipt chain heads; the receipt signing
 * key is the Secret {@code <tenant>-receipt-key}). Deployments, Services and ServiceAccounts are not kept: the
 * operator recreates them from the Tenant, and local mode starts new worker processes anyway.
 */
final class MockState {

    /** The snapshot's file name in the work folder. */
    static final String FILE = "mock-state.json";
    private static final int VERSION = 1;
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    private MockState() {
    }

    /** What restore did: how many objects it created, or why it started fresh (no file: both empty). */
    record Restored(int objects, String problem) {
        boolean resumed() {
            return problem == null && objects > 0;
        }
    }

    /** The kinds kept, owners first: namespaces, then the Trust Fabric kinds, then ConfigMaps and Secrets. */
    static List<ResourceKind> kinds() {
        List<ResourceKind> kinds = new ArrayList<>();
        kinds.add(core("Namespace", "namespaces", false));
        for (ResourceKind kind : KindCatalog.builtIn().kinds()) {
            if (KindCatalog.GROUP.equals(kind.group())) {
                kinds.add(kind);
            }
        }
        kinds.add(core("ConfigMap", "configmaps", true));
        kinds.add(core("Secret", "secrets", true));
        return kinds;
    }

    private static ResourceKind core(String kind, String plural, boolean namespaced) {
        return new ResourceKind("", "v1", kind, plural, kind.toLowerCase(java.util.Locale.ROOT), List.of(), namespaced,
                List.of());
    }

    /** Writes the snapshot (to a temporary file, then moved over the old one); returns how many objects it holds. */
    static synchronized int save(KubernetesClient client, Path file) throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (ResourceKind kind : kinds()) {
            for (GenericKubernetesResource object : list(client, kind).list().getItems()) {
                if (object.getMetadata().getDeletionTimestamp() != null) {
                    continue; // being deleted: restoring it would bring it back
                }
                objects.add(strip(object, kind));
            }
        }
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("version", VERSION);
        snapshot.put("objects", objects);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return objects.size();
    }

    /**
     * Creates the snapshot's objects in the (empty) mock, owners first, keeping their creation time and status and
     * pointing each ownerReference at the restored owner's new uid. Never throws: a snapshot it cannot read gives a
     * problem and nothing restored.
     */
    static Restored restore(MockApiServer server, Path file) {
        if (!Files.isRegularFile(file)) {
            return new Restored(0, null);
        }
        List<GenericKubernetesResource> objects;
        try {
            Map<String, Object> snapshot = JSON.readValue(file.toFile(), new TypeReference<>() { });
            if (!Integer.valueOf(VERSION).equals(snapshot.get("version")) || !(snapshot.get("objects") instanceof List<?>)) {
                return new Restored(0, "not a version " + VERSION + " snapshot");
            }
            objects = new ArrayList<>();
            for (Object o : (List<?>) snapshot.get("objects")) {
                GenericKubernetesResource object = SERIALIZATION.convertValue(o, GenericKubernetesResource.class);
                if (object.getMetadata() == null || object.getMetadata().getName() == null || object.getKind() == null) {
                    return new Restored(0, "an object without kind or name");
                }
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            return new Restored(0, String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
        }
        Map<String, String> newUids = new HashMap<>();
        int restored = 0;
        server.keepRequestedCreationTimestamps(true);
        try {
            for (ResourceKind kind : kinds()) {
                for (GenericKubernetesResource object : objects) {
                    if (kind.kind().equals(object.getKind()) && kind.apiVersion().equals(object.getApiVersion())) {
                        restoreOne(server.client(), kind, object, newUids);
                        restored++;
                    }
                }
            }
        } catch (RuntimeException e) {
            return new Restored(restored, "stopped after " + restored + " objects: " + e.getMessage());
        } finally {
            server.keepRequestedCreationTimestamps(false);
        }
        return new Restored(restored, null);
    }

    private static void restoreOne(KubernetesClient client, ResourceKind kind, GenericKubernetesResource object,
                                   Map<String, String> newUids) {
        ObjectMeta meta = object.getMetadata();
        String oldUid = meta.getUid();
        String creationTimestamp = meta.getCreationTimestamp();
        Object status = object.getAdditionalProperties().get("status");
        meta.setUid(null);
        if (meta.getOwnerReferences() != null) {
            for (OwnerReference owner : meta.getOwnerReferences()) {
                // an owner not in the snapshot (none today) keeps its old uid: the mock has no garbage collector
                owner.setUid(newUids.getOrDefault(owner.getUid(), owner.getUid()));
            }
        }
        NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
                Resource<GenericKubernetesResource>> op = operation(client, kind, meta);
        GenericKubernetesResource current;
        try {
            current = op.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            current = op.withName(meta.getName()).get(); // already there (e.g. created before the restore): keep it
            newUids.put(oldUid, current.getMetadata().getUid());
            return;
        }
        newUids.put(oldUid, current.getMetadata().getUid());
        // create stamps "now" and drops status; an update (creation time) and a status update put them back
        object.getMetadata().setCreationTimestamp(creationTimestamp);
        object.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        object.getMetadata().setUid(current.getMetadata().getUid());
        current = op.resource(object).update();
        if (status != null) {
            object.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            object.getAdditionalProperties().put("status", status);
            op.resource(object).updateStatus();
        }
    }

    private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> operation(KubernetesClient client, ResourceKind kind, ObjectMeta meta) {
        return kind.namespaced()
                ? client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inNamespace(meta.getNamespace())
                : client.genericKubernetesResources(kind.apiVersion(), kind.kind());
    }

    private static io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable<GenericKubernetesResource,
            GenericKubernetesResourceList, Resource<GenericKubernetesResource>> list(KubernetesClient client,
                                                                                    ResourceKind kind) {
        var op = client.genericKubernetesResources(kind.apiVersion(), kind.kind());
        return kind.namespaced() ? op.inAnyNamespace() : op;
    }

    /** The object as kept: spec, data, status and the metadata that matters; no resourceVersion or managedFields. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> strip(GenericKubernetesResource object, ResourceKind kind) {
        Map<String, Object> map = SERIALIZATION.convertValue(object, Map.class);
        map.put("apiVersion", kind.apiVersion());
        map.put("kind", kind.kind());
        Map<String, Object> meta = (Map<String, Object>) map.get("metadata");
        Map<String, Object> kept = new LinkedHashMap<>();
        // uid only to rewrite ownerReferences at restore (the restored object gets a new one)
        for (String field : List.of("name", "namespace", "uid", "labels", "annotations", "finalizers",
                "ownerReferences", "creationTimestamp")) {
            if (meta.get(field) != null) {
                kept.put(field, meta.get(field));
            }
        }
        map.put("metadata", kept);
        return map;
    }
}
