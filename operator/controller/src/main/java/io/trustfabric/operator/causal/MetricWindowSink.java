package io.trustfabric.operator.causal;

/** Receives each tenant's metric windows as the SLA sampler closes them (every scrape). */
@FunctionalInterface
public interface MetricWindowSink {

    MetricWindowSink NONE = window -> { };

    void accept(MetricWindow window);
}
