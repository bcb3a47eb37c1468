package io.trustfabric.cli.local;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a kubelet would mount into a pod, done on the local disk: each ConfigMap and Secret volume of the pod template
 * is written to a folder, and paths inside the container (e.g. /etc/trustfabric/worker.json) translate to those files.
 */
final class PodFiles {

    /** The placeholder that WorkerLaunch replaces with the replica's pod name in environment values. */
    static final String POD_NAME = "$(POD_NAME)";

    private final Path root;
    private final Map<String, Path> mounts = new HashMap<>();
    private final List<Path> emptyDirs = new ArrayList<>();

    private PodFiles(Path root) {
        this.root = root;
    }

    /** Writes every ConfigMap/Secret volume that the container mounts; fails if a referenced object is missing. */
    static PodFiles materialise(KubernetesClient client, String namespace, PodSpec pod, Container container, Path root) {
        PodFiles files = new PodFiles(root);
        for (VolumeMount mount : Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new LocalModeException("volume " + mount.getName() + " is mounted but not defined"));
            if (volume.getEmptyDir() != null) {
                files.mounts.put(trimSlash(mount.getMountPath()), files.emptyDir(volume.getName()));
                continue;
            }
            Map<String, byte[]> content = volumeContent(client, namespace, volume);
            if (content == null) {
                continue; // other kinds: nothing to write, the path simply stays unmapped
            }
            Path dir = files.writeVolume(volume.getName(), content);
            Path local = mount.getSubPath() == null || mount.getSubPath().isEmpty() ? dir : dir.resolve(mount.getSubPath());
            files.mounts.put(trimSlash(mount.getMountPath()), local);
        }
        return files;
    }

    /** The local file for a path inside the container, via the longest matching mount. */
    Optional<Path> translate(String containerPath) {
        return mounts.entrySet().stream()
                .filter(m -> containerPath.equals(m.getKey()) || containerPath.startsWith(m.getKey() + "/"))
                .max(Comparator.comparingInt(m -> m.getKey().length()))
                .map(m -> containerPath.equals(m.getKey()) ? m.getValue()
                        : m.getValue().resolve(containerPath.substring(m.getKey().length() + 1)));
    }

    Path root() {
        return root;
    }

    /** Creates the emptyDir volumes of one replica (each pod has its own, as on a node). */
    void createEmptyDirs(String podName) {
        try {
            for (Path dir : emptyDirs) {
                Files.createDirectories(Path.of(dir.toString().replace(POD_NAME, podName)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the emptyDir volumes of " + podName + " under " + root, e);
        }
    }

    /** An emptyDir's folder; POD_NAME in it is replaced per replica, like the worker's environment. */
    private Path emptyDir(String volume) {
        Path dir = root.resolve("empty").resolve(volume).resolve(POD_NAME);
        emptyDirs.add(dir);
        return dir;
    }

    private Path writeVolume(String name, Map<String, byte[]> content) {
        Path dir = root.resolve("volumes").resolve(name);
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> file : content.entrySet()) {
                Path target = dir.resolve(file.getKey()).normalize();
                if (!target.startsWith(dir)) {
                    throw new LocalModeException("volume " + name + " has a key that escapes its folder: " + file.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write volume " + name + " under " + dir, e);
        }
        return dir;
    }

    private static Map<String, byte[]> volumeContent(KubernetesClient client, String namespace, Volume volume) {
        if (volume.getConfigMap() != null) {
            String name = volume.getConfigMap().getName();
            ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
            if (cm == null) {
                throw new LocalModeException("ConfigMap " + namespace + "/" + name + " (volume " + volume.getName() + ") not found");
            }
            Map<String, byte[]> all = new HashMap<>();
            Optional.ofNullable(cm.getData()).orElse(Map.of())
                    .forEach((k, v) -> all.put(k, v.getBytes(StandardCharsets.UTF_8)));
            Optional.ofNullable(cm.getBinaryData()).orElse(Map.of())
                    .forEach((k, v) -> all.put(k, Base64.getDecoder().decode(v)));
            return select(all, volume.getConfigMap().getItems());
        }
        if (volume.getSecret() != null) {
            String name = volume.getSecret().getSecretName();
            Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
            if (secret == null) {
                throw new LocalModeException("Secret " + namespace + "/" + name + " (volume " + volume.getName() + ") not found");
            }
            Map<String, byte[]> all = new HashMap<>();
            Optional.ofNullable(secret.getData()).orElse(Map.of())
                    .forEach((k, v) -> all.put(k, Base64.getDecoder().decode(v)));
            Optional.ofNullable(secret.getStringData()).orElse(Map.of())
                    .forEach((k, v) -> all.put(k, v.getBytes(StandardCharsets.UTF_8)));
            return select(all, volume.getSecret().getItems());
        }
        return null;
    }

    /** Applies a volume's items (key to path); without items every key becomes a file of its own name. */
    private static Map<String, byte[]> select(Map<String, byte[]> all, List<KeyToPath> items) {
        if (items == null || items.isEmpty()) {
            return all;
        }
        Map<String, byte[]> selected = new HashMap<>();
        for (KeyToPath item : items) {
            byte[] value = all.get(item.getKey());
            if (value == null) {
                throw new LocalModeException("key " + item.getKey() + " is not in the mounted object");
            }
            selected.put(item.getPath(), value);
        }
        return selected;
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
