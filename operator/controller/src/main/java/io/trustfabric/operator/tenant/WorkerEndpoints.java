package io.trustfabric.operator.tenant;

import java.net.URI;
import java.util.List;

/**
 * Where the operator reaches the ready replicas of a worker Deployment over HTTP (to scrape {@code /metrics}, and to
 * send golden queries): on a cluster the pods' IPs and the container port named {@code http}; in local mode the
 * loopback endpoints of the local worker processes.
 */
@FunctionalInterface
public interface WorkerEndpoints {

    /** Base URIs ({@code http://host:port}) of the Deployment's ready replicas; empty when none is ready. */
    List<URI> ready(String namespace, String deployment);
}
