package io.trustfabric.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events (core/v1) on the resources the operator manages; shown by kubectl describe.
 * Like the Kubernetes event recorder, a repeat of the same event (same object, type, reason and message) updates
 * the existing Event's count and last timestamp instead of adding another object, so a reconcile that runs twice on
 * a stale cache does not report one state change twice.
 */
public class EventPublisher {

    public static final String COMPONENT = "trust-fabric-operator";
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final String reportingInstance;
    private final Map<String, Integer> counts = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > 4096;
        }
    });

    public EventPublisher(KubernetesClient client, Clock clock, String reportingInstance) {
        this.client = client;
        this.clock = clock;
        this.reportingInstance = reportingInstance;
    }

    /**
     * Best effort: a failed event is logged, never fails the reconciliation. Events about a cluster-scoped object
     * (a PolicyMacro) go to the namespace "default", where the API server requires them and kubectl describe finds
     * them.
     */
    public void publish(HasMetadata regarding, String type, String reason, String message) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(eventName(regarding, type, reason, message))
                .withNamespace(namespaceOf(regarding))
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(regarding.getApiVersion())
                        .withKind(regarding.getKind())
                        .withName(regarding.getMetadata().getName())
                        .withNamespace(regarding.getMetadata().getNamespace())
                        .withUid(regarding.getMetadata().getUid())
                        .withResourceVersion(regarding.getMetadata().getResourceVersion())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withReportingInstance(reportingInstance)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        String namespace = namespaceOf(regarding);
        try {
            try {
                client.v1().events().inNamespace(namespace).resource(event).create();
                counts.put(event.getMetadata().getName(), 1);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                int count = counts.merge(event.getMetadata().getName(), 2, (old, one) -> old + 1);
                client.v1().events().inNamespace(namespace).withName(event.getMetadata().getName())
                        .patch(PatchContext.of(PatchType.JSON_MERGE),
                                "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
            }
        } catch (KubernetesClientException e) {
            LOG.warn("Could not record event {} on {}/{}: {}", reason, regarding.getKind(),
                    regarding.getMetadata().getName(), e.getMessage());
        }
    }

    private static String namespaceOf(HasMetadata regarding) {
        String namespace = regarding.getMetadata().getNamespace();
        return namespace == null || namespace.isEmpty() ? "default" : namespace;
    }

    private static String eventName(HasMetadata regarding, String type, String reason, String message) {
        String identity = regarding.getMetadata().getUid() + "|" + type + "|" + reason + "|" + message;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return regarding.getMetadata().getName() + "." + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
