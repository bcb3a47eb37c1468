package io.trustfabric.operator.whatif.golden;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.DatasetSource;
import io.trustfabric.operator.tenant.DatasetObservation;
import io.trustfabric.operator.tenant.TenantObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a data set's items the way the worker does (one item per line, blank lines skipped) from where a
 * {@link DatasetSource} points. The items stay in memory; only counts and digests are ever reported.
 */
public final class DatasetItems {

    private DatasetItems() {
    }

    /** Where the source points and its items; empty when the object or key is missing. */
    public record Read(DatasetObservation observation, Optional<List<String>> items) {
    }

    public static Read read(KubernetesClient client, String namespace, DatasetSource source) {
        DatasetObservation observation = TenantObserver.observeDataset(source, namespace, client);
        if (observation.state() != DatasetObservation.State.PRESENT) {
            return new Read(observation, Optional.empty());
        }
        String text = switch (observation.source()) {
            case INLINE -> source.getInline();
            case SECRET -> secretText(client.secrets().inNamespace(namespace).withName(observation.name()).get(),
                    observation.key());
            case CONFIG_MAP -> configMapText(client.configMaps().inNamespace(namespace).withName(observation.name())
                    .get(), observation.key());
        };
        return new Read(observation, Optional.ofNullable(text).map(DatasetItems::lines));
    }

    static List<String> lines(String text) {
        List<String> items = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    items.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    private static String secretText(Secret secret, String key) {
        if (secret == null) {
            return null;
        }
        String encoded = value(secret.getData(), key);
        if (encoded != null) {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
        return value(secret.getStringData(), key);
    }

    private static String configMapText(ConfigMap configMap, String key) {
        if (configMap == null) {
            return null;
        }
        String text = value(configMap.getData(), key);
        if (text != null) {
            return text;
        }
        String binary = value(configMap.getBinaryData(), key);
        return binary == null ? null : new String(Base64.getDecoder().decode(binary), StandardCharsets.UTF_8);
    }

    private static String value(Map<String, String> data, String key) {
        return data == null ? null : data.get(key);
    }
}
