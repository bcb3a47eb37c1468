package io.trustfabric.cli.local;

import io.trustfabric.operator.tenant.WorkerEndpoints;
import java.net.URI;
import java.util.List;

/**
 * Where the in-process operator reaches local worker replicas (to scrape their /metrics for the SLA): the loopback
 * endpoints of the Deployment's ready local processes. The operator starts before the local Deployments run, so they
 * are attached afterwards; until then no replica is ready.
 */
final class LocalWorkerEndpoints implements WorkerEndpoints {

    private volatile LocalDeployments deployments;

    void attach(LocalDeployments running) {
        this.deployments = running;
    }

    @Override
    public List<URI> ready(String namespace, String deployment) {
        LocalDeployments running = deployments;
        if (running == null) {
            return List.of();
        }
        return running.replicas().stream()
                .filter(r -> r.namespace().equals(namespace) && r.name().equals(deployment))
                .flatMap(r -> r.processes().stream())
                .filter(LocalWorkerProcess::isReady)
                .map(p -> URI.create(p.endpoint()))
                .toList();
    }
}
