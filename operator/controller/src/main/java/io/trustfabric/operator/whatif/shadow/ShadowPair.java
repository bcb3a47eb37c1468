package io.trustfabric.operator.whatif.shadow;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.operator.tenant.WorkerEndpoints;
import io.trustfabric.operator.whatif.ScenarioFailure;
import io.trustfabric.operator.whatif.ScenarioProgress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two short-lived shadow workers of one run. {@link #start} removes what an earlier run of the same scenario
 * left (an operator restart mid-run), creates both sides' objects and waits until each Deployment has a ready
 * replica; {@link #close} deletes them whatever happened. The owner reference on every object lets the garbage
 * collector remove leftovers once the scenario itself is deleted.
 */
public final class ShadowPair implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowPair.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final KubernetesClient client;
    private final String namespace;
    private final String scenario;
    private URI baseline;
    private URI candidate;

    private ShadowPair(KubernetesClient client, String namespace, String scenario) {
        this.client = client;
        this.namespace = namespace;
        this.scenario = scenario;
    }

    /**
     * Starts both sides and waits up to {@code readyTimeout} for them. On any failure the objects are deleted before
     * the exception leaves.
     */
    public static ShadowPair start(KubernetesClient client, WorkerEndpoints endpoints, String namespace, String scenario,
                                   ShadowWorkerResources.ShadowObjects baseline,
                                   ShadowWorkerResources.ShadowObjects candidate, Duration readyTimeout,
                                   ScenarioProgress progress) throws ScenarioFailure {
        ShadowPair pair = new ShadowPair(client, namespace, scenario);
        boolean started = false;
        try {
            deleteLeftovers(client, namespace, scenario);
            for (HasMetadata object : baseline.all()) {
                client.resource(object).create();
            }
            for (HasMetadata object : candidate.all()) {
                client.resource(object).create();
            }
            pair.awaitReady(endpoints, baseline.deployment().getMetadata().getName(),
                    candidate.deployment().getMetadata().getName(), readyTimeout, progress);
            started = true;
            return pair;
        } catch (KubernetesClientException e) {
            throw new ScenarioFailure("ShadowWorkersNotCreated", "cannot create the shadow workers of " + namespace
                    + "/" + scenario + ": " + e.getMessage());
        } finally {
            if (!started) {
                pair.close();
            }
        }
    }

    public URI baseline() {
        return baseline;
    }

    public URI candidate() {
        return candidate;
    }

    private void awaitReady(WorkerEndpoints endpoints, String baselineName, String candidateName, Duration timeout,
                            ScenarioProgress progress) throws ScenarioFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (progress.cancelled()) {
                throw new ScenarioFailure("Cancelled", "the scenario changed or was deleted while its shadow workers "
                        + "started; they were removed");
            }
            List<URI> b = ready(endpoints, baselineName);
            List<URI> c = ready(endpoints, candidateName);
            if (!b.isEmpty() && !c.isEmpty()) {
                baseline = b.get(0);
                candidate = c.get(0);
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ScenarioFailure("CandidateNotReady", "the shadow workers were not ready within "
                        + timeout.toSeconds() + " s: " + seen(baselineName, b) + "; " + seen(candidateName, c));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScenarioFailure("Cancelled", "interrupted while waiting for the shadow workers");
            }
        }
    }

    private List<URI> ready(WorkerEndpoints endpoints, String deployment) {
        try {
            return endpoints.ready(namespace, deployment);
        } catch (RuntimeException e) {
            LOG.debug("what-if {}/{}: endpoints of {} not known yet: {}", namespace, scenario, deployment, e.getMessage());
            return List.of();
        }
    }

    /** What the Deployment reported: replicas, ready replicas and its Available condition's message. */
    private String seen(String name, List<URI> ready) {
        if (!ready.isEmpty()) {
            return name + " ready";
        }
        Deployment deployment;
        try {
            deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            return name + " not readable (" + e.getMessage() + ")";
        }
        if (deployment == null) {
            return name + " missing";
        }
        var status = deployment.getStatus();
        if (status == null) {
            return name + " has no status yet (no replica started)";
        }
        String available = status.getConditions() == null ? "" : status.getConditions().stream()
                .filter(c -> "Available".equals(c.getType())).findFirst()
                .map(c -> ", Available=" + c.getStatus() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")"))
                .orElse("");
        return name + " " + (status.getReadyReplicas() == null ? 0 : status.getReadyReplicas()) + "/"
                + (status.getReplicas() == null ? 0 : status.getReplicas()) + " replicas ready" + available;
    }

    /**
     * Deletes every shadow object a run of {@code scenario} made (Deployments and ConfigMaps): those with the
     * run's labels that the scenario owns, one by one (the operator may delete, not delete collections), so a labelled
     * object someone else made is never touched.
     */
    public static void deleteLeftovers(KubernetesClient client, String namespace, String scenario) {
        String selector = ShadowLabels.runSelector(scenario);
        List<HasMetadata> leftovers = new java.util.ArrayList<>();
        leftovers.addAll(client.apps().deployments().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        leftovers.addAll(client.configMaps().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        leftovers.stream().filter(object -> ownedBy(object, scenario))
                .forEach(object -> client.resource(object).delete());
    }

    private static boolean ownedBy(HasMetadata object, String scenario) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(owner -> "WhatIfScenario".equals(owner.getKind()) && scenario.equals(owner.getName()));
    }

    @Override
    public void close() {
        try {
            deleteLeftovers(client, namespace, scenario);
        } catch (KubernetesClientException e) {
            // the owner references still let the garbage collector remove them with the scenario
            LOG.warn("what-if {}/{}: could not delete the shadow workers: {}", namespace, scenario, e.getMessage());
        }
    }
}
